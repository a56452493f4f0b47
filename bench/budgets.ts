/**
 * DynamoDB calls each command may cost, counted on the wire by `bench/costs.ts` (the request, the
 * projector and the publisher included; the bus is not DynamoDB). `npm run bench` fails, naming the
 * command, when one goes over: calls are what a command costs (≈2 ms of SDK CPU each here, a billed
 * request each on AWS), so a new call on a hot path has to be argued for here, in this table.
 *
 * Each number is the sum of the calls the command needs today, itemised (the bench prints the same
 * breakdown by operation and table). Every command also writes its caller's session marker (one
 * UpdateItem on Idempotency: read-your-writes, sent beside the commit) and commits once (one
 * conditional PutItem); the projector then notes the commit applied beside its author's session (one
 * UpdateItem on Views). That note is issue 24's trade: one write per command so that every query
 * learns in the read that names the caller's writes whether the views show them, with no read of
 * the streams' markers after it (a query in two round trips, not three, and one call fewer).
 */
export const CALL_BUDGETS = {
  // No read (a fresh id appends at version 0): the data-key put, the commit, the marker. Projector:
  // the data keys of the batch's residents in one BatchGetItem (the roster shows the name in the
  // clear), and two items written (the roster item and the stream's marker) without reading them: a
  // stream the batch starts has no items yet, and the write is conditional on that.
  enrolment: 7,
  // Two stream reads (the resident is on the roster; the activity, snapshot and tail in one Query),
  // the commit, the marker. Projector: the 4 view items it touches read in one BatchGetItem, 5
  // written (details, calendar, compliance row, participation, marker). Writes stay one by one:
  // each is conditional on the item's version and revision, which BatchWriteItem cannot express.
  'check-in': 11,
  // The nomination read once (its state names the round, read next), the commit, the marker.
  // Projector: the nomination view read, it and the round's ranking item written.
  'nomination score': 8,
  // One stream read (the activity), the commit, the marker. Projector: 2 view items read in one
  // BatchGetItem and 3 written (details, calendar, compliance row).
  held: 8,
  // Read-your-writes: the caller's session and what the projector noted applied, one BatchGetItem
  // over both tables (the markers are read only while the views are behind). Then the plan's item
  // and its bounded rows, three Queries, all at once: never history.
  'compliance query': 5,
  // The session as above, then the plan's item beside one Query of the calendar index, and (issue
  // 24: answers flat in history) the small lists of long windows of the plan years a window reaching
  // `from` can belong to, in the same round trip: the list by start is read back only 31 days, not
  // through the year before. The bench asks from 1 January, when that is two plan years (one
  // otherwise): two Queries of a few items each for a read that no longer grows with earlier years.
  'calendar query': 5,
} as const;

export type BudgetedCommand = keyof typeof CALL_BUDGETS;

/** One line per command over its budget, naming it: empty when every command is within. */
export function overBudget(
  measured: Readonly<Record<string, { readonly calls: number }>>,
  budgets: Readonly<Record<string, number>> = CALL_BUDGETS,
): string[] {
  const lines: string[] = [];
  for (const [command, budget] of Object.entries(budgets)) {
    const calls = measured[command]?.calls;
    if (calls === undefined) lines.push(`${command}: not measured (budget ${budget} DynamoDB calls)`);
    else if (calls > budget)
      lines.push(`${command}: ${calls.toFixed(1)} DynamoDB calls per command, over its budget of ${budget}`);
  }
  return lines;
}
