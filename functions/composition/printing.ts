import { createPrinterInvoker } from '../adapters/lambda-printer-invoker.js';
import { noPrinter, type Printer, printThrough } from '../app/printer.js';
import type { Config } from '../config.js';
import type { Overrides } from './core.js';

/**
 * The queries function's printer: the printer function, through the local runtime's transport or a
 * synchronous invoke. Module load builds a handler from the local environment too, so a missing
 * name fails the call, not the import. (Never the renderer itself: pdfkit and the font stay out of
 * the queries bundle.)
 */
export function printerFor(config: Config, overrides: Overrides = {}): Printer {
  if (overrides.invokePrinter) return printThrough(overrides.invokePrinter);
  if (config.PRINTER_FUNCTION_NAME) return printThrough(createPrinterInvoker(config.PRINTER_FUNCTION_NAME));
  return {
    print: async () => {
      throw new Error('the queries function has no PRINTER_FUNCTION_NAME to hand documents to');
    },
  };
}

/** The commands function records facts; it prints nothing (nor may it invoke the printer). */
export const commandsPrinter: Printer = noPrinter('the commands function');
