import type { Printable } from '../../domain/reports/printable.js';
import { ForwardedRefusal, type Refusal } from './errors.js';

/**
 * Turns a neutral document into PDF bytes. Only the printer function carries the layout engine and
 * the CJK font: the HTTP functions reach it through a transport (a synchronous invoke on AWS, its
 * handler in process locally), so their bundles stay small.
 */
export interface Printer {
  print(document: Printable): Promise<Uint8Array>;
}

/** What the printer function is sent. */
export interface PrintRequest {
  readonly print: Printable;
}

/** What it answers: the PDF (base64, as JSON crosses Lambda), or its refusal as data, never a thrown error. */
export type PrinterAnswer = { ok: true; pdf: string } | { ok: false; refusal: Refusal };

/** How a function reaches the printer function. */
export type PrinterTransport = (request: PrintRequest) => Promise<PrinterAnswer>;

/** The caller's side: the bytes, or the printer's refusal rethrown so it reaches the client unchanged. */
export function pdfFrom(answer: PrinterAnswer): Uint8Array {
  if (answer.ok) return new Uint8Array(Buffer.from(answer.pdf, 'base64'));
  throw new ForwardedRefusal(answer.refusal);
}

/** A printer that is the printer function, over a transport. */
export const printThrough = (transport: PrinterTransport): Printer => ({
  print: async (document) => pdfFrom(await transport({ print: document })),
});

/** The printer of a function that may not print (the commands function): a call is a bug, so it fails loudly. */
export const noPrinter = (who: string): Printer => ({
  print: async () => {
    throw new Error(`${who} does not print; printing is a query's work (the printer function)`);
  },
});
