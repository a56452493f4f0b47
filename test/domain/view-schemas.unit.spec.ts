import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type Projection, projections } from '../../domain/projections.js';
import { type DomainEvent, encodeEvent } from '../../events/index.js';
import { project, type Timeline } from '../support/decider-spec.js';

/**
 * Every view describes what it stores with a zod schema (its TypeScript type is inferred from it and
 * the HTTP answers reuse it for OpenAPI). Here every document every projection writes, at every step
 * of a history that takes each branch and fills each optional field, must parse to itself: a field
 * the schema lacks (parsing drops it), a missing or mistyped one (parsing fails) is caught.
 */
const window = { start: '2026-03-10T01:00:00.000Z', end: '2026-03-10T03:00:00.000Z' };
const later = { start: '2026-03-17T01:00:00.000Z', end: '2026-03-17T03:00:00.000Z' };
const enrolled = (residentId: string, more: Record<string, unknown> = {}) => ({
  type: 'ResidentEnrolled',
  data: { residentId, name: `Resident ${residentId}`, householdId: `H-${residentId}`, ...more },
});
const planned = (activityId: string, more: Record<string, unknown> = {}) => ({
  type: 'ActivityPlanned',
  data: {
    activityId,
    planId: 'P1',
    planYear: 2026,
    timeZone: 'Asia/Shanghai',
    category: 'party-education',
    format: 'study-session',
    title: `Study ${activityId}`,
    window,
    ...more,
  },
});
const body = { sha256: 'a'.repeat(64), bytes: 120 };
const nominated = (nominationId: string, more: Record<string, unknown> = {}) => ({
  type: 'FamilyNominated',
  data: {
    nominationId,
    roundId: 'G1',
    householdId: `H-${nominationId}`,
    familyName: `Family ${nominationId}`,
    nominatedBy: 'R1',
    story: 'kind to all',
    consent: { by: 'R1', selfNominated: true },
    ...more,
  },
});

/** A recurring series' occurrences (their ids name the activities the series writes). */
const tuesdays = ['2026-03-10', '2026-03-17', '2026-03-31'] as const;
const occurrence = (date: string) => `S1-${date}`;
const at = (date: string, from = '01:00', to = '03:00') => ({
  start: `${date}T${from}:00.000Z`,
  end: `${date}T${to}:00.000Z`,
});
const readingBook = { bookId: 'B1', planId: 'P1', title: 'Walden', author: 'Thoreau' };

const history: Timeline = [
  [
    'c1#resident#R1',
    enrolled('R1', {
      building: 'B3',
      partyMember: true,
      branch: 'Branch 2',
      phone: '+86 138 0000 0000',
      email: 'r1@example.org',
    }),
  ],
  ['c1#resident#R2', enrolled('R2', { partyMember: false, phone: '12345', email: 'r2@example.org' })],
  ['c1#resident#R2', { type: 'ResidentPersonalDataErased', data: { residentId: 'R2' } }],
  [
    'c1#plan#P1',
    {
      type: 'PlanCreated',
      data: {
        planId: 'P1',
        communityName: 'Maple Court',
        year: 2026,
        title: 'Plan',
        timeZone: 'Asia/Shanghai',
      },
    },
  ],
  [
    'c1#plan#P1',
    {
      type: 'TargetSet',
      data: {
        targetId: 't1',
        description: 'at least 8',
        metric: 'activities-held',
        category: 'party-education',
        format: 'study-session',
        minimum: 8,
        per: 'year',
      },
    },
  ],
  [
    'c1#plan#P1',
    {
      type: 'TargetSet',
      data: {
        targetId: 't2',
        description: 'one each',
        metric: 'articles-per-member',
        minimum: 1,
        per: 'year',
      },
    },
  ],
  [
    'c1#plan#P1',
    {
      type: 'OrganizingGroupAppointed',
      data: {
        leader: { name: 'Leader', email: 'lead@example.org', residentId: 'R2' },
        deputies: [{ name: 'Deputy', email: 'dep@example.org' }],
        members: [{ name: 'Member', residentId: 'R1' }],
      },
    },
  ],
  ['c1#plan#P1', { type: 'OrganizingGroupMemberErased', data: { residentId: 'R2' } }],
  [
    'c1#activity#A1',
    planned('A1', {
      description: 'Chapter 3',
      venue: 'Hall',
      organizerUnit: 'Committee',
      partnerUnits: ['Police station'],
      audience: 'party members',
      capacity: 40,
      lecturer: 'Prof. Wang',
    }),
  ],
  [
    'c1#activity#A1',
    { type: 'ActivityRescheduled', data: { window: later, previousWindow: window, reason: 'rain' } },
  ],
  ['c1#activity#A1', { type: 'ResidentRegistered', data: { residentId: 'R1' } }],
  ['c1#activity#A1', { type: 'ResidentAttended', data: { residentId: 'R1', method: 'qr', at: later.start } }],
  ['c1#activity#A1', { type: 'AttendanceRevoked', data: { residentId: 'R1', reason: 'left early' } }],
  [
    'c1#activity#A1',
    { type: 'ResidentAttended', data: { residentId: 'R1', method: 'kiosk', at: later.start } },
  ],
  [
    'c1#activity#A1',
    { type: 'ResidentAttended', data: { residentId: 'R2', method: 'organizer', at: later.end } },
  ],
  [
    'c1#activity#A1',
    {
      type: 'ActivityHeld',
      data: {
        heldOn: later.start,
        summary: 'done',
        lecturer: 'Prof. Wang',
        trainingPlan: 'TP-1',
        headcount: 2,
        heldWithinWindow: true,
      },
    },
  ],
  [
    'c1#activity#A1',
    {
      type: 'StudyLeaveRequested',
      data: { residentId: 'R1', reason: 'night shift', requestedAt: window.start },
    },
  ],
  ['c1#activity#A1', { type: 'StudyLeaveDeclined', data: { residentId: 'R1', note: 'compulsory' } }],
  [
    'c1#activity#A1',
    { type: 'StudyLeaveRequested', data: { residentId: 'R1', reason: 'surgery', requestedAt: window.start } },
  ],
  ['c1#activity#A1', { type: 'StudyLeaveApproved', data: { residentId: 'R1' } }],
  [
    'c1#activity#A1',
    {
      type: 'StudyMadeUp',
      data: { residentId: 'R1', makeUp: { by: 'note', note: 'notes', reviewedBy: 'O1' } },
    },
  ],
  [
    'c1#activity#A1',
    { type: 'StudyMadeUp', data: { residentId: 'R3', makeUp: { by: 'session', sessionId: 'A3' } } },
  ],
  ['c1#activity#A2', planned('A2')],
  ['c1#activity#A2', { type: 'ActivityCancelled', data: { reason: 'storm' } }],
  [
    'c1#article#AR1',
    {
      type: 'ArticleSubmitted',
      data: {
        articleId: 'AR1',
        planId: 'P1',
        authorId: 'R1',
        kind: 'theory-article',
        title: 'On study',
        abstract: 'short',
        body,
      },
    },
  ],
  [
    'c1#article#AR1',
    { type: 'ArticleReviewed', data: { verdict: 'needs-revision', comments: 'more', reviewerId: 'O1' } },
  ],
  ['c1#article#AR1', { type: 'ArticleRevised', data: { title: 'On study, again', body } }],
  ['c1#article#AR1', { type: 'ArticleReviewed', data: { verdict: 'quality', reviewerId: 'O1' } }],
  [
    'c1#round#G1',
    {
      type: 'RoundOpened',
      data: {
        roundId: 'G1',
        planId: 'P1',
        title: 'Good family style',
        criteria: [{ key: 'harmony', label: 'Harmony', weight: 1 }],
        maxScore: 10,
        minJudges: 2,
        endorsementWeight: 0.1,
        endorsementCap: 5,
        judges: ['J1', 'J2'],
        nominationsClose: '2026-09-30T16:00:00.000Z',
        scoringCloses: '2026-10-31T16:00:00.000Z',
      },
    },
  ],
  ['c1#nomination#N1', nominated('N1', { motto: 'together' })],
  ['c1#nomination#N1', { type: 'NominationEndorsed', data: { residentId: 'R2' } }],
  [
    'c1#nomination#N1',
    { type: 'JudgeRecused', data: { judgeId: 'J2', reason: 'neighbour', automatic: false } },
  ],
  ['c1#nomination#N1', { type: 'NominationScored', data: { judgeId: 'J1', scores: { harmony: 8 } } }],
  ['c1#nomination#N1', { type: 'NominationDecided', data: { outcome: 'awarded', rationale: 'kind' } }],
  ['c1#nomination#N2', nominated('N2')],
  ['c1#nomination#N2', { type: 'NominationWithdrawn', data: { reason: 'moved away' } }],
  [
    'c1#deed#D1',
    {
      type: 'GoodDeedRecorded',
      data: {
        deedId: 'D1',
        planId: 'P1',
        residentIds: ['R1', 'R2'],
        title: 't',
        description: 'd',
        date: '2026-03-01',
      },
    },
  ],
  [
    'c1#model#M1',
    { type: 'ModelNamed', data: { modelId: 'M1', residentId: 'R1', title: 'good-neighbor', citation: 'c' } },
  ],
  // A weekly series with every optional field, its first occurrence written as an activity; a
  // "this and following" change with every field; a cancellation of one, then of all of them.
  [
    'c1#series#S1',
    {
      type: 'ActivitySeriesPlanned',
      data: {
        seriesId: 'S1',
        planId: 'P1',
        planYear: 2026,
        timeZone: 'Asia/Shanghai',
        category: 'civilization-school',
        format: 'class',
        title: 'Civilization school',
        description: 'Tuesday evenings',
        venue: 'Hall',
        organizerUnit: 'Committee',
        audience: 'residents',
        capacity: 30,
        lecturer: 'Prof. Wang',
        recurrence: {
          rrule: 'FREQ=WEEKLY;BYDAY=TU',
          start: '2026-03-10T09:00',
          durationMinutes: 120,
          until: '2026-03-31',
          exceptions: ['2026-03-24'],
        },
        occurrences: tuesdays.map((date) => ({ occurrenceId: occurrence(date), date, window: at(date) })),
      },
    },
  ],
  [
    `c1#activity#${occurrence('2026-03-10')}`,
    planned(occurrence('2026-03-10'), {
      category: 'civilization-school',
      format: 'class',
      window: at('2026-03-10'),
      venue: 'Hall',
      lecturer: 'Prof. Wang',
      seriesId: 'S1',
    }),
  ],
  [
    `c1#activity#${occurrence('2026-03-10')}`,
    {
      type: 'ActivityDetailsChanged',
      data: { venue: 'Library', lecturer: 'Ms. Li', reason: 'moved by the series' },
    },
  ],
  ['c1#series#S1', { type: 'ActivitySeriesOccurrencesWritten', data: { decisions: 1 } }],
  [
    'c1#series#S1',
    {
      type: 'ActivitySeriesChanged',
      data: {
        scope: 'following',
        occurrenceId: occurrence('2026-03-17'),
        change: { startTime: '10:00', durationMinutes: 90, venue: 'Library', lecturer: 'Ms. Li' },
        reason: 'the hall is booked',
        occurrences: tuesdays.slice(1).map((date) => ({
          occurrenceId: occurrence(date),
          date,
          window: at(date, '02:00', '03:30'),
          previousWindow: at(date),
        })),
      },
    },
  ],
  [
    'c1#series#S1',
    {
      type: 'ActivitySeriesCancelled',
      data: {
        scope: 'this',
        occurrenceId: occurrence('2026-03-10'),
        reason: 'holiday',
        occurrenceIds: [occurrence('2026-03-10')],
      },
    },
  ],
  [
    'c1#series#S1',
    {
      type: 'ActivitySeriesCancelled',
      data: {
        scope: 'all',
        reason: 'the school closed',
        occurrenceIds: tuesdays.slice(1).map(occurrence),
      },
    },
  ],
  ['c1#series#S1', { type: 'ActivitySeriesOccurrencesWritten', data: { decisions: 4 } }],
  // A series without venue or lecturer, ending after a count.
  [
    'c1#series#S2',
    {
      type: 'ActivitySeriesPlanned',
      data: {
        seriesId: 'S2',
        planId: 'P1',
        planYear: 2026,
        timeZone: 'Asia/Shanghai',
        category: 'library-reading',
        format: 'reading',
        title: 'Library opening',
        recurrence: {
          rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=1',
          start: '2026-03-14T09:00',
          durationMinutes: 120,
          count: 1,
        },
        occurrences: [{ occurrenceId: 'S2-2026-03-14', date: '2026-03-14', window: at('2026-03-14') }],
      },
    },
  ],
  // A rotation announced (slots with and without label and activity), drawn, two slots swapped.
  [
    'c1#rotation#RT1',
    {
      type: 'RotationAnnounced',
      data: {
        rotationId: 'RT1',
        planId: 'P1',
        title: 'Square performances',
        timeZone: 'Asia/Shanghai',
        participants: [
          { key: 'school-1', name: 'No. 1 Primary School', kind: 'school' },
          { key: 'police', name: 'Police station', kind: 'unit' },
        ],
        slots: [
          { number: 1, date: '2026-06-01', activityId: 'A1' },
          { number: 2, date: '2026-07-01', label: 'July 1' },
          { number: 3, date: '2026-10-01', label: 'National Day' },
        ],
        seedDay: '2026-05-10',
        algorithm: 'fisher-yates-sha256-v1',
      },
    },
  ],
  [
    'c1#rotation#RT1',
    {
      type: 'RotationDrawn',
      data: {
        seed: { day: '2026-05-10', digestDay: '2026-05-10', digest: 'a'.repeat(64) },
        algorithm: 'fisher-yates-sha256-v1',
        order: ['police', 'school-1'],
        assignments: [
          { slot: 1, participant: 'police' },
          { slot: 2, participant: 'school-1' },
          { slot: 3, participant: 'police' },
        ],
      },
    },
  ],
  [
    'c1#rotation#RT1',
    {
      type: 'RotationSlotsSwapped',
      data: {
        slotA: 2,
        slotB: 3,
        participantA: 'school-1',
        participantB: 'police',
        reason: 'exams',
        swappedBy: 'O1',
      },
    },
  ],
  // A recommended book with its ISBN, reviewed twice by one resident, and a reading essay about it.
  [
    'c1#book#B1',
    {
      type: 'BookRecommended',
      data: {
        ...readingBook,
        isbn: '9780486284958',
        recommendedBy: 'Community library',
        reason: 'A quiet book',
      },
    },
  ],
  ['c1#book#B1', { type: 'BookReviewed', data: { residentId: 'R1', rating: 5, text: 'good' } }],
  ['c1#book#B1', { type: 'BookReviewed', data: { residentId: 'R1', rating: 3, text: 'second thoughts' } }],
  [
    'c1#book#B1',
    { type: 'ReadingEssayLinked', data: { articleId: 'AR1', authorId: 'R1', title: 'On Walden' } },
  ],
  // A venue serving a plan, two items (one inspected with notes and maintained, one retired), and an
  // instructor with every optional field and a session with every field.
  [
    'c1#venue#V1',
    {
      type: 'VenueRegistered',
      data: {
        venueId: 'V1',
        planId: 'P1',
        name: 'East square',
        kind: 'square',
        location: 'East gate',
        timeZone: 'Asia/Shanghai',
      },
    },
  ],
  [
    'c1#venue#V1',
    ['V1-K1', 'V1-K2'].map((equipmentId) => ({
      type: 'EquipmentInstalled',
      data: {
        equipmentId,
        item: 'Sit-up bench',
        quantity: 1,
        installedOn: '2026-01-04T16:00:00.000Z',
        inspectEveryDays: 31,
      },
    })),
  ],
  [
    'c1#venue#V1',
    {
      type: 'EquipmentInspected',
      data: {
        equipmentId: 'V1-K1',
        inspectedOn: '2026-02-01T16:00:00.000Z',
        inspector: 'Wang',
        condition: 'unsafe',
        notes: 'loose bolt',
      },
    },
  ],
  [
    'c1#venue#V1',
    {
      type: 'EquipmentMaintained',
      data: { equipmentId: 'V1-K1', doneOn: '2026-02-02T16:00:00.000Z', by: 'Bureau', work: 'welded' },
    },
  ],
  [
    'c1#venue#V1',
    {
      type: 'EquipmentRetired',
      data: { equipmentId: 'V1-K2', retiredOn: '2026-02-10T16:00:00.000Z', reason: 'broken' },
    },
  ],
  [
    'c1#instructor#I1',
    {
      type: 'InstructorRegistered',
      data: {
        instructorId: 'I1',
        name: 'Coach Liu',
        residentId: 'R1',
        specialty: 'dance',
        certifiedUntil: '2027-06-30',
      },
    },
  ],
  [
    'c1#instructor#I1',
    {
      type: 'InstructorSessionHeld',
      data: {
        sessionId: 'S1',
        heldOn: '2026-05-01T01:00:00.000Z',
        timeZone: 'Asia/Shanghai',
        activityId: 'A1',
        venueId: 'V1',
        topic: 'warm-up',
        participants: 20,
      },
    },
  ],
];

/** Every document the projection wrote, at every step (not only the last state of each item). */
async function documentsWritten(projection: Projection<DomainEvent, Record<string, unknown>>) {
  const written: Record<string, unknown>[] = [];
  const watched: typeof projection = {
    ...projection,
    evolve(current, event, context) {
      const next = projection.evolve(current, event, context);
      if (next) written.push(next.data);
      return next;
    },
  };
  await project(history, [watched]);
  return written;
}

describe('view schemas', () => {
  it('the history is made of events their schemas accept, as written', () => {
    for (const [, events] of history)
      for (const { type, data } of [events].flat()) expect(encodeEvent(type, data).data).toEqual(data);
  });

  it.each(projections.map((p) => [p.name, p] as const))(
    '%s: every document it writes parses to itself',
    async (_name, projection) => {
      const written = await documentsWritten(projection);
      expect(written.length, 'the history above must make this view write something').toBeGreaterThan(0);
      for (const data of written) {
        const parsed = (projection.schema as z.ZodType).safeParse(data);
        expect(parsed.error?.issues ?? [], JSON.stringify(data)).toEqual([]);
        expect(parsed.data, 'a field the schema does not name').toEqual(data);
      }
    },
  );
});
