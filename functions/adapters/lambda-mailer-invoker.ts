import { LambdaClient } from '@aws-sdk/client-lambda';
import type { MailerTransport } from '../app/reports/report-sending.js';
import { invokeFunction } from './lambda-invoke.js';
import { traced } from './tracing.js';

/** On AWS the commands function may not send email: it invokes the mailer function and waits for its answer. */
export const invokeMailerFunction = (client: LambdaClient, functionName: string): MailerTransport =>
  invokeFunction(client, functionName, 'mailer');

export const createMailerInvoker = (functionName: string) =>
  invokeMailerFunction(traced(new LambdaClient({})), functionName);
