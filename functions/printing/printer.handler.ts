import type { PrinterAnswer } from '../app/printer.js';
import { pdfPrinter } from './pdf-printer.js';
import { answerPrintRequest } from './printing-answers.js';

/**
 * Builds this entry's handler. The printer touches no table and no key: it turns `{ print: Printable }`
 * into `{ ok: true, pdf: <base64> }` or `{ ok: false, refusal }`. (`create` takes the same arguments
 * as every entry module, so the local runtime loads it like the others; it needs neither.)
 */
export const create =
  (_config?: unknown, _overrides?: unknown) =>
  (event: unknown): Promise<PrinterAnswer> =>
    answerPrintRequest(pdfPrinter, event);

/** Lambda entry point: invoked synchronously by the queries function (and the local runtime in process). */
export const handler = create();
