import type { Commit } from '../../events/index.js';

/** One entry for the event bus: EventBridge's PutEvents entry, minus the bus name. */
export interface BusEntry {
  /**
   * The event's stable id: the same on every delivery of the event (a retried or replayed stream
   * batch announces it again). On EventBridge it is `detail.eventId` (the entry's own `id` is
   * EventBridge's); on the local bus it is also the record's `id`. Consumers dedupe on it.
   */
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  /** JSON text of the envelope. */
  readonly detail: string;
  readonly time: Date;
}

/**
 * An announced event as EventBridge hands it to a rule's target (an SQS message's body) and as the
 * local bus file keeps it: EventBridge's envelope around the entry's detail.
 */
export interface BusEvent {
  readonly version: '0';
  /** The event's own `eventId` (on EventBridge the delivered id is its own; dedupe on `detail.eventId`). */
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly time: string;
  readonly detail: {
    readonly community: string;
    readonly streamId: string;
    readonly eventId: string;
    readonly type: string;
    readonly schemaVersion: number;
    readonly data: Record<string, unknown>;
  } & Record<string, unknown>;
}

/** The entry as a rule's target receives it. */
export const busEventOf = (entry: BusEntry): BusEvent => ({
  version: '0',
  // The event's own id, not a new one per delivery: a re-delivered event is recognisably the same.
  id: entry.eventId,
  'detail-type': entry.detailType,
  source: entry.source,
  time: entry.time.toISOString(),
  detail: JSON.parse(entry.detail) as BusEvent['detail'],
});

/** Where committed events are announced: EventBridge on AWS, an NDJSON file locally. */
export interface EventBus {
  /** Puts every entry or throws (a stream retry then puts them again: consumers dedupe on `eventId`). */
  put(entries: readonly BusEntry[]): Promise<void>;
}

export const BUS_SOURCE = 'community-culture-ledger';

/**
 * EventBridge refuses entries over 256 KB. An event that large (none of ours is today: article bodies
 * are stored apart) is announced without its data; `dataOmitted` tells consumers to read it from
 * `GET /audit/streams/{streamId}`.
 */
export const MAX_DETAIL_BYTES = 200 * 1024;

/**
 * One bus entry per event of a commit: `detail-type` is the event type, the detail the envelope a
 * consumer needs to act and to dedupe (community, stream, versions, commit and event ids, who and
 * why, the hash of the commit). Personal data stays encrypted, exactly as stored.
 */
export function busEntriesOf(commit: Commit): BusEntry[] {
  return commit.events.map((event) => {
    const envelope = {
      community: commit.community,
      streamId: commit.streamId,
      commitId: commit.commitId,
      recordedAt: commit.recordedAt,
      metadata: commit.metadata,
      hash: commit.hash,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamVersion: event.streamVersion,
    };
    let detail = JSON.stringify({ ...envelope, data: event.data });
    if (Buffer.byteLength(detail) > MAX_DETAIL_BYTES)
      detail = JSON.stringify({ ...envelope, data: {}, dataOmitted: true });
    return {
      eventId: event.eventId,
      source: BUS_SOURCE,
      detailType: event.type,
      detail,
      time: new Date(commit.recordedAt),
    };
  });
}

/** The publisher Lambda's work: every event of a stream batch onto the bus, in commit order, in one put. */
export function createEventPublisher(bus: EventBus) {
  return (commits: readonly Commit[]) => bus.put(commits.flatMap(busEntriesOf));
}
