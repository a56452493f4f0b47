import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { inProcessEngineAt } from '../../functions/adapters/in-process-engines.js';
import { allTables, type TableDesign } from '../tables.js';

export interface TableNames {
  readonly EVENTS_TABLE: string;
  readonly VIEWS_TABLE: string;
  readonly IDEMPOTENCY_TABLE: string;
}

export const defaultTableNames: TableNames = {
  EVENTS_TABLE: 'Events',
  VIEWS_TABLE: 'Views',
  IDEMPOTENCY_TABLE: 'Idempotency',
};

function createTableInput(design: TableDesign, tableName: string) {
  const attributes = new Map<string, 'S' | 'N'>();
  const keys = [
    design.partitionKey,
    design.sortKey,
    ...design.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  for (const key of keys) if (key) attributes.set(key.name, key.type);
  const keySchema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: keySchema(design.partitionKey, design.sortKey),
    ...(design.indexes.length > 0
      ? {
          GlobalSecondaryIndexes: design.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  });
}

/** Creates the three tables if they are missing (the same designs the CDK app deploys). */
export async function createTables(endpoint: string, names: TableNames = defaultTableNames): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: inProcessEngineAt(endpoint),
  });
  const nameOf: Record<string, string> = {
    Events: names.EVENTS_TABLE,
    Views: names.VIEWS_TABLE,
    Idempotency: names.IDEMPOTENCY_TABLE,
  };
  try {
    for (const design of allTables) {
      try {
        await client.send(createTableInput(design, nameOf[design.logicalName]!));
      } catch (error) {
        if (!(error instanceof ResourceInUseException) && (error as Error).name !== 'ResourceInUseException')
          throw error;
      }
    }
    // A table answers only once ACTIVE (dynalite flips it on a timer, even at 0 ms): a client in the
    // same process can otherwise get there first and be told the table does not exist.
    for (const tableName of Object.values(nameOf)) {
      for (;;) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
        if (Table?.TableStatus === 'ACTIVE') break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  } finally {
    client.destroy();
  }
}
