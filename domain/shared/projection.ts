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

/**
 * One document of a view, named by the view's own ids: the calendar's entry for an activity is
 * `{ view: 'activity', id: [activityId] }`; a row of a sheet names the sheet's id first (a sign-in row:
 * `{ view: 'attendee', id: [activityId, residentId] }`). How it is stored is the view store's business.
 */
export interface DocumentRef {
  readonly community: string;
  readonly view: string;
  readonly id: readonly string[];
}

/** The documents of one view sharing their leading ids (an activity's sign-in sheet, a resident's rows). */
export interface DocumentGroup {
  readonly community: string;
  readonly view: string;
  readonly within: readonly string[];
}

/** A named ordered list: the community's calendar, or the books `of` one plan. */
export interface ListRef {
  /** Absent for the lists every community shares (the registry of all plans). */
  readonly community?: string;
  readonly list: string;
  readonly of?: string;
}

/** Where a document stands in a list: ordered by its order value, compared part by part as text. */
export interface Placement {
  readonly list: ListRef;
  readonly order: readonly string[];
}

/** Part of a list: its entries whose order value's first part lies between `from` and `to` (both included). */
export interface ListSlice {
  readonly list: ListRef;
  readonly from?: string;
  readonly to?: string;
}

/** The entries of a list whose order value starts with `first` (all of them when it is undefined). */
export const listPrefixed = (list: ListRef, first: string | undefined): ListSlice =>
  first === undefined ? { list } : { list, from: first, to: first };

/** A window as views store it: the instants as recorded (already UTC), both included. */
export const StoredWindow = z.object({ start: z.string(), end: z.string() });

/** A view's document: its content, and where it stands in an ordered list (if it is in one). */
export interface ViewDocument<D = Record<string, unknown>> {
  readonly data: D;
  readonly placement?: Placement;
}

/**
 * A pure projection, fmodel's view: which documents an event touches, and each one's `evolve`. Every
 * document it writes is owned by the stream of the events that touch it, so the projector can guard
 * each write with that stream's version and redelivery changes nothing.
 */
export interface Projection<E, D = Record<string, unknown>> {
  readonly name: string;
  /** What every document it writes holds (its type is inferred from it; answers reuse it for OpenAPI). */
  readonly schema: z.ZodType<D>;
  touches(event: E, context: EventContext): readonly DocumentRef[];
  /** The document after the event; `null` removes it from views (kept as a tombstone for ordering). */
  evolve(current: ViewDocument<D> | undefined, event: E, context: EventContext): ViewDocument<D> | null;
}
