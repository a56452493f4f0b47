import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ViewKey } from '../../domain/views/projection.js';
import type { ListQuery, StoredView, ViewPage, ViewStore } from '../app/view-store.js';
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

export class DynamoDbViewStore implements ViewStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get<D>(key: ViewKey): Promise<StoredView<D> | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key }));
    return result.Item as StoredView<D> | undefined;
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
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: conditions.join(' AND '),
        ExpressionAttributeValues: values,
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor, 'gsi1pk', query.list),
      }),
    );
    return {
      items: (result.Items ?? []) as StoredView<D>[],
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
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
