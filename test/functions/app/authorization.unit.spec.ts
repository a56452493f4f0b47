import { describe, expect, it } from 'vitest';
import {
  actsFor,
  actsForJudge,
  assertActsFor,
  assertMayRead,
  type Caller,
  holds,
  isStaff,
  mayRead,
  ownResidentId,
  type RoleName,
  residentMeant,
  roleSets,
  seesContactDetails,
  seesJudgeScores,
  seesOrganizingGroupContacts,
} from '../../../functions/app/authorization.js';
import { ApplicationError } from '../../../functions/app/errors.js';

/**
 * The community's rules about people, one at a time (the route × role table is the end-to-end
 * authorization spec): staff act for anyone, others for themselves; a resident reads their own
 * record; contact details are for staff and the person; a judge's scores stay hidden from the other
 * judges until scoring closes.
 */

// Each caller is the resident of their id, as a token's `resident` claim says.
const as = (sub: string, ...roles: RoleName[]): Caller => ({ sub, residentId: sub, roles });
const admin = as('a-1', 'admin');
const organizer = as('o-1', 'organizer');
const leader = as('l-1', 'leader');
const auditor = as('au-1', 'auditor');
const judge = as('J-1', 'judge');
const resident = as('R-1', 'resident');

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof ApplicationError ? [error.kind, error.code, error.detail] : error;
  }
  return 'allowed';
};

describe('who holds a role set', () => {
  it('names the community roles of each purpose', () => {
    expect(roleSets.staff).toEqual(['admin', 'organizer']);
    expect([...roleSets.overseers].sort()).toEqual(['admin', 'auditor', 'leader', 'organizer']);
    expect([...roleSets.rosterReaders].sort()).toEqual(['admin', 'leader', 'organizer']);
    expect([...roleSets.residentRecordReaders].sort()).toEqual([
      'admin',
      'auditor',
      'judge',
      'leader',
      'organizer',
    ]);
    expect([...roleSets.residentsAndStaff].sort()).toEqual(['admin', 'organizer', 'resident']);
    expect(roleSets.everyone).toHaveLength(6);
  });

  it('holds a set when any one of the caller’s roles is in it, and not otherwise', () => {
    expect(holds(as('x', 'resident', 'leader'), 'rosterReaders')).toBe(true);
    expect(holds(as('x', 'resident', 'judge'), 'rosterReaders')).toBe(false);
    expect(holds(as('x'), 'everyone')).toBe(false);
    expect([admin, organizer, leader, judge, resident].map(isStaff)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('acting for a resident: staff for anyone, everyone else only for themself', () => {
  it('lets staff act for any resident and a resident only for their own id', () => {
    expect(actsFor(admin, 'R-9')).toBe(true);
    expect(actsFor(organizer, 'R-9')).toBe(true);
    expect(actsFor(resident, 'R-1')).toBe(true);
    expect(actsFor(resident, 'R-9')).toBe(false);
    expect(actsFor(leader, 'R-9')).toBe(false);
  });

  it('refuses with 403 and says what the caller may do instead', () => {
    expect(refusal(() => assertActsFor(resident, 'R-9', 'only your own'))).toEqual([
      'forbidden',
      'forbidden',
      'only your own',
    ]);
    expect(refusal(() => assertActsFor(resident, 'R-1', 'only your own'))).toBe('allowed');
    expect(refusal(() => assertActsFor(organizer, 'R-9', 'only your own'))).toBe('allowed');
  });

  it('takes the resident named, or the resident caller themself; staff must name one', () => {
    expect(residentMeant(organizer, 'R-9')).toBe('R-9');
    expect(residentMeant(resident, undefined)).toBe('R-1');
    expect(refusal(() => residentMeant(organizer, undefined))).toEqual([
      'invalid-input',
      'resident-required',
      'name the resident (residentId)',
    ]);
    // A staff member who is also a resident still names whom they act for.
    expect(refusal(() => residentMeant(as('o-2', 'organizer', 'resident'), undefined))).not.toBe('allowed');
    expect(refusal(() => residentMeant(leader, undefined))).not.toBe('allowed');
  });

  it('an account linked to no resident acts for none, even when its sub is a resident id (issue 28)', () => {
    const unlinked: Caller = { sub: 'R-1', roles: ['resident', 'judge'] };
    expect(actsFor(unlinked, 'R-1')).toBe(false);
    expect(mayRead(unlinked, 'overseers', 'R-1')).toBe(false);
    expect(seesContactDetails(unlinked, 'R-1')).toBe(false);
    expect(actsForJudge(unlinked, 'R-1')).toBe(false);
    const notLinked =
      /this account is not linked to a resident of the ledger; ask an administrator to link it/;
    expect(refusal(() => assertActsFor(unlinked, 'R-1', 'only your own'))).toEqual([
      'forbidden',
      'forbidden',
      expect.stringMatching(new RegExp(`^only your own: ${notLinked.source}`)),
    ]);
    expect(refusal(() => residentMeant(unlinked, undefined))).toEqual([
      'forbidden',
      'forbidden',
      expect.stringMatching(notLinked),
    ]);
    expect(refusal(() => ownResidentId(unlinked))).toEqual([
      'forbidden',
      'forbidden',
      expect.stringMatching(notLinked),
    ]);
    expect(ownResidentId({ sub: 'c0ffee', residentId: 'R-1', roles: ['resident'] })).toBe('R-1');
  });

  it('lets a judge declare only their own conflicts, and an admin any judge’s', () => {
    expect(actsForJudge(judge, 'J-1')).toBe(true);
    expect(actsForJudge(judge, 'J-2')).toBe(false);
    expect(actsForJudge(admin, 'J-2')).toBe(true);
    expect(actsForJudge(organizer, 'J-2')).toBe(false);
  });
});

describe('reading a record about a resident', () => {
  it('is for the set’s roles and for that resident', () => {
    expect(mayRead(auditor, 'overseers', 'R-9')).toBe(true);
    expect(mayRead(resident, 'overseers', 'R-1')).toBe(true);
    expect(mayRead(resident, 'overseers', 'R-9')).toBe(false);
    expect(mayRead(judge, 'overseers', 'R-9')).toBe(false);
    expect(refusal(() => assertMayRead(resident, 'overseers', 'R-9', 'yours only'))).toEqual([
      'forbidden',
      'forbidden',
      'yours only',
    ]);
    expect(refusal(() => assertMayRead(resident, 'overseers', 'R-1', 'yours only'))).toBe('allowed');
  });

  it('shows phone and email to staff and the person only; the group’s addresses to staff only', () => {
    expect(seesContactDetails(organizer, 'R-9')).toBe(true);
    expect(seesContactDetails(resident, 'R-1')).toBe(true);
    expect(seesContactDetails(resident, 'R-9')).toBe(false);
    expect(seesContactDetails(leader, 'R-9')).toBe(false);
    expect([admin, organizer, leader, auditor, judge, resident].map(seesOrganizingGroupContacts)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("one judge's scores of a nomination", () => {
  const round = { judges: ['J-1', 'J-2'], scoringCloses: '2026-06-30T16:00:00Z' };
  const open = { decided: false };
  const before = new Date('2026-06-30T15:59:59.999Z');
  const closing = new Date('2026-06-30T16:00:00Z');

  it('are seen by staff all along and by everyone once the nomination is decided', () => {
    expect(seesJudgeScores(organizer, 'J-1', round, open, before)).toBe(true);
    expect(seesJudgeScores(resident, 'J-1', round, open, closing)).toBe(false);
    expect(seesJudgeScores(resident, 'J-1', round, { decided: true }, before)).toBe(true);
  });

  it('are seen by that judge all along, by the round’s other judges from the instant scoring closes', () => {
    expect(seesJudgeScores(as('J-1', 'judge'), 'J-1', round, open, before)).toBe(true);
    expect(seesJudgeScores(as('J-2', 'judge'), 'J-1', round, open, before)).toBe(false);
    expect(seesJudgeScores(as('J-2', 'judge'), 'J-1', round, open, closing)).toBe(true);
  });

  it('are not seen by a judge of another round, nor by a caller named like a judge without the role', () => {
    expect(seesJudgeScores(as('J-3', 'judge'), 'J-1', round, open, closing)).toBe(false);
    expect(seesJudgeScores(as('J-1', 'resident'), 'J-1', round, open, closing)).toBe(false);
  });
});
