import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inProcessEngineAt } from './in-process-engines.js';

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
