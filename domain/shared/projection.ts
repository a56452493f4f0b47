import * as z from 'zod';

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

/** Part of an ordered list (`gsi1pk`), bounded on its sort key (`gsi1sk`, inclusive): spread into a list query. */
export interface ListSlice {
  readonly list: string;
  readonly from?: string;
  readonly to?: string;
}

/** The items of one partition whose sort key starts with `skPrefix` (a sign-in sheet, a resident's rows). */
export interface PartitionSlice {
  readonly pk: string;
  readonly skPrefix: string;
}

/** The items of a list whose sort key is `<prefix>#…` (sort keys are `#`-separated, and `~` sorts after them). */
export const listPrefixed = (list: string, prefix: string | undefined): ListSlice =>
  prefix === undefined ? { list } : { list, from: `${prefix}#`, to: `${prefix}#~` };

/** A window as views store it: the instants as recorded (already UTC), both included. */
export const StoredWindow = z.object({ start: z.string(), end: z.string() });

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
  /** What every item it writes holds (its type is inferred from it; answers reuse it for OpenAPI). */
  readonly schema: z.ZodType<D>;
  keys(event: E, context: EventContext): readonly ViewKey[];
  /** The item after the event; `null` removes it from views (kept as a tombstone for ordering). */
  apply(current: ViewDocument<D> | undefined, event: E, context: EventContext): ViewDocument<D> | null;
}
