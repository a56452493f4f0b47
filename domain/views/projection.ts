/** Where an event came from, as projections need it: never a clock, always the recorded facts. */
export interface EventContext {
  readonly community: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly commitId: string;
  readonly recordedAt: string;
  readonly actor: string;
}

export interface ViewKey {
  readonly pk: string;
  readonly sk: string;
}

/** A view item's content, plus the optional secondary-index keys that place it in ordered lists. */
export interface ViewDocument<D = Record<string, unknown>> {
  readonly data: D;
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
}

/**
 * A pure projection. Every item it writes is owned by the stream of the events that touch it, so
 * the projector can guard each write with that stream's version and redelivery changes nothing.
 */
export interface Projection<E, D = Record<string, unknown>> {
  readonly name: string;
  keys(event: E, context: EventContext): readonly ViewKey[];
  /** The item after the event; `null` removes it from views (kept as a tombstone for ordering). */
  apply(current: ViewDocument<D> | undefined, event: E, context: EventContext): ViewDocument<D> | null;
}
