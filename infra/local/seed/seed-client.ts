import type { DemoWords } from './demo-wording.js';

export interface SeedClient {
  post(path: string, body: unknown, key: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The same, as another user (judges score in their own name). */
  postAs(
    identity: { sub: string; roles: ('resident' | 'judge')[] },
    path: string,
    body: unknown,
    key: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * The demo records a past year at once, long after each check-in closed (issue 25): each sign-in is
 * an organizer's correction, entered from the paper sheet, and the record says so.
 */
export const PAST_SIGN_IN = { reason: 'demo history: entered from the paper sign-in sheet' } as const;

/** The seed stops at the first refusal, saying which write it was. */
export function ok(answer: { status: number; body: Record<string, unknown> }, what: string) {
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function inPool<T>(
  items: readonly T[],
  size: number,
  run: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await run(items[index]!, index);
      }
    }),
  );
}

/** What the main seed already made that the rest of the plan builds on. */
export interface SeedSoFar {
  readonly planId: string;
  readonly year: number;
  readonly now: Date;
  readonly residentIds: readonly string[];
  readonly members: readonly string[];
  /** Past study sessions (held or cancelled), oldest first: when each began, and who signed in. */
  readonly studySessions: readonly {
    id: string;
    start: string;
    held: boolean;
    attendees: readonly string[];
  }[];
  /** Future "rotating performance" activities: the rotation's slots. */
  readonly performances: readonly { id: string; start: string }[];
  readonly key: (what: string) => string;
  readonly rnd: () => number;
  /** The demo's words, in its language. */
  readonly words: DemoWords;
}
