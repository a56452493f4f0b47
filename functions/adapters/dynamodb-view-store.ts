import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentGroup, DocumentRef } from '../../domain/shared/projection.js';
import {
  InvalidCursor,
  type ListQuery,
  newRevision,
  type StoredView,
  type ViewFilter,
  type ViewPage,
  type ViewStore,
} from '../app/view-store.js';
import { batchGetAll } from './batch-get.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';
import { storable } from './dynamodb-numbers.js';
import {
  documentsFor,
  fromItem,
  groupKeyOf,
  keyOf,
  sliceKeysOf,
  type TableItem,
  toItem,
} from './view-layout.js';

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/** The key attributes a page of each kind of read ends on (every one a string, see `viewsTable`). */
const TABLE_KEY = ['pk', 'sk'] as const;
const LIST_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

/** DynamoDB's limit for a sort key value; partition keys may be longer, but ours never are. */
const MAX_KEY_BYTES = 1024;

/**
 * Cursors are opaque to callers, but they come back from them: a cursor must be exactly the key a
 * page of this read ends on (the same attributes, every one a non-empty string within DynamoDB's key
 * size) and of this read's partition. Anything else would reach DynamoDB as an invalid start key (a
 * 500), or start another list.
 */
export function decodeCursor(
  cursor: string | undefined,
  keyAttributes: readonly string[],
  partitionAttribute: string,
  partition: string,
): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw new InvalidCursor();
  const given = Object.keys(decoded);
  if (given.length !== keyAttributes.length || !keyAttributes.every((name) => Object.hasOwn(decoded, name)))
    throw new InvalidCursor();
  const key: Record<string, string> = {};
  for (const name of keyAttributes) {
    const value = (decoded as Record<string, unknown>)[name];
    if (typeof value !== 'string' || value === '' || Buffer.byteLength(value) > MAX_KEY_BYTES)
      throw new InvalidCursor();
    key[name] = value;
  }
  if (key[partitionAttribute] !== partition) throw new InvalidCursor();
  return key;
}

/** DynamoDB orders string keys by their UTF-8 bytes, not by JavaScript's UTF-16 code units. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

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

export class DynamoDbViewStore implements ViewStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get<D>(ref: DocumentRef): Promise<StoredView<D> | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keyOf(ref) }));
    return result.Item ? { ...fromItem<D>(result.Item as TableItem), ref } : undefined;
  }

  async getMany<D>(refs: readonly DocumentRef[]): Promise<StoredView<D>[]> {
    const items = await batchGetAll(
      this.client,
      this.tableName,
      refs.map((ref) => ({ ...keyOf(ref) })),
    );
    return documentsFor<D>(refs, items as unknown as TableItem[]);
  }

  async putIfUnchanged(
    view: StoredView,
    previous: Pick<StoredView, 'appliedVersion' | 'revision'> | undefined,
  ): Promise<boolean> {
    const condition =
      previous === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : previous.revision === undefined
          ? {
              ConditionExpression: 'appliedVersion = :previous AND attribute_not_exists(revision)',
              ExpressionAttributeValues: { ':previous': previous.appliedVersion },
            }
          : {
              ConditionExpression: 'appliedVersion = :previous AND revision = :revision',
              ExpressionAttributeValues: {
                ':previous': previous.appliedVersion,
                ':revision': previous.revision,
              },
            };
    const item = toItem(view);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...item, data: storable(item.data), revision: newRevision() },
          ...condition,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async putIfNewer(view: StoredView): Promise<boolean> {
    const item = toItem(view);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...item, data: storable(item.data), revision: newRevision() },
          ConditionExpression: 'attribute_not_exists(pk) OR appliedVersion < :version',
          ExpressionAttributeValues: { ':version': item.appliedVersion },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async list<D>(listQuery: ListQuery): Promise<ViewPage<D>> {
    const query = { ...listQuery, ...sliceKeysOf(listQuery) };
    // A slice that ends before it starts holds nothing; DynamoDB refuses its key condition outright.
    if (query.from !== undefined && query.to !== undefined && byteOrder(query.from, query.to) > 0)
      return { items: [], nextCursor: undefined };
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
    const items: TableItem[] = [];
    let startKey: Record<string, unknown> | undefined = decodeCursor(
      query.cursor,
      LIST_KEY,
      'gsi1pk',
      query.list,
    );
    // DynamoDB refuses a start key outside the key condition ("outside query boundaries").
    const sortKey = startKey?.gsi1sk as string | undefined;
    if (
      sortKey !== undefined &&
      ((query.from !== undefined && byteOrder(sortKey, query.from) < 0) ||
        (query.to !== undefined && byteOrder(sortKey, query.to) > 0))
    )
      throw new InvalidCursor();
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
      items.push(...((result.Items ?? []) as TableItem[]));
      startKey = result.LastEvaluatedKey;
    } while (startKey && items.length < query.limit);
    return {
      items: items.map((item) => fromItem<D>(item)),
      nextCursor: encodeCursor(startKey),
      cursorAfter: (index) => {
        const item = items[index] as Record<string, unknown> | undefined;
        return item && encodeCursor(Object.fromEntries(LIST_KEY.map((name) => [name, item[name]])));
      },
    };
  }

  async group<D>(
    group: DocumentGroup,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<ViewPage<D>> {
    const { pk, skPrefix } = groupKeyOf(group);
    const startKey = decodeCursor(options.cursor, TABLE_KEY, 'pk', pk);
    if (startKey && skPrefix && !startKey.sk!.startsWith(skPrefix)) throw new InvalidCursor();
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':prefix': skPrefix } : { ':pk': pk },
        FilterExpression: 'attribute_not_exists(deleted)',
        Limit: options.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: ((result.Items ?? []) as TableItem[]).map((item) => fromItem<D>(item)),
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
  }
}
