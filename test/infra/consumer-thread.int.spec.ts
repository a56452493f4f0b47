import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../../functions/adapters/memory-event-store.js';
import { startConsumerThread } from '../../infra/local/consumer-thread.js';
import { defaultTableNames } from '../../infra/local/create-tables.js';
import { LocalDispatcher } from '../../infra/local/dispatcher.js';
import { oneEventCommit } from '../support/commits.js';

const enrolment = (id: string) =>
  oneEventCommit('demo', `demo#resident#${id}`, 1, 'ResidentEnrolled', {
    residentId: id,
    name: id,
    householdId: 'H1',
    partyMember: false,
  });

describe('when the stream consumers keep failing', () => {
  it('a consumers’ thread that cannot start says why, and is started again only when a batch asks', async () => {
    const thread = startConsumerThread({
      env: { ...defaultTableNames, DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', AUTH_MODE: 'no-such-mode' },
      handlers: { kind: 'source' },
      logLevel: 'SILENT',
    });
    await expect(thread.ready).rejects.toThrow(/exited \(1\).*AUTH_MODE/s);

    // The next batch starts a new thread, which fails the same way: the batch fails with the reason.
    await expect(thread.consumers.projector({ Records: [] })).rejects.toThrow(/AUTH_MODE/);
    await thread.close();
    await expect(thread.consumers.projector({ Records: [] })).rejects.toThrow('closed');
  }, 30_000);

  it('a clean stop does not wait on a consumer that keeps failing: what failed comes again at the next start', async () => {
    const logged: string[] = [];
    let attempts = 0;
    const dispatcher = new LocalDispatcher({
      consumers: {
        projector: async () => {
          attempts++;
          throw new Error('views unavailable');
        },
      },
      store: new InMemoryEventStore({ clock: { now: () => new Date() } }),
      log: (message) => logged.push(message),
    });
    dispatcher.enqueue(enrolment('R1'));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const stopped = await Promise.race([
      dispatcher.stop().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
    ]);

    expect(stopped).toBe('stopped');
    expect(attempts).toBeGreaterThan(1);
    expect(logged).toContain('projector failed; retrying');
    expect(dispatcher.checkpoints()).toEqual({});
  });
});
