import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { storeBusy } from './dynamodb-client.js';

/** Keys per BatchGetItem (DynamoDB's limit). */
const BATCH_GET_LIMIT = 100;
/** BatchGetItems per chunk before keys the engine keeps leaving unprocessed fail the read (about 3 s of pauses). */
const ATTEMPTS = 8;

/**
 * Items of one table by key (each key asked for once), a hundred keys per BatchGetItem (the chunks read at once), retrying
 * what the engine left unprocessed with a growing pause, a bounded number of times: then the read fails
 * as the store being busy (503), never as a Lambda timing out. Missing items are left out; order is not kept.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: { consistentRead?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  // The engine refuses a request naming one key twice; each is asked for once.
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) chunks.push(unique.slice(i, i + BATCH_GET_LIMIT));
  const pages = await Promise.all(
    chunks.map(async (chunk) => {
      const found: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] | undefined = chunk;
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt === ATTEMPTS) throw storeBusy();
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const result = await client.send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistentRead } },
          }),
        );
        found.push(...(result.Responses?.[tableName] ?? []));
        pending = result.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
      return found;
    }),
  );
  return pages.flat();
}
