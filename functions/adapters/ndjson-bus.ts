import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type BusEntry, busEventOf, type EventBus } from '../app/event-bus.js';

/**
 * The local stand-in for the EventBridge bus: each entry becomes one line of `events.ndjson`, shaped
 * like the event EventBridge would deliver to a rule's target.
 */
export class NdjsonBus implements EventBus {
  constructor(private readonly dir: string) {}

  get file(): string {
    return join(this.dir, 'events.ndjson');
  }

  async put(entries: readonly BusEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    const lines = entries.map((entry) => JSON.stringify(busEventOf(entry)));
    await appendFile(this.file, `${lines.join('\n')}\n`);
  }
}
