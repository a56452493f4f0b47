import { ApplicationError } from './errors.js';

/**
 * Who may do what, in one place: the role sets the route table names, the "acts for" rules commands
 * apply, and what each reader is shown. A command's decision about a resident's own thing (their
 * article, their registration) reads the stream it is about — the write model the command service
 * loads — never a view, which may still lag behind the caller's own last write.
 */

/** Every role a token may carry: the one list (the HTTP principal, the CDK user pool groups and the token CLI use it). */
export const roles = ['admin', 'organizer', 'resident', 'judge', 'leader', 'auditor'] as const;
export type RoleName = (typeof roles)[number];

/**
 * The caller as authorization sees them: who they are, what roles they hold, and which resident of
 * the ledger they are, if any. `residentId` comes from the token's `resident` claim, which the
 * deployment sets (Cognito's pre-token-generation trigger from an attribute only administrators
 * write; `npm run token` locally), never from `sub`: a Cognito user's `sub` is the pool's own id.
 */
export interface Caller {
  readonly sub: string;
  readonly roles: readonly RoleName[];
  readonly residentId?: string;
}

/** Whether the caller is this resident (a caller linked to no resident is none). */
export const isResident = (caller: Caller, residentId: string): boolean =>
  caller.residentId !== undefined && caller.residentId === residentId;

/** Named role sets: a route's `roles` is one of these, so a purpose has one rule everywhere. */
export const roleSets = {
  /** Committee staff: they run the plan, act for any resident and see residents' contact details. */
  staff: ['admin', 'organizer'],
  /**
   * Those who oversee the plan and read every record of the community: each article, anyone's
   * participation, the reports and compliance. They list a thing only if they may also open it.
   */
  overseers: ['admin', 'organizer', 'leader', 'auditor'],
  /** Who opens a resident's record: the overseers and the judges (who look up the families they judge). */
  residentRecordReaders: ['admin', 'organizer', 'leader', 'auditor', 'judge'],
  /** Who browse the whole roster. */
  rosterReaders: ['admin', 'organizer', 'leader'],
  /** Residents write their own articles, registrations and nominations; staff do it for them. */
  residentsAndStaff: ['admin', 'organizer', 'resident'],
  /** Every signed-in member of the community. */
  everyone: ['admin', 'organizer', 'leader', 'auditor', 'judge', 'resident'],
} as const satisfies Record<string, readonly RoleName[]>;

export type RoleSet = keyof typeof roleSets;

/** Whether the caller holds one of the roles of a set. */
export const holds = (caller: Caller, set: RoleSet): boolean =>
  caller.roles.some((role) => (roleSets[set] as readonly RoleName[]).includes(role));

export const isStaff = (caller: Caller): boolean => holds(caller, 'staff');

/** "Acts for": staff act for any resident; anyone else only for the resident they are. */
export const actsFor = (caller: Caller, residentId: string): boolean =>
  isStaff(caller) || isResident(caller, residentId);

/**
 * The resident a request is about: the one named, or the caller themself when a resident names none
 * (staff act for others and must say whom: 400).
 */
export function residentMeant(caller: Caller, named: string | undefined): string {
  if (named !== undefined) return named;
  if (!isStaff(caller) && caller.roles.includes('resident')) return ownResidentId(caller);
  throw new ApplicationError('invalid-input', 'resident-required', 'name the resident (residentId)');
}

/** What a resident's account that no administrator has linked to their record is told. */
const NOT_LINKED =
  'this account is not linked to a resident of the ledger; ask an administrator to link it (npm run admin -- link)';

/** The resident the caller is: 403 when their account is linked to none (they have nothing of their own). */
export function ownResidentId(caller: Caller): string {
  if (caller.residentId === undefined) throw new ApplicationError('forbidden', 'forbidden', NOT_LINKED);
  return caller.residentId;
}

/**
 * 403 with `refusal` (what the caller may do instead) unless the caller acts for the resident; a
 * resident's account without a link is told so, as the refusal alone would puzzle them.
 */
export function assertActsFor(caller: Caller, residentId: string, refusal: string): void {
  if (actsFor(caller, residentId)) return;
  const unlinked = caller.residentId === undefined && caller.roles.includes('resident');
  throw new ApplicationError('forbidden', 'forbidden', unlinked ? `${refusal}: ${NOT_LINKED}` : refusal);
}

/** A judge (a resident: judges are named by resident id) declares their own conflicts; an admin may record one for them. */
export const actsForJudge = (caller: Caller, judgeId: string): boolean =>
  caller.roles.includes('admin') || isResident(caller, judgeId);

/** A record about a resident is read by the set's roles, and by that resident. */
export const mayRead = (caller: Caller, set: RoleSet, residentId: string): boolean =>
  holds(caller, set) || isResident(caller, residentId);

export function assertMayRead(caller: Caller, set: RoleSet, residentId: string, refusal: string): void {
  if (!mayRead(caller, set, residentId)) throw new ApplicationError('forbidden', 'forbidden', refusal);
}

/** Phone and email of a resident: staff, and the resident themself. */
export const seesContactDetails = (caller: Caller, residentId: string): boolean =>
  isStaff(caller) || isResident(caller, residentId);

/** The organizing group's email addresses: staff only (the reports reach the group without anyone else). */
export const seesOrganizingGroupContacts = (caller: Caller): boolean => isStaff(caller);

/**
 * One judge's scores of a nomination. Staff and that judge see them all along; the round's other
 * judges once scoring has closed (they can no longer be swayed); everyone else once the nomination
 * is decided.
 */
export function seesJudgeScores(
  caller: Caller,
  judgeId: string,
  round: { readonly judges: readonly string[]; readonly scoringCloses: string },
  nomination: { readonly decided: boolean },
  now: Date,
): boolean {
  if (isStaff(caller) || nomination.decided) return true;
  const judge = caller.residentId;
  if (!caller.roles.includes('judge') || judge === undefined || !round.judges.includes(judge)) return false;
  return judge === judgeId || now.getTime() >= Date.parse(round.scoringCloses);
}
