import { describe, expect, it } from 'vitest';
import type { Email } from '../../../functions/app/mailer.js';
import { pacedMailer } from '../../../functions/scheduled/paced-mailer.js';

const email = (to: string): Email => ({ to: [to], subject: 's', html: '<p>h</p>', text: 't' });

describe('a mailer container keeps to its share of the mail rate', () => {
  it('sends at most `perSecond` messages a second, spacing a burst, and passes each one on', async () => {
    const sentAt: number[] = [];
    const sent: string[] = [];
    const mailer = pacedMailer(
      {
        async send(message) {
          sentAt.push(Date.now());
          sent.push(message.to[0]!);
          return { messageId: `m-${sent.length}` };
        },
      },
      20, // one every 50 ms
    );
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((to) => mailer.send(email(to))));
    expect(answers.map((a) => a.messageId).sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
    expect([...sent].sort()).toEqual(['a', 'b', 'c', 'd']);
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]!);
    // Timers may fire a millisecond early; never twice as fast as the rate.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(45);
    expect(sentAt.at(-1)! - sentAt[0]!).toBeGreaterThanOrEqual(140);
  });

  it('keeps its spacing when the event loop stalls past the whole burst (as under a busy container)', async () => {
    const sentAt: number[] = [];
    const mailer = pacedMailer(
      {
        async send() {
          sentAt.push(Date.now());
          return { messageId: `m-${sentAt.length}` };
        },
      },
      20,
    );
    const burst = Promise.all(['a', 'b', 'c', 'd'].map((to) => mailer.send(email(to))));
    const stallUntil = Date.now() + 200; // longer than the burst's whole pacing (150 ms)
    while (Date.now() < stallUntil) {
      // the event loop is busy: no timer can fire
    }
    await burst;
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(45);
  });
});
