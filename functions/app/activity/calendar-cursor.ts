import { InvalidCursor } from '../view-store.js';

/**
 * Where a page of the calendar's head resumes. The head is the long windows reaching `from` from
 * before (a few, read whole each time), by start: a page that ends among them resumes after the last
 * one it showed, by its (start, activity id), so a window added or removed meanwhile moves nothing
 * else. A page that ends in the list by start resumes from the view store's own cursor, a key too.
 */
export interface CalendarHead {
  readonly after?: readonly [start: string, activityId: string];
}

const PREFIX = 'head.';
/** Longer than any instant or activity id this calendar writes. */
const MAX_PART = 200;

export const encodeHead = (head: CalendarHead): string =>
  `${PREFIX}${Buffer.from(JSON.stringify(head.after ?? [])).toString('base64url')}`;

/**
 * The head a cursor resumes (its start for no cursor), or undefined for the view store's own cursor.
 * A damaged head cursor is refused as any cursor is (400 `invalid-cursor`).
 */
export function headOf(cursor: string | undefined): CalendarHead | undefined {
  if (cursor === undefined || cursor === '') return {};
  if (!cursor.startsWith(PREFIX)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!Array.isArray(decoded)) throw new InvalidCursor();
  if (decoded.length === 0) return {};
  const isPart = (part: unknown) => typeof part === 'string' && part.length > 0 && part.length <= MAX_PART;
  if (decoded.length !== 2 || !decoded.every(isPart)) throw new InvalidCursor();
  return { after: [decoded[0], decoded[1]] };
}

/** Whether an entry comes after a head's position, in the calendar's order (start, then activity id). */
export const comesAfter = (entry: { window: { start: string }; activityId: string }, head: CalendarHead) =>
  !head.after ||
  entry.window.start > head.after[0] ||
  (entry.window.start === head.after[0] && entry.activityId > head.after[1]);
