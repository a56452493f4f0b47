import type { Email, Mailer } from '../app/mailer.js';

/**
 * At most `perSecond` messages a second from this container: SES refuses a burst over the account's
 * rate (one a second in the sandbox), and the stack gives each mailer container its share of it.
 */
export function pacedMailer(mailer: Mailer, perSecond: number): Mailer {
  const gapMs = 1000 / perSecond;
  let nextAt = 0;
  return {
    async send(email: Email) {
      const wait = nextAt - Date.now();
      nextAt = Math.max(nextAt, Date.now()) + gapMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return mailer.send(email);
    },
  };
}
