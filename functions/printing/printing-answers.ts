import { Printable } from '../../domain/reports/printable.js';
import type { Printer, PrinterAnswer, PrinterTransport } from '../app/printer.js';

/**
 * The printer function's side: a request that is not `{ print: <Printable> }` is refused (as data,
 * naming what is wrong); a document that fails to render is refused too. The caller maps either to
 * a 500 problem: a bad document is the server's mistake, never the HTTP client's.
 */
export async function answerPrintRequest(printer: Printer, request: unknown): Promise<PrinterAnswer> {
  const document = Printable.safeParse((request as { print?: unknown } | null)?.print);
  if (!document.success)
    return {
      ok: false,
      refusal: {
        kind: 'internal',
        code: 'unprintable-document',
        detail: `not a printable document: ${document.error.issues
          .slice(0, 5)
          .map((issue) => `${['print', ...issue.path].join('.')}: ${issue.message}`)
          .join('; ')}`,
      },
    };
  try {
    return { ok: true, pdf: Buffer.from(await printer.print(document.data)).toString('base64') };
  } catch (error) {
    return {
      ok: false,
      refusal: {
        kind: 'internal',
        code: 'printer-failed',
        detail: `the printer failed: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}

/** In one process (the everything-root, CLIs, tests): the same validation, no boundary to cross. */
export const printInProcess =
  (printer: Printer): PrinterTransport =>
  (request) =>
    answerPrintRequest(printer, request);
