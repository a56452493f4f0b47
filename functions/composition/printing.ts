import { noPrinter, type Printer, type PrinterTransport, printThrough } from '../app/printer.js';
import { createPrinterInvoker } from '../printing/lambda-printer-invoker.js';

/** What the local runtime and tests hand in instead of invoking the printer function on AWS. */
export interface PrinterOverrides {
  /** The local runtime's stand-in for invoking the printer function: its handler, in process. */
  readonly invokePrinter?: PrinterTransport;
}

/** On AWS the stack names the printer function to the queries function (`PRINTER_FUNCTION_NAME`). */
export const printerFunctionName = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env.PRINTER_FUNCTION_NAME || undefined;

/**
 * The queries function's printer: the printer function, through the local runtime's transport or a
 * synchronous invoke. Module load builds a handler from the local environment too, so a missing
 * name fails the call, not the import. (Never the renderer itself: pdfkit and the font stay out of
 * the queries bundle.)
 */
export function printerFor(overrides: PrinterOverrides, functionName = printerFunctionName()): Printer {
  if (overrides.invokePrinter) return printThrough(overrides.invokePrinter);
  if (functionName) return printThrough(createPrinterInvoker(functionName));
  return {
    print: async () => {
      throw new Error('the queries function has no PRINTER_FUNCTION_NAME to hand documents to');
    },
  };
}

/** The commands function records facts; it prints nothing (nor may it invoke the printer). */
export const commandsPrinter: Printer = noPrinter('the commands function');
