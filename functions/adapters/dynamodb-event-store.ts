import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeTime } from 'ulid';
import type { Commit } from '../../events/index.js';
import {
  type AppendCommit,
  type Clock,
  ConcurrencyConflict,
  type EventStore,
  type HistoryPage,
  type Ids,
  type LatestState,
  type Snapshot,
  type StreamSlice,
} from '../app/ports.js';
import { commitFromItem, isCommitItem, itemOfCommitBody, STREAM_READ, sealCommit } from './commit-item.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';
import { DynamoDbCommunityMarkers, GLOBAL_ORDER_INDEX } from './dynamodb-community-markers.js';

/** A snapshot of version v is stored at sort key v + ½ of its stream's own partition. */
const SNAPSHOT_OFFSET = 0.5;

function nextMonth(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function snapshotFromItem(streamId: string, item: Record<string, unknown>): Snapshot {
  return {
    streamId,
    version: (item.version as number) - SNAPSHOT_OFFSET,
    hash: item.hash as string,
    schema: item.schema as string,
    state: JSON.parse(inflateRawSync(item.state as Uint8Array).toString('utf8')),
  };
}

export interface DynamoDbEventStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly clock: Clock;
  readonly ids: Ids;
  /** Called after each successful append: the local runtime's stand-in for DynamoDB Streams. */
  readonly onCommitted?: (commit: Commit) => void;
}

export class DynamoDbEventStore implements EventStore {
  private readonly markers: DynamoDbCommunityMarkers;

  constructor(private readonly options: DynamoDbEventStoreOptions) {
    this.markers = new DynamoDbCommunityMarkers(options.client, options.tableName);
  }

  async append(request: AppendCommit): Promise<Commit> {
    const { client, tableName, clock, ids } = this.options;
    const recordedAt = clock.now();
    const { body, json, hash } = sealCommit(request, recordedAt, ids);
    const item = itemOfCommitBody(body, json, request.prevHash, hash);
    await this.markers.remember(request.community, recordedAt);
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(streamId)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new ConcurrencyConflict(request.streamId, request.expectedVersion);
      throw error;
    }
    const commit: Commit = { ...body, prevHash: request.prevHash, hash };
    this.options.onCommitted?.(commit);
    return commit;
  }

  async readStream(streamId: string, options: { fromVersion?: number } = {}): Promise<StreamSlice> {
    const fromVersion = options.fromVersion ?? 1;
    const commits: Commit[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'streamId = :s AND #v >= :v',
          ExpressionAttributeValues: { ':s': streamId, ':v': fromVersion },
          ...STREAM_READ,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? [])
        if (isCommitItem(item)) commits.push(commitFromItem(item, streamId));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const last = commits.at(-1);
    return { commits, version: last ? last.lastVersion : fromVersion - 1, headHash: last?.hash };
  }

  /** One page of a stream's items, newest first (commits and the snapshots between them). */
  private newestFirst(streamId: string, limit: number, startKey: Record<string, unknown> | undefined) {
    return this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': streamId },
        ...STREAM_READ,
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
  }

  async head(streamId: string): Promise<number> {
    // Newest first: a snapshot (at its version + ½) may lie above the last commit, never two of them.
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.newestFirst(streamId, 2, startKey);
      const commit = (page.Items ?? []).find(isCommitItem);
      if (commit) return commitFromItem(commit, streamId).lastVersion;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return 0;
  }

  async readLatest(streamId: string, wanted: { schema: string; every: number }): Promise<LatestState> {
    // Newest first: the tail, then the snapshot just below it (at its version + ½). A snapshot is
    // taken every `every` versions, so one page of that many items usually holds both.
    const tail: Record<string, unknown>[] = [];
    let snapshot: Snapshot | undefined;
    let startKey: Record<string, unknown> | undefined;
    let limit = wanted.every + 2;
    do {
      const page = await this.newestFirst(streamId, limit, startKey);
      for (const item of page.Items ?? []) {
        if (isCommitItem(item)) tail.push(item);
        else if (item.schema === wanted.schema) {
          snapshot = snapshotFromItem(streamId, item);
          break;
        }
      }
      startKey = page.LastEvaluatedKey;
      limit = 1000; // no usable snapshot near the head: read the rest in big pages
    } while (startKey && !snapshot);
    const commits = tail.reverse().map((item) => commitFromItem(item, streamId));
    const last = commits.at(-1);
    const base = snapshot?.version ?? 0;
    return {
      snapshot,
      slice: { commits, version: last ? last.lastVersion : base, headHash: last?.hash },
    };
  }

  async writeSnapshot(snapshot: Snapshot): Promise<void> {
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: {
          streamId: snapshot.streamId,
          // Just after the commit it folds, before the next: read in one Query with the tail.
          version: snapshot.version + SNAPSHOT_OFFSET,
          kind: 'snapshot',
          hash: snapshot.hash,
          schema: snapshot.schema,
          // Compressed: a long activity's attendee set is mostly ids, and snapshots are read on every command.
          state: deflateRawSync(JSON.stringify(snapshot.state), { level: 1 }),
        },
      }),
    );
  }

  async readHistory(query: { community: string; after?: string; limit?: number }): Promise<HistoryPage> {
    const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
    const startMonth = query.after
      ? new Date(decodeTime(query.after)).toISOString().slice(0, 7)
      : await this.markers.firstMonthOf(query.community);
    if (!startMonth) return { commits: [], nextAfter: undefined };
    const lastMonth = this.options.clock.now().toISOString().slice(0, 7);
    const commits: Commit[] = [];
    let after = query.after;
    for (let month = startMonth; month <= lastMonth && commits.length < limit; month = nextMonth(month)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.options.client.send(
          new QueryCommand({
            TableName: this.options.tableName,
            IndexName: GLOBAL_ORDER_INDEX,
            KeyConditionExpression: after ? '#bucket = :b AND commitId > :a' : '#bucket = :b',
            ExpressionAttributeNames: { '#bucket': 'bucket' },
            ExpressionAttributeValues: after
              ? { ':b': `${query.community}#${month}`, ':a': after }
              : { ':b': `${query.community}#${month}` },
            Limit: limit - commits.length,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) commits.push(commitFromItem(item));
        startKey = page.LastEvaluatedKey;
      } while (startKey && commits.length < limit);
      after = undefined;
    }
    const full = commits.length >= limit;
    return { commits, nextAfter: full ? commits.at(-1)!.commitId : undefined };
  }

  async communities(): Promise<string[]> {
    return this.markers.list();
  }
}
