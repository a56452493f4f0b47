import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Commit } from '../../events/index.js';
import {
  chainDigests,
  type DailyDigest,
  type DigestChainStart,
  type DigestStore,
  dayBefore,
} from '../app/audit/digests.js';
import type { LedgerMark } from '../app/audit/ledger-marks.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/** Every community's digests live in its partition named so (the only items the digests function writes). */
export const DIGEST_PARTITION_PREFIX = '$digest#';

/** A report's ledger mark lives in its own item, `$ledger-mark#<community>#<digest>`, version 0. */
export const LEDGER_MARK_PREFIX = '$ledger-mark#';

/** A day's sort key in the digest partition: yyyymmdd. */
const dayNumber = (day: string) => Number(day.replaceAll('-', ''));

/** Digests are facts too: kept in the Events table beside history, written once per day, never changed. */
export class DynamoDbDigestStore implements DigestStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(community: string, afterDay?: string): Promise<DailyDigest[]> {
    const out: DailyDigest[] = [];
    // Version 0 is the "digested through" marker; days are yyyymmdd.
    const after = afterDay ? dayNumber(afterDay) : 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'streamId = :s AND version > :after',
          ExpressionAttributeValues: { ':s': `${DIGEST_PARTITION_PREFIX}${community}`, ':after': after },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) out.push(JSON.parse(item.body as string) as DailyDigest);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  async latest(community: string): Promise<DailyDigest | undefined> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'streamId = :s AND version > :marker',
        ExpressionAttributeValues: { ':s': `${DIGEST_PARTITION_PREFIX}${community}`, ':marker': 0 },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = page.Items?.[0];
    return item ? (JSON.parse(item.body as string) as DailyDigest) : undefined;
  }

  async keepMark(community: string, mark: LedgerMark): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            streamId: `${LEDGER_MARK_PREFIX}${community}#${mark.digest}`,
            version: 0,
            kind: 'ledger-mark',
            body: JSON.stringify(mark),
          },
          // The same digest is made of the same commits: a second report keeping it writes nothing.
          ConditionExpression: 'attribute_not_exists(streamId)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async findMark(community: string, digest: string): Promise<LedgerMark | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { streamId: `${LEDGER_MARK_PREFIX}${community}#${digest}`, version: 0 },
        ConsistentRead: true,
      }),
    );
    return result.Item ? (JSON.parse(result.Item.body as string) as LedgerMark) : undefined;
  }

  /** The last day whose digest is written (or that had no commits): the daily job skips a community that is done. */
  async digestedThrough(community: string): Promise<string | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { streamId: `${DIGEST_PARTITION_PREFIX}${community}`, version: 0 },
        ConsistentRead: true,
      }),
    );
    return result.Item?.through as string | undefined;
  }

  /** Writes the digests of the days not yet written (only days that have ended). */
  async writeMissing(
    community: string,
    commits: readonly Commit[],
    today: string,
    start?: DigestChainStart & { readonly day: string },
  ): Promise<DailyDigest[]> {
    // Going on from the last digest, every day after it is new; from the start, some may be written.
    const existing = new Set(start ? [] : (await this.list(community)).map((d) => d.day));
    const yesterday = dayBefore(today);
    const written: DailyDigest[] = [];
    for (const digest of chainDigests(commits, yesterday, start)) {
      if (existing.has(digest.day) || (start && digest.day <= start.day)) continue;
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              streamId: `${DIGEST_PARTITION_PREFIX}${community}`,
              version: dayNumber(digest.day),
              kind: 'digest',
              body: JSON.stringify(digest),
            },
            ConditionExpression: 'attribute_not_exists(streamId)',
          }),
        );
        written.push(digest);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          streamId: `${DIGEST_PARTITION_PREFIX}${community}`,
          version: 0,
          kind: 'digest-marker',
          through: yesterday,
        },
      }),
    );
    return written;
  }
}
