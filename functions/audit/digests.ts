import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Commit } from '../../events/index.js';
import { isConditionalCheckFailed } from '../adapters/dynamodb-client.js';

export const GENESIS_DIGEST = '0'.repeat(64);

/** `yyyy-mm-dd` of the UTC day before. */
export const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 1).toISOString().slice(0, 10);

export interface DailyDigest {
  /** UTC day, `yyyy-mm-dd`. */
  readonly day: string;
  /** Heads of the streams that changed that day: streamId, last version, hash. */
  readonly heads: readonly { streamId: string; version: number; hash: string }[];
  readonly previous: string;
  readonly digest: string;
}

/** `digest = sha256(previous + day + each changed stream's head, sorted)`: a chain auditors keep outside. */
export function digestOf(day: string, heads: DailyDigest['heads'], previous: string): string {
  const text = [...heads]
    .sort((a, b) => (a.streamId < b.streamId ? -1 : 1))
    .map((h) => `${h.streamId}\t${h.version}\t${h.hash}`)
    .join('\n');
  return createHash('sha256').update(previous).update(day).update(text).digest('hex');
}

/** The day's heads from its commits (the last commit of each stream that day). */
export function headsOfDay(commits: readonly Commit[]): DailyDigest['heads'] {
  const heads = new Map<string, { streamId: string; version: number; hash: string }>();
  for (const c of commits) {
    const known = heads.get(c.streamId);
    if (!known || known.version < c.lastVersion)
      heads.set(c.streamId, { streamId: c.streamId, version: c.lastVersion, hash: c.hash });
  }
  return [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
}

/** Groups a community's commits (global order) by UTC day and chains each day's digest to the one before. */
export function chainDigests(commits: readonly Commit[], until?: string): DailyDigest[] {
  const byDay = new Map<string, Commit[]>();
  for (const c of commits) {
    const day = c.recordedAt.slice(0, 10);
    if (until && day > until) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), c]);
  }
  const out: DailyDigest[] = [];
  let previous = GENESIS_DIGEST;
  for (const day of [...byDay.keys()].sort()) {
    const heads = headsOfDay(byDay.get(day)!);
    const digest = digestOf(day, heads, previous);
    out.push({ day, heads, previous, digest });
    previous = digest;
  }
  return out;
}

/** Digests are facts too: kept in the Events table beside history, written once per day, never changed. */
export class DigestStore {
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
          ExpressionAttributeValues: { ':s': `$digest#${community}`, ':marker': 0 },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) out.push(JSON.parse(item.body as string) as DailyDigest);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  /** Writes the digests of the days not yet written (only days that have ended). */
  /** The last day whose digest is written (or that had no commits): the daily job skips a community that is done. */
  async digestedThrough(community: string): Promise<string | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { streamId: `$digest#${community}`, version: 0 },
        ConsistentRead: true,
      }),
    );
    return result.Item?.through as string | undefined;
  }

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
              streamId: `$digest#${community}`,
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
        Item: { streamId: `$digest#${community}`, version: 0, kind: 'digest-marker', through: yesterday },
      }),
    );
    return written;
  }
}
