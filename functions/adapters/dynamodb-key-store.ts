import { randomBytes, randomInt } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { type KeyStore, keyIdOf, type WantedKey } from '../app/personal-data.js';
import { batchGetAll } from './batch-get.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/** Whose key it is (a resident, or a person who is not one): KMS binds a wrapped key to it (its encryption context). */
export interface KeyOwner {
  readonly community: string;
  readonly subjectId: string;
}

/** How a data key is made and kept: as it is (locally), or wrapped by KMS (on AWS). */
export interface KeyWrapping {
  /** A new data key: its plaintext for encrypting now, and the attributes that keep it. */
  make(owner: KeyOwner): Promise<{ plaintext: Buffer; kept: Record<string, string> }>;
  /** The plaintext key from the attributes `make` kept. */
  unwrap(kept: Record<string, unknown>, owner: KeyOwner): Promise<Buffer>;
}

/** Locally there is no KMS: the key is kept as it is, in its own deletable item. */
export const keptAsIs: KeyWrapping = {
  async make() {
    const key = randomBytes(32);
    return { plaintext: key, kept: { key: key.toString('base64') } };
  },
  async unwrap(kept) {
    return Buffer.from(kept.key as string, 'base64');
  },
};

/** Every key ring's partition starts so: the only items of the Events table a role may delete. */
export const KEY_RING_PARTITION_PREFIX = '$key#';

/** The sort key of the enrolment key; every other key of the ring has a random positive one. */
const ENROLMENT_KEY = 0;
const RING_KEY_RANGE = 2 ** 47;

/**
 * A person's key ring (a resident's or a group member's who is not one) as items of its own partition
 * (`$key#<community>#<subjectId>`) in the Events table, deletable unlike the history beside them.
 * Streams skip these items (kind `key`).
 */
export class DynamoDbKeyStore implements KeyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly wrapping: KeyWrapping = keptAsIs,
  ) {}

  private partition(community: string, subjectId: string) {
    return `${KEY_RING_PARTITION_PREFIX}${community}#${subjectId}`;
  }

  /** Writes a new key at `version` unless one is there; false when one was. */
  private async put(owner: KeyOwner, version: number, extra: Record<string, string> = {}) {
    const { plaintext, kept } = await this.wrapping.make(owner);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            streamId: this.partition(owner.community, owner.subjectId),
            version,
            kind: 'key',
            ...kept,
            ...extra,
          },
          ConditionExpression: 'attribute_not_exists(streamId)',
        }),
      );
      return plaintext;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return undefined;
    }
  }

  async create(community: string, subjectId: string) {
    const made = await this.put({ community, subjectId }, ENROLMENT_KEY);
    // A retried keyed enrollment reuses its reserved resident id: keep the key its first attempt made.
    return made ?? (await this.get(community, subjectId))!;
  }

  async createFor(community: string, subjectId: string, streamId: string) {
    for (;;) {
      const version = randomInt(1, RING_KEY_RANGE);
      const key = await this.put({ community, subjectId }, version, { for: streamId });
      if (key) return { keyId: String(version), key };
    }
  }

  async get(community: string, subjectId: string, keyId?: string) {
    const version = keyId === undefined ? ENROLMENT_KEY : Number(keyId);
    if (!Number.isSafeInteger(version) || version < 0) return undefined;
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { streamId: this.partition(community, subjectId), version },
        ConsistentRead: true,
      }),
    );
    return result.Item ? this.wrapping.unwrap(result.Item, { community, subjectId }) : undefined;
  }

  async getMany(community: string, wanted: readonly WantedKey[]) {
    const keyOfItem = (want: WantedKey) => ({
      streamId: this.partition(community, want.subjectId),
      version: want.keyId === undefined ? ENROLMENT_KEY : Number(want.keyId),
    });
    const readable = wanted.filter(({ keyId }) => {
      const version = keyId === undefined ? ENROLMENT_KEY : Number(keyId);
      return Number.isSafeInteger(version) && version >= 0;
    });
    // Two spellings of one key id ("1", "01") name one item: each item is read once, answers both.
    const byItem = new Map<string, WantedKey[]>();
    for (const want of readable) {
      const item = JSON.stringify(keyOfItem(want));
      byItem.set(item, [...(byItem.get(item) ?? []), want]);
    }
    const items = await batchGetAll(
      this.client,
      this.tableName,
      [...byItem.keys()].map((item) => JSON.parse(item) as Record<string, unknown>),
      { consistentRead: true },
    );
    const found = new Map<string, Buffer>();
    await Promise.all(
      items.map(async (item) => {
        const wants = byItem.get(JSON.stringify({ streamId: item.streamId, version: item.version })) ?? [];
        const key = await this.wrapping.unwrap(item, { community, subjectId: wants[0]!.subjectId });
        for (const want of wants) found.set(keyIdOf(want), key);
      }),
    );
    return found;
  }

  /** Every key item of the person's ring (a consistent read: erasure must not miss a new one). */
  private async ring(community: string, subjectId: string) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'streamId = :ring',
          ExpressionAttributeValues: { ':ring': this.partition(community, subjectId) },
          ProjectionExpression: 'streamId, version, #for',
          ExpressionAttributeNames: { '#for': 'for' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async streamsHolding(community: string, subjectId: string) {
    const streams = (await this.ring(community, subjectId)).flatMap((item) =>
      typeof item.for === 'string' ? [item.for] : [],
    );
    return [...new Set(streams)];
  }

  /** Every key of the ring at once: the deletes do not depend on each other (a retry deletes what is left). */
  async destroy(community: string, subjectId: string) {
    const ring = await this.ring(community, subjectId);
    await Promise.all(
      ring.map((item) =>
        this.client.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { streamId: item.streamId, version: item.version },
          }),
        ),
      ),
    );
  }
}
