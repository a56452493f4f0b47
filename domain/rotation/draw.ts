/**
 * The rotation draw, as anyone can recompute it (README: "Rotations: the draw anyone can recompute").
 *
 * Version `fisher-yates-sha256-v1`:
 * 1. The k-th random number (k = 0, 1, 2, …) is the first 4 bytes, big-endian, of
 *    sha256(UTF-8 of `fisher-yates-sha256-v1|<seed digest, hex>|<rotationId>|<k in decimal>`).
 * 2. A number below m (m ≥ 1) is the next random number u with u < 2^32 − (2^32 mod m), taken mod m
 *    (numbers at or above that bound are skipped, so every value is equally likely).
 * 3. Fisher–Yates: with the roster's keys in the announced order, for i from n − 1 down to 1, swap
 *    position i with position j = (a number below i + 1).
 * 4. Slot t (numbered from 1 in date order) goes to the shuffled key at position (t − 1) mod n: each
 *    participant gets ⌊slots/n⌋ or ⌈slots/n⌉ slots, and a participant's slots are n slots apart.
 *
 * The domain computes no hash itself (it imports no crypto): the caller passes SHA-256.
 */
export const DRAW_ALGORITHM = 'fisher-yates-sha256-v1';

/** SHA-256 of a UTF-8 text: node:crypto's in the application, any correct one for an auditor. */
export type Sha256 = (text: string) => Uint8Array;

export interface DrawInput {
  /** The daily digest the draw is seeded with (64 hex digits). */
  readonly seed: string;
  readonly rotationId: string;
  /** The participants' keys in the order they were announced. */
  readonly keys: readonly string[];
}

const TWO_32 = 2 ** 32;

/** The numbers of step 1, one after another. */
function randomNumbers(input: DrawInput, sha256: Sha256): () => number {
  let k = 0;
  return () => {
    const digest = sha256(`${DRAW_ALGORITHM}|${input.seed}|${input.rotationId}|${k}`);
    k += 1;
    return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  };
}

/** Step 2: a number in [0, m) with no modulo bias. */
function below(m: number, next: () => number): number {
  const limit = TWO_32 - (TWO_32 % m);
  for (;;) {
    const u = next();
    if (u < limit) return u % m;
  }
}

/** Steps 1–3: the roster in its drawn order. */
export function shuffledRoster(input: DrawInput, sha256: Sha256): string[] {
  const order = [...input.keys];
  const next = randomNumbers(input, sha256);
  for (let i = order.length - 1; i >= 1; i--) {
    const j = below(i + 1, next);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Step 4: slot t (from 1) → the participant at (t − 1) mod n of the drawn order. */
export const assignSlots = (order: readonly string[], slotCount: number) =>
  Array.from({ length: slotCount }, (_, i) => ({ slot: i + 1, participant: order[i % order.length]! }));

/**
 * The seed a draw on `seedDay` uses: the chain's digest at the end of that day, i.e. the digest of
 * the last day up to `seedDay` that had commits (days without commits have no digest of their own).
 */
export function seedOfDay(
  chain: readonly { readonly day: string; readonly digest: string }[],
  seedDay: string,
): { readonly day: string; readonly digestDay: string; readonly digest: string } | undefined {
  let found: { day: string; digest: string } | undefined;
  for (const entry of chain) if (entry.day <= seedDay && (!found || entry.day > found.day)) found = entry;
  return found && { day: seedDay, digestDay: found.day, digest: found.digest };
}

/** The first instant the seed of `seedDay` can exist: when that UTC day has ended. */
export const seedKnownFrom = (seedDay: string): string =>
  new Date(Date.parse(`${seedDay}T00:00:00Z`) + 86_400_000).toISOString();
