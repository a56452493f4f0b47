import { LambdaClient } from '@aws-sdk/client-lambda';
import type { PrinterTransport } from '../app/printer.js';
import { invokeFunction } from './lambda-invoke.js';
import { traced } from './tracing.js';

/**
 * On AWS the queries function does not carry the layout engine or the font: it invokes the printer
 * function and waits for its answer. The PDF comes back base64 in JSON, so it must stay under
 * Lambda's 6 MB response (≈ 4.4 MB of PDF).
 */
export const invokePrinterFunction = (client: LambdaClient, functionName: string): PrinterTransport =>
  invokeFunction(client, functionName, 'printer');

export const createPrinterInvoker = (functionName: string) =>
  invokePrinterFunction(traced(new LambdaClient({})), functionName);
