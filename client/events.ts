import { AnyStoredEvent } from '../events/catalogue.js';
import { type DomainEvent, decodeEvent } from '../events/index.js';

export type { DomainEvent as LedgerEvent } from '../events/index.js';

/** Where and when an event was recorded: what a consumer needs to dedupe (`eventId`) and order (per stream). */
export interface LedgerEnvelope {
  readonly community: string;
  readonly streamId: string;
  readonly commitId: string;
  readonly recordedAt: string;
  readonly eventId: string;
  readonly streamVersion: number;
  /** The version the event was written at; `event.data` is always the current version's shape. */
  readonly schemaVersion: number;
}

export type LedgerEventRead =
  | { readonly ok: true; readonly envelope: LedgerEnvelope; readonly event: DomainEvent }
  | { readonly ok: true; readonly envelope: LedgerEnvelope; readonly dataOmitted: true }
  | { readonly ok: false; readonly reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * For consumers of the bus (an EventBridge rule's target or the local bus file, the same `detail`):
 * checks a received event against the catalogue variant of its type and version, refuses anything
 * else, and lifts an older version to the current shape, so one handler reads every version.
 * Delivery is at least once and ordered per stream: dedupe by `envelope.eventId`.
 */
export function readLedgerEvent(detail: unknown): LedgerEventRead {
  const parsed = typeof detail === 'string' ? safeJson(detail) : detail;
  if (!isRecord(parsed)) return { ok: false, reason: 'the detail is not an object' };
  const { community, streamId, commitId, recordedAt, eventId, type, schemaVersion, streamVersion } = parsed;
  if ([community, streamId, commitId, recordedAt].some((field) => typeof field !== 'string'))
    return { ok: false, reason: 'the envelope is incomplete' };
  const stored = AnyStoredEvent.safeParse({ eventId, type, schemaVersion, streamVersion, data: parsed.data });
  const envelope = {
    community,
    streamId,
    commitId,
    recordedAt,
    eventId,
    schemaVersion,
    streamVersion,
  } as LedgerEnvelope;
  // Too large for the bus: the event is read from `GET /audit/streams/{streamId}` instead.
  if (parsed.dataOmitted === true && typeof type === 'string')
    return { ok: true, envelope, dataOmitted: true };
  if (!stored.success)
    return { ok: false, reason: `not a ${String(type)} v${String(schemaVersion)} of the catalogue` };
  const data = decodeEvent(type as string, schemaVersion as number, parsed.data);
  return { ok: true, envelope, event: { type, data } as DomainEvent };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
