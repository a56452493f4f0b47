import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';

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
  return DynamoDBDocumentClient.from(instrument(new DynamoDBClient(config)), {
    // Our numbers are JavaScript's: written as they are (a large one is no less precise in DynamoDB
    // than in memory) and read back as numbers, so a large figure in a view never fails its reads.
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false, allowImpreciseNumbers: true },
    unmarshallOptions: { wrapNumbers: Number },
  });
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}
