import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { BusEntry, EventBus } from '../app/event-bus.js';
import { traced } from './tracing.js';

/** PutEvents takes at most 10 entries per call. */
const BATCH = 10;
const ATTEMPTS = 4;

/** EventBridge: puts in batches of ten and puts again only the entries it reports failed. */
export class EventBridgeBus implements EventBus {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async put(entries: readonly BusEntry[]): Promise<void> {
    for (let start = 0; start < entries.length; start += BATCH) {
      let pending: PutEventsRequestEntry[] = entries.slice(start, start + BATCH).map((entry) => ({
        EventBusName: this.busName,
        Source: entry.source,
        DetailType: entry.detailType,
        Detail: entry.detail,
        Time: entry.time,
      }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const answer = await this.client.send(new PutEventsCommand({ Entries: pending }));
        if (!answer.FailedEntryCount) break;
        const failed = pending.filter((_, i) => answer.Entries?.[i]?.ErrorCode);
        if (attempt >= ATTEMPTS) {
          const codes = [...new Set(answer.Entries?.map((e) => e.ErrorCode).filter(Boolean))];
          throw new Error(
            `${failed.length} bus entries still failing after ${ATTEMPTS} attempts: ${codes.join(', ')}`,
          );
        }
        pending = failed;
        await this.pause(100 * 2 ** attempt);
      }
    }
  }
}

export const createEventBridgeBus = (busName: string) =>
  new EventBridgeBus(traced(new EventBridgeClient({})), busName);
