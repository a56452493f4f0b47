/** One page of a list query, as the caller asked for it. */
export interface PageInput {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** A page of answers and where the next one starts (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | undefined;
}
