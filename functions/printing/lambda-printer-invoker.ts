import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { PrinterAnswer, PrinterTransport } from '../app/printer.js';

/**
 * On AWS the queries function does not carry the layout engine or the font: it invokes the printer
 * function and waits for its answer. A crash or timeout of the printer is an error here (500). The
 * PDF comes back base64 in JSON, so it must stay under Lambda's 6 MB response (≈ 4.4 MB of PDF).
 */
export function invokePrinterFunction(client: LambdaClient, functionName: string): PrinterTransport {
  return async (request) => {
    const answer = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(request)),
      }),
    );
    const text = answer.Payload ? new TextDecoder().decode(answer.Payload) : '';
    if (answer.FunctionError)
      throw new Error(`printer function failed (${answer.FunctionError}): ${text.slice(0, 500)}`);
    return JSON.parse(text) as PrinterAnswer;
  };
}

export const createPrinterInvoker = (functionName: string) =>
  invokePrinterFunction(new LambdaClient({}), functionName);
