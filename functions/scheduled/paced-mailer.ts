import type { Email, Mailer } from '../app/mailer.js';

/**
 * At most `perSecond` messages a second from this container: SES refuses a burst over the account's
 * rate (one a second in the sandbox), and the stack gives each mailer container its share of it.
 *
 * Sends take turns, and each turn waits for a full gap after the previous send really started. Timers
 * set up front for a whole burst (50, 100, 150 ms) fire together once the event loop stalls past them,
 * and the burst then goes out at once; counting from the last real send keeps the spacing however late
 * a timer fires.
 */
export function pacedMailer(mailer: Mailer, perSecond: number): Mailer {
  const gapMs = 1000 / perSecond;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let previousTurn: Promise<void> = Promise.resolve();
  const takeTurn = async () => {
    // A timer may fire a millisecond early: wait again until the gap has really passed.
    for (let wait = lastSentAt + gapMs - Date.now(); wait > 0; wait = lastSentAt + gapMs - Date.now())
      await new Promise((resolve) => setTimeout(resolve, wait));
    lastSentAt = Date.now();
  };
  return {
    async send(email: Email) {
      const turn = previousTurn.then(takeTurn);
      previousTurn = turn;
      await turn;
      return mailer.send(email);
    },
  };
}
