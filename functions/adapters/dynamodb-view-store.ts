import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ViewKey } from '../../domain/views/projection.js';
import type { ListQuery, StoredView, ViewFilter, ViewPage, ViewStore } from '../app/view-store.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/** Cursors are opaque to callers; a tampered one can only name another key of the same partition. */
export function decodeCursor(cursor: string | undefined, partitionAttribute: string, partition: string) {
  if (!cursor) return undefined;
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (typeof key !== 'object' || key === null || key[partitionAttribute] !== partition)
    throw new InvalidCursor();
  return key;
}

export class InvalidCursor extends Error {
  constructor() {
    super('cursor is not valid for this list');
  }
}

/** Turns document filters into a FilterExpression with placeholders (no user text ever becomes syntax). */
function filterExpression(
  where: readonly ViewFilter[],
  names: Record<string, string>,
  values: Record<string, unknown>,
) {
  const clauses = where.map((filter, i) => {
    const path = filter.field
      .map((segment, j) => {
        const placeholder = `#f${i}_${j}`;
        names[placeholder] = segment;
        return placeholder;
      })
      .join('.');
    values[`:f${i}`] = filter.value;
    return `${path} ${filter.op} :f${i}`;
  });
  return ['attribute_not_exists(deleted)', ...clauses].join(' AND ');
}

const BATCH_GET_LIMIT = 100;

export class DynamoDbViewStore implements ViewStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get<D>(key: ViewKey): Promise<StoredView<D> | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key }));
    return result.Item as StoredView<D> | undefined;
  }

  async getMany<D>(keys: readonly ViewKey[]): Promise<StoredView<D>[]> {
    const found: StoredView<D>[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] | undefined = keys
        .slice(i, i + BATCH_GET_LIMIT)
        .map(({ pk, sk }) => ({ pk, sk }));
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const result = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
        );
        found.push(...((result.Responses?.[this.tableName] ?? []) as StoredView<D>[]));
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }

  async putIfUnchanged(item: StoredView, previousVersion: number | undefined): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(previousVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'appliedVersion = :previous',
                ExpressionAttributeValues: { ':previous': previousVersion },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async list<D>(query: ListQuery): Promise<ViewPage<D>> {
    const conditions = ['gsi1pk = :list'];
    const values: Record<string, unknown> = { ':list': query.list };
    if (query.from !== undefined && query.to !== undefined) {
      conditions.push('gsi1sk BETWEEN :from AND :to');
      values[':from'] = query.from;
      values[':to'] = query.to;
    } else if (query.from !== undefined) {
      conditions.push('gsi1sk >= :from');
      values[':from'] = query.from;
    } else if (query.to !== undefined) {
      conditions.push('gsi1sk <= :to');
      values[':to'] = query.to;
    }
    const names: Record<string, string> = {};
    const filter = filterExpression(query.where ?? [], names, values);
    // Filters apply after DynamoDB's Limit, so keep reading until the page is full or the list ends.
    const items: StoredView<D>[] = [];
    let startKey = decodeCursor(query.cursor, 'gsi1pk', query.list);
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: conditions.join(' AND '),
          FilterExpression: filter,
          ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
          ExpressionAttributeValues: values,
          Limit: query.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((result.Items ?? []) as StoredView<D>[]));
      startKey = result.LastEvaluatedKey;
    } while (startKey && items.length < query.limit);
    return { items, nextCursor: encodeCursor(startKey) };
  }

  async partition<D>(
    pk: string,
    options: { skPrefix?: string; limit?: number; cursor?: string } = {},
  ): Promise<ViewPage<D>> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: options.skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: options.skPrefix
          ? { ':pk': pk, ':prefix': options.skPrefix }
          : { ':pk': pk },
        FilterExpression: 'attribute_not_exists(deleted)',
        Limit: options.limit,
        ExclusiveStartKey: decodeCursor(options.cursor, 'pk', pk),
      }),
    );
    return {
      items: (result.Items ?? []) as StoredView<D>[],
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
  }
}
