import { InvalidCursor } from '../view-store.js';

/**
 * Where a page of the calendar's head begins. The head is the long windows reaching `from` from
 * before (a few, read whole each time) followed by the list by start from its beginning; a page
 * there holds at most `limit` of them, so it resumes `long` entries into the long windows and
 * `listed` entries into the list. Past the head, a page resumes from the view store's own cursor.
 */
export interface CalendarHead {
  readonly long: number;
  readonly listed: number;
}

export const START_OF_HEAD: CalendarHead = { long: 0, listed: 0 };

/** Bounds a head cursor can hold: never more long windows than are read, never more than a page into the list. */
const MAX_LONG = 1000;
const MAX_LISTED = 500;

const PREFIX = 'head.';

export const encodeHead = (head: CalendarHead): string =>
  `${PREFIX}${Buffer.from(JSON.stringify([head.long, head.listed])).toString('base64url')}`;

/**
 * The head a cursor resumes (the start for no cursor), or undefined for the view store's own cursor.
 * A damaged head cursor is refused as any cursor is (400 `invalid-cursor`).
 */
export function headOf(cursor: string | undefined): CalendarHead | undefined {
  if (cursor === undefined || cursor === '') return START_OF_HEAD;
  if (!cursor.startsWith(PREFIX)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  const within = (n: unknown, max: number) =>
    Number.isInteger(n) && (n as number) >= 0 && (n as number) <= max;
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    !within(decoded[0], MAX_LONG) ||
    !within(decoded[1], MAX_LISTED)
  )
    throw new InvalidCursor();
  return { long: decoded[0], listed: decoded[1] };
}
