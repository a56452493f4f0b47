/**
 * Who may do what, written from the community's rules (API.md, README), not read from the code:
 * one row per operation of the served OpenAPI document, kept by hand. The end-to-end table
 * (test/e2e/authorization.e2e.spec.ts) calls every operation as every role, of this community and
 * of another, and compares the answers with these rows; an operation the document serves without a
 * row here fails it. When a rule changes, change its row here, in words, and then the route.
 *
 * Nothing in this file imports the route table or the authorization module: a wrong role set in the
 * code must disagree with a row, not copy itself into it.
 */

export type Role = 'admin' | 'organizer' | 'resident' | 'judge' | 'leader' | 'auditor';

export interface AuthorizationRule {
  /** Roles the operation serves (any other role is refused with 403); `public` needs no token. */
  readonly who: readonly Role[] | 'public';
  /** The rule, in the community's words. */
  readonly because: string;
  /**
   * A role let in only for their own things: calling about someone else's (the same request with
   * a token that speaks for another person) is refused with 403.
   */
  readonly onlyTheirOwn?: readonly Role[];
  /**
   * How the stranger of `onlyTheirOwn` is refused, when not 403: a judge outside a round's roster is
   * a domain rule of the round (409 `not-a-judge`), not a role. Either way nothing is written.
   */
  readonly strangerRefusedWith?: 409;
}

const staff: readonly Role[] = ['admin', 'organizer'];
const overseers: readonly Role[] = ['admin', 'organizer', 'leader', 'auditor'];
const everyone: readonly Role[] = ['admin', 'organizer', 'leader', 'auditor', 'judge', 'resident'];
const residentsAndStaff: readonly Role[] = ['admin', 'organizer', 'resident'];
const historyReaders: readonly Role[] = ['admin', 'auditor'];

const rule = (who: AuthorizationRule['who'], because: string, onlyTheirOwn?: readonly Role[]) => ({
  who,
  because,
  ...(onlyTheirOwn ? { onlyTheirOwn } : {}),
});

/** Keyed `METHOD /path` as the served document names the operation. */
export const authorizationRules: Readonly<Record<string, AuthorizationRule>> = {
  // Residents
  'POST /residents': rule(staff, 'committee staff enrol residents'),
  'POST /residents/{residentId}/erase': rule(['admin'], "only admins erase a resident's personal data"),
  'GET /residents/{residentId}': rule(
    [...overseers, 'judge', 'resident'],
    'overseers and judges (who look up the families they judge) open a record; a resident reads only their own',
    ['resident'],
  ),
  'GET /residents/{residentId}/participation': rule(
    [...overseers, 'resident'],
    "overseers read anyone's participation; a resident reads only their own",
    ['resident'],
  ),
  'GET /residents': rule(['admin', 'organizer', 'leader'], 'staff and leaders browse the whole roster'),
  'GET /residents/{residentId}/study-record': rule(
    [...overseers, 'resident'],
    "overseers read anyone's study record; a resident reads only their own",
    ['resident'],
  ),
  // Plans
  'POST /plans': rule(['admin'], 'only admins write the plan'),
  'POST /plans/{planId}/targets': rule(['admin'], "only admins set the plan's targets"),
  'POST /plans/{planId}/organizing-group': rule(['admin'], 'only admins appoint the organizing group'),
  'POST /plans/{planId}/organizing-group/{personId}/erase': rule(
    ['admin'],
    "only admins erase a group member's personal data, as a resident's",
  ),
  'GET /plans/{planId}': rule(everyone, 'every member of the community reads the plan'),
  'GET /plans': rule(everyone, 'every member of the community lists the plans'),
  'GET /plans/{planId}/compliance': rule(overseers, 'overseers read where the plan stands'),
  'GET /plans/{planId}/study-records': rule(overseers, "overseers read every member's study record"),
  'GET /plans/{planId}/ledger': rule(overseers, "overseers print the year's work ledger for inspections"),
  // Activities, series, study
  'POST /activities': rule(staff, 'staff plan activities'),
  'POST /activities/{activityId}/reschedule': rule(staff, 'staff reschedule activities'),
  'POST /activities/{activityId}/details': rule(staff, "staff change an activity's details"),
  'POST /activities/{activityId}/cancel': rule(staff, 'staff cancel activities'),
  'POST /activities/{activityId}/registrations': rule(
    residentsAndStaff,
    'a resident registers themself; staff register anyone',
    ['resident'],
  ),
  'POST /activities/{activityId}/registrations/{residentId}/cancel': rule(
    residentsAndStaff,
    'a resident cancels their own registration (or place on the waitlist); staff cancel anyone’s',
    ['resident'],
  ),
  'POST /activities/{activityId}/attendance': rule(
    residentsAndStaff,
    "a resident checks themself in with the sign-in sheet's QR code; staff record anyone, and a kiosk is staff's",
    ['resident'],
  ),
  'POST /activities/{activityId}/attendance/{residentId}/revoke': rule(staff, 'staff revoke a sign-in'),
  'POST /activities/{activityId}/held': rule(staff, 'staff record that an activity was held'),
  'GET /activities': rule(everyone, 'every member reads the calendar'),
  'GET /activities/{activityId}': rule(everyone, 'every member opens an activity'),
  'GET /activities/{activityId}/sign-in-sheet': rule(staff, 'organizers print the sign-in sheet'),
  'GET /activities/{activityId}/check-in-link': rule(
    staff,
    "organizers show the check-in link the sheet's QR code holds (a ticket anyone holding it may use)",
  ),
  'GET /activities/{activityId}/kiosk': rule(
    staff,
    'a kiosk at the door is signed in by an organizer: it lists the registered residents by name',
  ),
  'POST /activity-series': rule(staff, 'staff plan recurring activities'),
  'POST /activity-series/{seriesId}/reschedule': rule(staff, 'staff reschedule a series'),
  'POST /activity-series/{seriesId}/cancel': rule(staff, 'staff cancel a series'),
  'GET /activity-series/{seriesId}': rule(everyone, 'every member opens a series'),
  'POST /activities/{activityId}/leave': rule(
    residentsAndStaff,
    'a party member asks leave for themself; staff record it for them',
    ['resident'],
  ),
  'POST /activities/{activityId}/leave/{residentId}/approve': rule(staff, 'an organizer approves leave'),
  'POST /activities/{activityId}/leave/{residentId}/decline': rule(staff, 'an organizer declines leave'),
  'POST /activities/{activityId}/leave/{residentId}/make-up': rule(staff, 'an organizer records a make-up'),
  // Articles
  'POST /articles': rule(residentsAndStaff, 'a resident submits their own article; staff for them', [
    'resident',
  ]),
  'POST /articles/{articleId}/revisions': rule(
    residentsAndStaff,
    'the author revises their own article; staff for them',
    ['resident'],
  ),
  'POST /articles/{articleId}/reviews': rule(staff, 'organizers review articles'),
  'GET /articles': rule([...overseers, 'resident'], 'overseers list articles; a resident their own'),
  'GET /articles/{articleId}': rule(
    [...overseers, 'resident'],
    'overseers open each article they list; a resident opens only their own',
    ['resident'],
  ),
  // Good family style
  'POST /rounds': rule(['admin'], 'only admins open a round'),
  'POST /rounds/{roundId}/nominations': rule(
    residentsAndStaff,
    'a resident nominates in their own name; staff for them',
    ['resident'],
  ),
  'POST /nominations/{nominationId}/endorsements': rule(
    residentsAndStaff,
    'a resident endorses (never their own household); staff record it',
  ),
  'POST /nominations/{nominationId}/recusals': rule(
    ['admin', 'judge'],
    'a judge declares their own conflict; an admin records one for them',
    ['judge'],
  ),
  'POST /nominations/{nominationId}/scores': {
    ...rule(['judge'], 'judges score, and only in their own rounds', ['judge']),
    strangerRefusedWith: 409,
  },
  'POST /nominations/{nominationId}/withdraw': rule(staff, 'staff withdraw a nomination'),
  'POST /nominations/{nominationId}/decision': rule(['admin'], 'only admins decide a nomination'),
  'GET /rounds/{roundId}/ranking': rule(everyone, 'every member reads the ranking, every figure explained'),
  'GET /rounds/{roundId}': rule(everyone, 'every member opens a round'),
  // Good deeds, models, reports
  'POST /good-deeds': rule(staff, 'staff record good deeds'),
  'GET /good-deeds': rule(everyone, "every member reads the community's good deeds"),
  'POST /models': rule(['admin'], 'only admins name a model'),
  'GET /reports/{planId}': rule(overseers, "overseers read the leaders' report"),
  'POST /reports/{planId}/send': rule(['admin'], 'only admins send the report now'),
  // Rotations
  'POST /rotations': rule(staff, 'staff announce a rotation'),
  'POST /rotations/{rotationId}/draw': rule(staff, 'staff draw a rotation'),
  'POST /rotations/{rotationId}/swaps': rule(staff, "staff swap a rotation's slots"),
  'GET /rotations': rule(everyone, 'every member lists the rotations'),
  'GET /rotations/{rotationId}': rule(everyone, 'every member opens a rotation and its draw'),
  // Sports
  'POST /venues': rule(staff, 'staff register venues'),
  'GET /venues': rule(overseers, 'overseers read the venues'),
  'GET /venues/{venueId}': rule(overseers, "overseers read a venue's equipment register"),
  'POST /venues/{venueId}/equipment': rule(staff, 'staff install equipment'),
  'GET /equipment/overdue': rule(overseers, 'overseers read what is overdue'),
  'POST /equipment/{equipmentId}/inspections': rule(staff, 'staff record inspections'),
  'POST /equipment/{equipmentId}/maintenance': rule(staff, 'staff record maintenance'),
  'POST /equipment/{equipmentId}/retire': rule(staff, 'staff retire equipment'),
  'POST /instructors': rule(staff, 'staff register instructors'),
  'GET /instructors': rule(overseers, 'overseers list instructors'),
  'GET /instructors/{instructorId}': rule(overseers, "overseers open an instructor's sessions"),
  'POST /instructors/{instructorId}/sessions': rule(staff, "staff record an instructor's session"),
  // Reading
  'POST /books': rule(staff, 'staff recommend books'),
  'POST /books/{bookId}/reviews': rule(residentsAndStaff, 'a resident reviews in their own name', [
    'resident',
  ]),
  'POST /books/{bookId}/essays': rule(residentsAndStaff, 'an author links their own essay to a book', [
    'resident',
  ]),
  'GET /books': rule(everyone, 'every member lists the recommended books'),
  'GET /books/{bookId}': rule(everyone, 'every member opens a book and its reviews'),
  // Audit: auditors (and admins) read and prove the history; no one else does.
  'GET /audit/digests': rule(historyReaders, 'auditors read the chain of daily digests'),
  'POST /audit/digests': rule(historyReaders, 'auditors write the digests of days that have none'),
  'GET /audit/events': rule(historyReaders, 'auditors read every event of the history'),
  'GET /audit/streams/{streamId}': rule(historyReaders, "auditors read one stream's history"),
  'GET /audit/verify': rule(historyReaders, 'auditors recompute every chain and digest'),
  // The contract and its page are public.
  'GET /openapi.json': rule('public', 'the contract is public'),
  'GET /asyncapi.json': rule('public', 'the events are part of the contract, and public like it'),
  'GET /docs': rule('public', 'the docs page is public'),
  'GET /docs/init.js': rule('public', "the docs page's script is public"),
  'GET /docs/assets/{file}': rule('public', "the docs page's assets are public"),
  'GET /check-in/{activityId}': rule(
    'public',
    "the check-in page is public: it checks the QR code's ticket and names nothing until its reader signs in",
  ),
  'GET /kiosk/{activityId}': rule(
    'public',
    'the kiosk page is public: it shows nothing until an organizer signs in',
  ),
  'GET /signed-in': rule('public', 'the page the sign-in returns to is public'),
  'GET /web/{file}': rule('public', "the pages' scripts and stylesheet are public"),
};
