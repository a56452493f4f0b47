import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ERASED } from '../../domain/resident/resident.view.js';
import type { DomainEvent, Person } from '../../events/index.js';

/**
 * A resident's data keys (their key ring): one made at enrolment, and one more each time their
 * personal data is written into another stream (an organizing group naming them). Erasure destroys
 * them all at once (crypto-shredding).
 *
 * Why more than one key: on AWS the commands function may only ask KMS for new keys
 * (`kms:GenerateDataKey`), never unwrap a stored one, so it cannot encrypt with the enrolment key
 * later; a new key kept in the same resident's ring is erased with it all the same.
 */
export interface KeyStore {
  /** Makes and keeps the resident's enrolment key; returns it for encrypting. */
  create(community: string, residentId: string): Promise<Buffer>;
  /** Makes another key of the resident's, kept with a note of the stream whose events it encrypts. */
  createFor(community: string, residentId: string, streamId: string): Promise<{ keyId: string; key: Buffer }>;
  /** The enrolment key (no `keyId`) or another key of the resident's; undefined once destroyed. */
  get(community: string, residentId: string, keyId?: string): Promise<Buffer | undefined>;
  /** Several keys at once (one batched read), by `keyIdOf`; destroyed ones are left out. */
  getMany(community: string, wanted: readonly WantedKey[]): Promise<Map<string, Buffer>>;
  /** The streams holding personal data encrypted with one of the resident's keys (besides their own). */
  streamsHolding(community: string, residentId: string): Promise<string[]>;
  /** Destroys every key of the resident's. */
  destroy(community: string, residentId: string): Promise<void>;
}

/** A key to read: the resident's enrolment key (no `keyId`) or another of their ring. */
export interface WantedKey {
  readonly residentId: string;
  readonly keyId?: string;
}

/** How a batch of keys is indexed. */
export const keyIdOf = ({ residentId, keyId }: WantedKey) => `${residentId}\u0000${keyId ?? ''}`;

/** Where `reveal` finds a resident's key: the store, or what one batched read found. */
type KeyLookup = (residentId: string, keyId: string | undefined) => Promise<Buffer | undefined>;

/** Views' sight of events: personal data decrypted, the keys a batch needs read at once. */
export type RevealEvents = (community: string, events: readonly DomainEvent[]) => Promise<DomainEvent[]>;

/** Encrypted with the enrolment key: `enc:v1:<iv>:<ciphertext+tag>`. */
const ENROLMENT_PREFIX = 'enc:v1:';
/** Encrypted with another key of the resident's ring: `enc:v2:<keyId>:<iv>:<ciphertext+tag>`. */
const RING_PREFIX = 'enc:v2:';
/** The personal fields of a resident that are stored encrypted in events. */
export const personalFields = ['name', 'phone', 'email'] as const;

const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && (value.startsWith(ENROLMENT_PREFIX) || value.startsWith(RING_PREFIX));

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

/**
 * AES-256-GCM with keys per resident. Events keep only ciphertext, so destroying the keys erases the
 * data from the whole history at once, while the events, their hashes and every count stay as they were.
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

  /** Encrypts a resident's personal fields written into another stream, with a new key of their ring. */
  async protectIn<T extends Record<string, unknown>>(
    community: string,
    residentId: string,
    streamId: string,
    fields: T,
  ): Promise<T> {
    const { keyId, key } = await this.keys.createFor(community, residentId, streamId);
    return sealFields(fields, (value) => `${RING_PREFIX}${keyId}:${seal(key, value)}`);
  }

  /** The streams other than the resident's own that hold their personal data (what erasure must reach). */
  streamsHolding(community: string, residentId: string): Promise<string[]> {
    return this.keys.streamsHolding(community, residentId);
  }

  /** Crypto-shredding: without its keys, every copy of the resident's personal data is noise. */
  destroy(community: string, residentId: string): Promise<void> {
    return this.keys.destroy(community, residentId);
  }

  /** Decrypts the personal fields of an event payload; with the key destroyed they read as erased. */
  async reveal<T extends Record<string, unknown>>(
    community: string,
    residentId: string,
    data: T,
    lookup: KeyLookup = (owner, keyId) => this.keys.get(community, owner, keyId),
  ): Promise<T> {
    const encrypted = personalFields.filter((f) => isSealed(data[f]));
    if (encrypted.length === 0) return data;
    const keys = new Map<string | undefined, Promise<Buffer | undefined>>();
    const keyFor = (keyId: string | undefined) => {
      if (!keys.has(keyId)) keys.set(keyId, lookup(residentId, keyId));
      return keys.get(keyId)!;
    };
    const out: Record<string, unknown> = { ...data };
    for (const field of encrypted) {
      const { keyId, sealed } = keyOf(data[field] as string);
      const key = await keyFor(keyId);
      out[field] = key ? open(key, sealed) : field === 'name' ? ERASED : undefined;
    }
    return out as T;
  }

  /**
   * Events as views see them, the keys they all need read in one batched read: a projector batch of
   * a hundred enrolments costs one key read, not a hundred.
   */
  async revealEvents(community: string, events: readonly DomainEvent[]): Promise<DomainEvent[]> {
    const wanted = new Map<string, WantedKey>();
    for (const event of events)
      for (const person of peopleIn(event))
        for (const field of personalFields) {
          const value = person[field];
          if (!isSealed(value)) continue;
          const key = { residentId: person.residentId, keyId: keyOf(value).keyId };
          wanted.set(keyIdOf(key), key);
        }
    if (wanted.size === 0) return [...events];
    const found = await this.keys.getMany(community, [...wanted.values()]);
    const lookup: KeyLookup = async (residentId, keyId) => found.get(keyIdOf({ residentId, keyId }));
    return Promise.all(events.map((event) => this.revealEvent(community, event, lookup)));
  }

  /** An event as views see it: residents' personal data decrypted, or shown as erased. */
  async revealEvent(community: string, event: DomainEvent, lookup?: KeyLookup): Promise<DomainEvent> {
    switch (event.type) {
      case 'ResidentEnrolled':
        return { ...event, data: await this.reveal(community, event.data.residentId, event.data, lookup) };
      case 'OrganizingGroupAppointed': {
        const person = (p: Person) => (p.residentId ? this.reveal(community, p.residentId, p, lookup) : p);
        const { leader, deputies, members } = event.data;
        return {
          ...event,
          data: {
            leader: await person(leader),
            deputies: await Promise.all(deputies.map(person)),
            members: await Promise.all(members.map(person)),
          },
        };
      }
      default:
        return event;
    }
  }
}

/** The residents whose personal data an event carries, with the fields that hold it. */
function peopleIn(event: DomainEvent): { residentId: string; [field: string]: unknown }[] {
  switch (event.type) {
    case 'ResidentEnrolled':
      return [event.data];
    case 'OrganizingGroupAppointed': {
      const { leader, deputies, members } = event.data;
      return [leader, ...deputies, ...members].flatMap((p) =>
        p.residentId ? [{ ...p, residentId: p.residentId }] : [],
      );
    }
    default:
      return [];
  }
}

function sealFields<T extends Record<string, unknown>>(fields: T, sealValue: (value: string) => string): T {
  const out: Record<string, unknown> = { ...fields };
  for (const field of personalFields) {
    const value = fields[field];
    if (typeof value === 'string') out[field] = sealValue(value);
  }
  return out as T;
}
