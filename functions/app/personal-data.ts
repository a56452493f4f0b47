import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ERASED } from '../../domain/resident/resident.view.js';
import {
  type DomainEvent,
  ENROLMENT_PREFIX,
  eventRegistry,
  isSealed,
  mapSealedData,
  type PersonalDataMark,
  RING_PREFIX,
} from '../../events/index.js';

/**
 * A person's data keys (their key ring): a resident's, or a person's of an organizing group who is
 * not a resident, by their id (the subject). A resident's first key is made at enrolment; every other
 * key each time the person's data is written into a stream (an organizing group naming them).
 * Erasure destroys them all at once (crypto-shredding).
 *
 * Why more than one key: on AWS the commands function may only ask KMS for new keys
 * (`kms:GenerateDataKey`), never unwrap a stored one, so it cannot encrypt with the enrolment key
 * later; a new key kept in the same ring is erased with it all the same.
 */
export interface KeyStore {
  /** Makes and keeps the subject's enrolment key; returns it for encrypting. */
  create(community: string, subjectId: string): Promise<Buffer>;
  /** Makes another key of the subject's, kept with a note of the stream whose events it encrypts. */
  createFor(community: string, subjectId: string, streamId: string): Promise<{ keyId: string; key: Buffer }>;
  /** The enrolment key (no `keyId`) or another key of the subject's; undefined once destroyed. */
  get(community: string, subjectId: string, keyId?: string): Promise<Buffer | undefined>;
  /** Several keys at once (one batched read), by `keyIdOf`; destroyed ones are left out. */
  getMany(community: string, wanted: readonly WantedKey[]): Promise<Map<string, Buffer>>;
  /** The streams holding personal data encrypted with one of the subject's keys (besides their own). */
  streamsHolding(community: string, subjectId: string): Promise<string[]>;
  /** Destroys every key of the subject's. */
  destroy(community: string, subjectId: string): Promise<void>;
}

/** A key to read: the subject's enrolment key (no `keyId`) or another of their ring. */
export interface WantedKey {
  readonly subjectId: string;
  readonly keyId?: string;
}

/** How a batch of keys is indexed. */
export const keyIdOf = ({ subjectId, keyId }: WantedKey) => `${subjectId}\u0000${keyId ?? ''}`;

/** Views' sight of events: personal data decrypted, the keys a batch needs read at once. */
export type RevealEvents = (community: string, events: readonly DomainEvent[]) => Promise<DomainEvent[]>;

/** The personal fields of a person that are written sealed (a resident's record, an organizing-group entry). */
export const personalFields = ['name', 'phone', 'email'] as const;

function seal(key: Buffer, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}:${ciphertext.toString('base64url')}`;
}

function open(key: Buffer, sealed: string): string {
  const [iv, payload] = sealed.split(':') as [string, string];
  const bytes = Buffer.from(payload, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}

/** Which key a sealed value needs (undefined: the enrolment key) and the sealed part itself. */
function keyOf(value: string): { keyId: string | undefined; sealed: string } {
  if (value.startsWith(ENROLMENT_PREFIX))
    return { keyId: undefined, sealed: value.slice(ENROLMENT_PREFIX.length) };
  const rest = value.slice(RING_PREFIX.length);
  const colon = rest.indexOf(':');
  return { keyId: rest.slice(0, colon), sealed: rest.slice(colon + 1) };
}

/** The person whose ring seals a marked value: the first id its mark names that its object holds. */
function subjectOf(mark: PersonalDataMark, owner: Record<string, unknown>): string | undefined {
  for (const field of mark.sealedWith ?? []) {
    const id = owner[field];
    if (typeof id === 'string' && id) return id;
  }
  return undefined;
}

/** Every sealed value of an event, with the person whose key it needs (as its schema marks them). */
function sealedIn(event: DomainEvent, visit: (value: string, subjectId: string) => unknown): DomainEvent {
  const schema = eventRegistry.get(event.type)?.schema;
  if (!schema) return event;
  const data = mapSealedData(schema, event.data, (value, mark, owner) => {
    const subjectId = subjectOf(mark, owner);
    return isSealed(value) && subjectId ? visit(value, subjectId) : value;
  });
  return data === event.data ? event : ({ ...event, data } as DomainEvent);
}

/**
 * AES-256-GCM with keys per person. Events keep only ciphertext, so destroying the keys erases the
 * data from the whole history at once, while the events, their hashes and every count stay as they were.
 * Which fields are sealed, and with whose ring, is what the event catalogue marks (`x-personal-data`).
 */
export class PersonalDataCipher {
  constructor(private readonly keys: KeyStore) {}

  /** Encrypts a resident's personal fields at enrolment, with their new enrolment key. */
  async protect<T extends Record<string, unknown>>(
    community: string,
    residentId: string,
    fields: T,
  ): Promise<T> {
    const key = await this.keys.create(community, residentId);
    return sealFields(fields, (value) => ENROLMENT_PREFIX + seal(key, value));
  }

  /** Encrypts a person's personal fields written into another stream, with a new key of their ring. */
  async protectIn<T extends Record<string, unknown>>(
    community: string,
    subjectId: string,
    streamId: string,
    fields: T,
  ): Promise<T> {
    return (await this.sealerIn(community, subjectId, streamId))(fields);
  }

  /**
   * One new key of a person's ring for a stream, to seal every copy of their fields one command
   * writes there (a person in two seats of a group costs one key, not two).
   */
  async sealerIn(
    community: string,
    subjectId: string,
    streamId: string,
  ): Promise<<T extends Record<string, unknown>>(fields: T) => T> {
    const { keyId, key } = await this.keys.createFor(community, subjectId, streamId);
    return (fields) => sealFields(fields, (value) => `${RING_PREFIX}${keyId}:${seal(key, value)}`);
  }

  /** A person's fields as `protect` or `protectIn` sealed them, opened (or, their key destroyed, erased). */
  async reveal<T extends Record<string, unknown>>(
    community: string,
    subjectId: string,
    fields: T,
  ): Promise<T> {
    const out: Record<string, unknown> = { ...fields };
    for (const field of personalFields) {
      const value = fields[field];
      if (!isSealed(value)) continue;
      const { keyId, sealed } = keyOf(value);
      const key = await this.keys.get(community, subjectId, keyId);
      out[field] = key ? open(key, sealed) : field === 'name' ? ERASED : undefined;
    }
    return out as T;
  }

  /** The streams other than the person's own that hold their personal data (what erasure must reach). */
  streamsHolding(community: string, subjectId: string): Promise<string[]> {
    return this.keys.streamsHolding(community, subjectId);
  }

  /** Crypto-shredding: without its keys, every copy of the person's personal data is noise. */
  destroy(community: string, subjectId: string): Promise<void> {
    return this.keys.destroy(community, subjectId);
  }

  /**
   * Events as views see them: every sealed field opened, or, its key destroyed, shown as erased (a
   * name as "[erased]", anything else left out). The keys a batch needs are read at once: a projector
   * batch of a hundred enrolments costs one key read, not a hundred.
   */
  async revealEvents(community: string, events: readonly DomainEvent[]): Promise<DomainEvent[]> {
    const wanted = new Map<string, WantedKey>();
    for (const event of events)
      sealedIn(event, (value, subjectId) => {
        const key = { subjectId, keyId: keyOf(value).keyId };
        wanted.set(keyIdOf(key), key);
        return value;
      });
    if (wanted.size === 0) return [...events];
    const found = await this.keys.getMany(community, [...wanted.values()]);
    return events.map((event) =>
      revealed(event, (subjectId, keyId) => found.get(keyIdOf({ subjectId, keyId }))),
    );
  }

  /** One event as views see it (its keys read one by one). */
  async revealEvent(community: string, event: DomainEvent): Promise<DomainEvent> {
    return (await this.revealEvents(community, [event]))[0]!;
  }
}

/** An event with its sealed fields opened with the keys found (a missing key: erased). */
function revealed(
  event: DomainEvent,
  keyFor: (subjectId: string, keyId: string | undefined) => Buffer | undefined,
): DomainEvent {
  const schema = eventRegistry.get(event.type)?.schema;
  if (!schema) return event;
  const data = mapSealedData(schema, event.data, (value, mark, owner) => {
    const subjectId = subjectOf(mark, owner);
    if (!isSealed(value) || !subjectId) return value;
    const { keyId, sealed } = keyOf(value);
    const key = keyFor(subjectId, keyId);
    return key ? open(key, sealed) : mark.kind === 'name' ? ERASED : undefined;
  });
  return { ...event, data } as DomainEvent;
}

function sealFields<T extends Record<string, unknown>>(fields: T, sealValue: (value: string) => string): T {
  const out: Record<string, unknown> = { ...fields };
  for (const field of personalFields) {
    const value = fields[field];
    if (typeof value === 'string') out[field] = sealValue(value);
  }
  return out as T;
}
