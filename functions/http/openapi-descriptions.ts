import type { Route } from './route.js';

/** What a front-end developer needs to know beyond the summary: who may call it and how it behaves. */
export function describe(route: Route): string {
  const who =
    route.kind === 'public'
      ? 'Public: no token needed.'
      : `Roles: ${route.roles.join(', ')} (of the caller's own community).`;
  const how =
    route.kind === 'command'
      ? 'A command: appends events. `Idempotency-Key` makes retries safe (the first answer is replayed); `If-Match` appends only at that stream version.'
      : route.kind === 'query'
        ? "A query: reads views, which include the caller's own earlier writes; `consistentWith` waits for another caller's write."
        : '';
  return [route.summary.endsWith('.') ? route.summary : `${route.summary}.`, who, how]
    .filter(Boolean)
    .join(' ');
}

/** One line per area, in the order the route table lists them. */
export const tagDescriptions: Record<string, string> = {
  Residents: 'The community roster, personal data (encrypted, erasable) and each resident’s participation.',
  Plans: 'The yearly work plan: targets, organizing group, and the ledger of what was held.',
  Activities: 'Planned activities, registrations, sign-ins and held records, in the plan’s time zone.',
  Articles: 'Party members’ articles, their revisions and reviews.',
  'Good family style': 'Rounds, nominations, endorsements, scores, decisions and the explained ranking.',
  'Good deeds and models': 'Good deeds and moral models the committee names.',
  Study:
    'Party study sessions: leave asked before a session, approved, and made up; each member’s study record.',
  Rotations:
    'Units and schools performing in turn: a draw anyone can recompute from a day’s digest, and swaps.',
  Reading: 'Recommended books, residents’ reviews, and the reading essays written on them.',
  'Sports venues and instructors':
    'Equipment registers per venue, inspections and maintenance, what is overdue; sports instructors and their sessions.',
  Reports:
    'Leaders’ reports (JSON, HTML, text, CSV, PDF in the reader’s language), sent one message per recipient; the paper records (sign-in sheets, the year’s work ledger).',
  Audit: 'History in global order, hash chains, digests and their verification.',
  Docs: 'This document and its interactive page.',
};
