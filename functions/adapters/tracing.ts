import { Tracer } from '@aws-lambda-powertools/tracer';

let tracer: Tracer | undefined;

/**
 * One X-Ray tracer per container: every AWS SDK client a function builds goes through `traced`, so
 * each DynamoDB, KMS, SES, SQS, Lambda or EventBridge call is a subsegment of the invocation's
 * trace. Off outside Lambda (Powertools checks the execution environment): locally it costs nothing.
 */
export function traced<C>(client: C): C {
  tracer ??= new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'community-culture-ledger' });
  return tracer.captureAWSv3Client(client);
}
