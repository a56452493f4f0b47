import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SESSION_WINDOW_MS } from '../app/session-writes.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/**
 * How read-your-writes keeps its notes: each write (the caller's, and the projector's word that it
 * is applied) one entry of a small item per 15 s window, named by its stream and version, so notes
 * never overwrite each other and a note is one UpdateItem with no read. Past `EXACT_PER_WINDOW`
 * writes in one window (bulk work), notes go to one item of 32 slots by stream id instead, where a
 * later write of another stream takes an earlier one's place: bounded, and the waits it loses are
 * those of bulk work only. TTL expires the window items.
 */

/** Writes one window's item holds exactly (an item of about 8 KB at most: four writes a second). */
const EXACT_PER_WINDOW = 64;
/** Slots of the item past the window's exact ones. */
const SLOTS = 32;

/** A write, as noted: its stream, its version, and when it was made (ms). */
export interface Note {
  readonly s: string;
  readonly v: number;
  readonly at: number;
}

/**
 * Which of two writes a slot keeps: the later one (a commit's time and its note's are taken together,
 * before either is sent), the greater stream id on the same millisecond, and on one stream the later
 * version whatever the clocks say. The caller's notes and the projector's keep by it alike.
 */
const NEWEST_OF_THE_SLOT =
  'attribute_not_exists(#slot) OR attribute_not_exists(#slot.#at) OR #slot.#at < :at OR (#slot.#at = :at AND #slot.s < :stream) OR (#slot.s = :stream AND #slot.v < :version)';

const digestOf = (streamId: string) => createHash('sha256').update(streamId).digest();

export const slotOf = (streamId: string) => digestOf(streamId).readUInt32BE(0) % SLOTS;

/** The window a moment falls in. */
export const windowOf = (ms: number) => Math.floor(ms / SESSION_WINDOW_MS);

/** Where a caller's notes of one kind live: the window items, and the slot item past them. */
export interface NoteItems {
  readonly tableName: string;
  readonly windowKey: (window: number) => Record<string, unknown>;
  readonly slotKey: Record<string, unknown>;
}

/**
 * Window items this process has found full: its later notes of them go straight to the slots, one
 * call and a small item rather than a refused write to a full one first (bulk work, note after note).
 */
export class FullWindows {
  private readonly seen = new Map<string, number>();

  has(key: string): boolean {
    return this.seen.has(key);
  }

  add(key: string, window: number): void {
    // A window takes notes only while it is current (or just ahead): older ones need no memory.
    if (this.seen.size >= 10_000) for (const [k, w] of this.seen) if (w < window - 1) this.seen.delete(k);
    if (this.seen.size >= 10_000) this.seen.clear();
    this.seen.set(key, window);
  }
}

/** Notes one write: exactly in its window's item, or in its slot once the window is full. */
export async function keepNote(
  client: DynamoDBDocumentClient,
  items: NoteItems,
  note: Note,
  full: FullWindows,
): Promise<void> {
  const window = windowOf(note.at);
  const windowKey = items.windowKey(window);
  const known = `${items.tableName}\u0000${JSON.stringify(windowKey)}`;
  if (full.has(known)) return keepInSlot(client, items, note);
  try {
    await client.send(
      new UpdateCommand({
        TableName: items.tableName,
        Key: windowKey,
        UpdateExpression: 'SET #note = :note, expiresAt = :expiresAt ADD noted :one',
        ConditionExpression: 'attribute_not_exists(noted) OR noted < :most',
        ExpressionAttributeNames: { '#note': `n${digestOf(note.s).toString('hex', 0, 12)}v${note.v}` },
        ExpressionAttributeValues: {
          ':note': note,
          // Read until the window after next begins; an hour more for other functions' clocks.
          ':expiresAt': Math.floor(((window + 2) * SESSION_WINDOW_MS) / 1000) + 3600,
          ':one': 1,
          ':most': EXACT_PER_WINDOW,
        },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    full.add(known, window);
    await keepInSlot(client, items, note);
  }
}

async function keepInSlot(client: DynamoDBDocumentClient, items: NoteItems, note: Note): Promise<void> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: items.tableName,
        Key: items.slotKey,
        UpdateExpression: 'SET #slot = :note, expiresAt = :expiresAt',
        ConditionExpression: NEWEST_OF_THE_SLOT,
        ExpressionAttributeNames: { '#slot': `w${slotOf(note.s)}`, '#at': 'at' },
        ExpressionAttributeValues: {
          ':note': note,
          // The slot item outlives the caller's last bulk write by a day.
          ':expiresAt': Math.floor(note.at / 1000) + 24 * 3600,
          ':stream': note.s,
          ':version': note.v,
          ':at': note.at,
        },
      }),
    );
  } catch (error) {
    // A newer write of the slot is noted already (and the item's expiry with it).
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/** Each stream's last version among notes made at or after `since`, from window and slot items alike. */
export function lastNoted(items: readonly Record<string, unknown>[], since = 0): Map<string, number> {
  const last = new Map<string, number>();
  for (const item of items)
    for (const [name, value] of Object.entries(item)) {
      if (!/^(w\d|n[0-9a-f])/.test(name) || typeof value !== 'object' || value === null) continue;
      const note = value as Note;
      if (note.at >= since && (last.get(note.s) ?? 0) < note.v) last.set(note.s, note.v);
    }
  return last;
}
