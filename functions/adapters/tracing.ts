import { Tracer } from '@aws-lambda-powertools/tracer';

let tracer: Tracer | undefined;

/**
 * One X-Ray tracer per container: every AWS SDK client a function builds goes through `traced`, so
 * each DynamoDB, KMS, SES, SQS, Lambda or EventBridge call is a subsegment of the invocation's
 * trace. Off outside Lambda (Powertools checks the execution environment): locally it costs nothing.
 */
export function traced<C>(client: C): C {
  return tracerOfContainer().captureAWSv3Client(client);
}

/**
 * Marks the invocation's segment with the service and whether this was a cold start (Lambda makes
 * the segment): what a function that calls no AWS service (the printer) shows in its traces.
 */
export function annotateInvocation(): void {
  const tracer = tracerOfContainer();
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
}

function tracerOfContainer(): Tracer {
  tracer ??= new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'community-culture-ledger' });
  return tracer;
}
