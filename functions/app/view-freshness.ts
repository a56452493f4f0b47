import { ApplicationError } from './errors.js';

/** How often to look again: soon at first (the projector usually needs milliseconds), then less often. */
export interface Backoff {
  readonly firstMs: number;
  readonly maxMs: number;
}

/**
 * Looks again, with backoff, until `caughtUp` says the views show what the caller waits for; past
 * `waitMs` answers 503 (retry) with `detail`. Both read-your-writes paths wait through it.
 */
export async function waitForViews(
  caughtUp: () => Promise<boolean>,
  waitMs: number,
  backoff: Backoff,
  detail: string,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  let pause = backoff.firstMs;
  while (!(await caughtUp())) {
    const left = deadline - Date.now();
    if (left <= 0) throw new ApplicationError('unavailable', 'views-behind', detail);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    pause = Math.min(backoff.maxMs, pause * 2);
  }
}
