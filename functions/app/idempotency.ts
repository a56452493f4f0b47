/** A stored first answer, replayed to every retry of the same request. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export type IdempotencyClaim =
  | { readonly state: 'acquired' }
  | { readonly state: 'in-progress'; readonly fingerprint: string }
  | { readonly state: 'completed'; readonly fingerprint: string; readonly response: StoredResponse };

/** Remembers, per community and key, the request's fingerprint and its first answer. */
export interface IdempotencyStore {
  /** Claims the key for this request, or says who holds it. */
  claim(key: string, fingerprint: string): Promise<IdempotencyClaim>;
  complete(key: string, response: StoredResponse): Promise<void>;
  /** Frees the key after a failure, so a retry can run the command again. */
  release(key: string): Promise<void>;
  read(key: string): Promise<IdempotencyClaim | undefined>;
}
