import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/**
 * A synchronous call of another function of the stack (the mailer, the printer): the request goes
 * as JSON, the answer comes back as JSON data (refusals included, never thrown across). A crash or
 * timeout of the called function is an error here (500), never a silent success; `who` names it.
 */
export function invokeFunction<Request, Answer>(
  client: LambdaClient,
  functionName: string,
  who: string,
): (request: Request) => Promise<Answer> {
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
      throw new Error(`${who} function failed (${answer.FunctionError}): ${text.slice(0, 500)}`);
    return JSON.parse(text) as Answer;
  };
}
