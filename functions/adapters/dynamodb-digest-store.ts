import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Commit } from '../../events/index.js';
import { chainDigests, type DailyDigest, type DigestStore, dayBefore } from '../app/audit/digests.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/** Every community's digests live in its partition named so (the only items the digests function writes). */
export const DIGEST_PARTITION_PREFIX = '$digest#';

/** Digests are facts too: kept in the Events table beside history, written once per day, never changed. */
export class DynamoDbDigestStore implements DigestStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(community: string): Promise<DailyDigest[]> {
    const out: DailyDigest[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          // Version 0 is the "digested through" marker; days are yyyymmdd.
          KeyConditionExpression: 'streamId = :s AND version > :marker',
          ExpressionAttributeValues: { ':s': `${DIGEST_PARTITION_PREFIX}${community}`, ':marker': 0 },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) out.push(JSON.parse(item.body as string) as DailyDigest);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
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
  async writeMissing(community: string, commits: readonly Commit[], today: string): Promise<DailyDigest[]> {
    const existing = new Set((await this.list(community)).map((d) => d.day));
    const yesterday = dayBefore(today);
    const written: DailyDigest[] = [];
    for (const digest of chainDigests(commits, yesterday)) {
      if (existing.has(digest.day)) continue;
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              streamId: `${DIGEST_PARTITION_PREFIX}${community}`,
              version: Number(digest.day.replaceAll('-', '')),
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
