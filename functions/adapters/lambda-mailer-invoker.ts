import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { MailerAnswer, MailerTransport } from '../reports/report-sending.js';

/**
 * On AWS the commands function may not send email: it invokes the mailer function and waits for its
 * answer. A crash or timeout of the mailer is an error here (500), never a silent success.
 */
export function invokeMailerFunction(client: LambdaClient, functionName: string): MailerTransport {
  return async (event) => {
    const answer = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
    const text = answer.Payload ? new TextDecoder().decode(answer.Payload) : '';
    if (answer.FunctionError)
      throw new Error(`mailer function failed (${answer.FunctionError}): ${text.slice(0, 500)}`);
    return JSON.parse(text) as MailerAnswer;
  };
}

export const createMailerInvoker = (functionName: string) =>
  invokeMailerFunction(new LambdaClient({}), functionName);
