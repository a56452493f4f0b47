import { createHash } from 'node:crypto';

/** A stored first answer, replayed to every retry of the same request. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export type IdempotencyClaim =
  | {
      readonly state: 'acquired';
      /** The id a creation under this key gives its new entity: the same on every attempt. */
      readonly reservedId: string;
      /** When the key was first claimed. */
      readonly claimedSince: string;
      /** The claim's lock ends then (epoch ms): its holder must not start an append after it. */
      readonly lockedUntil: number;
      /** This attempt took over a claim whose holder stopped without answering (crash, timeout). */
      readonly takenOver: boolean;
    }
  | { readonly state: 'in-progress'; readonly fingerprint: string }
  | { readonly state: 'completed'; readonly fingerprint: string; readonly response: StoredResponse };

/** Remembers, per community and key, the request's fingerprint and its first answer. */
export interface IdempotencyStore {
  /**
   * Claims the key for this request, or says who holds it. An in-progress claim with the same
   * fingerprint whose lock has expired is taken over, keeping its reserved id.
   */
  claim(key: string, fingerprint: string, reservedId: string): Promise<IdempotencyClaim>;
  complete(key: string, response: StoredResponse): Promise<void>;
  /** Forgets the key after a refusal that wrote nothing, so a corrected retry can run. */
  release(key: string): Promise<void>;
  /**
   * Ends the lock now, keeping the claim: after a failure that may have written, the next retry
   * takes over at once and looks for the commit before deciding again.
   */
  abandon(key: string): Promise<void>;
  read(key: string): Promise<IdempotencyClaim | undefined>;
}

/**
 * What a command knows of the Idempotency-Key it runs under. The key is recorded in the commit's
 * metadata, which is what binds the key to the commit: a takeover looks for that commit first.
 */
export interface IdempotentRun {
  /** The caller's key, as recorded in `metadata.idempotencyKey`. */
  readonly key: string;
  /** Set on a takeover: a commit of the target stream carrying the key, recorded since then, is the answer. */
  readonly recoverSince?: string;
  /** Epoch ms: no append starts at or after this, so a takeover never races a live holder. */
  readonly appendBefore: number;
  /**
   * Set when the command runs beside its key's claim (its reads in flight with it): resolves once
   * this request holds the claim, and rejects with `ClaimNotWon` when another request holds the
   * key. Nothing is appended before it resolves.
   */
  readonly won?: () => Promise<void>;
}

/**
 * A command run beside its key's claim lost it (a replay, a concurrent request with the same key, a
 * takeover that answers for the first attempt): it stops before appending, and what it read is dropped.
 */
export class ClaimNotWon extends Error {
  constructor() {
    super('the Idempotency-Key is held by another request');
    this.name = 'ClaimNotWon';
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The ids a request hands out for entities it creates, and whether an id is one of them. */
export interface RequestIds {
  next(): string;
  /** True for an id this request issued: its stream cannot exist yet (unless this key wrote it before). */
  issued(id: string): boolean;
}

/**
 * New-entity ids for one request: the first is the claim's reserved id, later ones derive from it,
 * so a retry of a keyed creation targets the very streams the first attempt wrote. Without a key,
 * fresh ULIDs.
 */
export function requestIds(reservedId: string | undefined, fresh: () => string): RequestIds {
  const issued = new Set<string>();
  const derive = (n: number) => {
    if (!reservedId) return fresh();
    if (n === 0) return reservedId;
    const digest = createHash('sha256').update(`${reservedId}#${n}`).digest();
    let random = '';
    for (let i = 0; i < 16; i++) random += CROCKFORD[digest[i]! & 31];
    return reservedId.slice(0, 10) + random;
  };
  return {
    next: () => {
      const id = derive(issued.size);
      issued.add(id);
      return id;
    },
    issued: (id) => issued.has(id),
  };
}
