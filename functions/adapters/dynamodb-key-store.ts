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

/** Who is asking for a key: KMS binds a wrapped key to it (its encryption context). */
export interface KeyOwner {
  readonly community: string;
  readonly residentId: string;
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
 * A resident's key ring as items of its own partition (`$key#<community>#<residentId>`) in the Events
 * table, deletable unlike the history beside them. Streams skip these items (kind `key`).
 */
export class DynamoDbKeyStore implements KeyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly wrapping: KeyWrapping = keptAsIs,
  ) {}

  private partition(community: string, residentId: string) {
    return `${KEY_RING_PARTITION_PREFIX}${community}#${residentId}`;
  }

  /** Writes a new key at `version` unless one is there; false when one was. */
  private async put(owner: KeyOwner, version: number, extra: Record<string, string> = {}) {
    const { plaintext, kept } = await this.wrapping.make(owner);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            streamId: this.partition(owner.community, owner.residentId),
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

  async create(community: string, residentId: string) {
    const made = await this.put({ community, residentId }, ENROLMENT_KEY);
    // A retried keyed enrollment reuses its reserved resident id: keep the key its first attempt made.
    return made ?? (await this.get(community, residentId))!;
  }

  async createFor(community: string, residentId: string, streamId: string) {
    for (;;) {
      const version = randomInt(1, RING_KEY_RANGE);
      const key = await this.put({ community, residentId }, version, { for: streamId });
      if (key) return { keyId: String(version), key };
    }
  }

  async get(community: string, residentId: string, keyId?: string) {
    const version = keyId === undefined ? ENROLMENT_KEY : Number(keyId);
    if (!Number.isSafeInteger(version) || version < 0) return undefined;
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { streamId: this.partition(community, residentId), version },
        ConsistentRead: true,
      }),
    );
    return result.Item ? this.wrapping.unwrap(result.Item, { community, residentId }) : undefined;
  }

  async getMany(community: string, wanted: readonly WantedKey[]) {
    const keyOfItem = (want: WantedKey) => ({
      streamId: this.partition(community, want.residentId),
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
        const key = await this.wrapping.unwrap(item, { community, residentId: wants[0]!.residentId });
        for (const want of wants) found.set(keyIdOf(want), key);
      }),
    );
    return found;
  }

  /** Every key item of the resident's ring (a consistent read: erasure must not miss a new one). */
  private async ring(community: string, residentId: string) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'streamId = :ring',
          ExpressionAttributeValues: { ':ring': this.partition(community, residentId) },
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

  async streamsHolding(community: string, residentId: string) {
    const streams = (await this.ring(community, residentId)).flatMap((item) =>
      typeof item.for === 'string' ? [item.for] : [],
    );
    return [...new Set(streams)];
  }

  async destroy(community: string, residentId: string) {
    for (const item of await this.ring(community, residentId)) {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { streamId: item.streamId, version: item.version },
        }),
      );
    }
  }
}
