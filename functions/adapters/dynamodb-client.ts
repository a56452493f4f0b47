import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  HttpRequest,
  HttpResponse,
  InitializeMiddleware,
  MetadataBearer,
  RequestHandler,
} from '@smithy/types';
import { ApplicationError } from '../app/errors.js';

/**
 * Where the local runtime registers the engines that live in its very process, by endpoint (see
 * `in-process-engines.ts`, which the Lambda bundles never carry). A client for such an endpoint hands
 * its requests to the engine directly; on AWS nothing is registered and clients use the network.
 * On `globalThis`, so handlers loaded from their CDK bundles find them too.
 */
export const IN_PROCESS_ENGINES = Symbol.for('community-culture-ledger.in-process-engines');

type EngineHandler = RequestHandler<HttpRequest, HttpResponse>;

const inProcessEngineAt = (endpoint: string): EngineHandler | undefined =>
  (globalThis as { [IN_PROCESS_ENGINES]?: ReadonlyMap<string, EngineHandler> })[IN_PROCESS_ENGINES]?.get(
    endpoint,
  );

export interface DynamoDbConnection {
  /** Set locally (embedded engine); absent on AWS. */
  readonly endpoint?: string;
  readonly region?: string;
}

export function createDocumentClient(
  connection: DynamoDbConnection = {},
  /** Wraps the low-level client before the document client shares its middleware (X-Ray on AWS). */
  instrument: (client: DynamoDBClient) => DynamoDBClient = (client) => client,
): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = { region: connection.region ?? process.env.AWS_REGION ?? 'local' };
  if (connection.endpoint) {
    config.endpoint = connection.endpoint;
    // The embedded engines accept any credentials; never reach for a real AWS profile locally.
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    config.maxAttempts = 3;
    const inProcess = inProcessEngineAt(connection.endpoint);
    if (inProcess) config.requestHandler = inProcess;
  }
  const client = new DynamoDBClient(config);
  client.middlewareStack.add(throttlingAnswersUnavailable, {
    step: 'initialize',
    name: 'throttlingAnswersUnavailable',
  });
  return DynamoDBDocumentClient.from(instrument(client), {
    // Our numbers are JavaScript's: written as they are (a large one is no less precise in DynamoDB
    // than in memory) and read back as numbers, so a large figure in a view never fails its reads.
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false, allowImpreciseNumbers: true },
    unmarshallOptions: { wrapNumbers: Number },
  });
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/**
 * DynamoDB throttles a hot partition even on demand. The SDK retries with backoff first; a request
 * still throttled after that is the engine asking to come back later, not a fault of ours: the
 * caller gets 503 with Retry-After (and a claimed Idempotency-Key is kept for the retry), not 500.
 * Added at `initialize`, outside the SDK's retries, so it sees only what they gave up on.
 */
const throttlingAnswersUnavailable: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
  try {
    return await next(args);
  } catch (error) {
    if (isThrottled(error)) throw storeBusy();
    throw error;
  }
};

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

function isThrottled(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } } | null;
  return THROTTLING.has(e?.name ?? '') || e?.$retryable?.throttling === true;
}

export const storeBusy = () =>
  new ApplicationError('unavailable', 'store-busy', 'the data store is busy just now; retry shortly');
