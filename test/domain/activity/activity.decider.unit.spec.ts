import { describe, expect, it } from 'vitest';
import { type ActivityCommand, activityDecider } from '../../../domain/activity/activity.decider.js';
import type { ActivityEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

const plan = { planId: 'P', year: 2026, timeZone: 'Asia/Shanghai' };
// Late April in Shanghai: 2026-04-20 00:00 to 2026-04-30 23:59:59.999 local.
const lateApril = { start: '2026-04-19T16:00:00.000Z', end: '2026-04-30T15:59:59.999Z' };
const planCommand: ActivityCommand = {
  type: 'PlanActivity',
  activityId: 'A',
  planId: 'P',
  plan,
  category: 'sports-fitness',
  format: 'competition',
  title: 'May Day friendly basketball',
  window: lateApril,
  capacity: 2,
};
const planned: ActivityEvent = {
  type: 'ActivityPlanned',
  data: {
    activityId: 'A',
    planId: 'P',
    planYear: 2026,
    timeZone: 'Asia/Shanghai',
    category: 'sports-fitness',
    format: 'competition',
    title: 'May Day friendly basketball',
    window: lateApril,
    capacity: 2,
    checkInMarginMinutes: 30,
  },
};
const cancelled: ActivityEvent = { type: 'ActivityCancelled', data: { reason: 'rain' } };
const registered = (residentId: string): ActivityEvent => ({
  type: 'ResidentRegistered',
  data: { residentId },
});
const attended = (residentId: string): ActivityEvent => ({
  type: 'ResidentAttended',
  data: { residentId, method: 'qr', at: '2026-04-25T02:00:00.000Z' },
});
const attend = (residentId: string, residentKnown = true): ActivityCommand => ({
  type: 'RecordAttendance',
  activityId: 'A',
  residentId,
  residentKnown,
  method: 'qr',
  at: '2026-04-25T02:00:00.000Z',
  now: '2026-04-25T02:00:00.000Z',
});
const register = (residentId: string, residentKnown = true): ActivityCommand => ({
  type: 'RegisterResident',
  activityId: 'A',
  residentId,
  residentKnown,
});
const hold = (heldOn: string): ActivityCommand => ({
  type: 'RecordHeld',
  activityId: 'A',
  heldOn,
  summary: 'Eight teams played',
  lecturer: 'Coach Ma',
  trainingPlan: 'Warm-up, matches, awards',
  headcount: 64,
  now: '2026-12-01T00:00:00.000Z',
});

describe('activity decider', () => {
  describe('planning', () => {
    it('plans an activity of an existing plan, inside the plan’s year', () => {
      given(activityDecider, []).when(planCommand).then([planned]);
    });
    it('refuses a plan that does not exist', () => {
      given(activityDecider, [])
        .when({ ...planCommand, plan: undefined })
        .then({ code: 'plan-not-found', category: 'not-found' });
    });
    it('refuses a window that ends before it starts', () => {
      given(activityDecider, [])
        .when({ ...planCommand, window: { start: lateApril.end, end: lateApril.start } })
        .then({ code: 'window-ends-before-start', category: 'invalid' });
    });
    it('refuses a window outside the plan’s year, counted in the plan’s time zone', () => {
      // 2025-12-31T16:30Z is already 2026-01-01 00:30 in Shanghai: inside. 15:30Z is still 2025 there: outside.
      given(activityDecider, [])
        .when({
          ...planCommand,
          window: { start: '2025-12-31T16:30:00.000Z', end: '2026-01-01T02:00:00.000Z' },
        })
        .then([
          {
            ...planned,
            data: {
              ...planned.data,
              window: { start: '2025-12-31T16:30:00.000Z', end: '2026-01-01T02:00:00.000Z' },
            },
          } as ActivityEvent,
        ]);
      given(activityDecider, [])
        .when({
          ...planCommand,
          window: { start: '2025-12-31T15:30:00.000Z', end: '2026-01-01T02:00:00.000Z' },
        })
        .then({ code: 'window-outside-plan-year', category: 'invalid' });
      given(activityDecider, [])
        .when({
          ...planCommand,
          window: { start: '2026-12-31T10:00:00.000Z', end: '2027-01-01T10:00:00.000Z' },
        })
        .then({ code: 'window-outside-plan-year', category: 'invalid' });
    });
    it('refuses to plan the same activity twice', () => {
      given(activityDecider, [planned])
        .when(planCommand)
        .then({ code: 'activity-already-exists', category: 'conflict' });
    });
  });

  describe('rescheduling and cancelling', () => {
    const newWindow = { start: '2026-04-24T16:00:00.000Z', end: '2026-04-25T16:00:00.000Z' };
    it('reschedules inside the plan’s year, remembering the previous window', () => {
      given(activityDecider, [planned])
        .when({ type: 'RescheduleActivity', activityId: 'A', window: newWindow, reason: 'venue busy' })
        .then([
          {
            type: 'ActivityRescheduled',
            data: { window: newWindow, previousWindow: lateApril, reason: 'venue busy' },
          },
        ]);
      given(activityDecider, [planned])
        .when({
          type: 'RescheduleActivity',
          activityId: 'A',
          window: { start: '2027-01-02T00:00:00.000Z', end: '2027-01-03T00:00:00.000Z' },
          reason: 'x',
        })
        .then({ code: 'window-outside-plan-year' });
    });
    it('cancels once; nothing is rescheduled, registered or attended on a cancelled activity', () => {
      given(activityDecider, [planned])
        .when({ type: 'CancelActivity', activityId: 'A', reason: 'rain' })
        .then([cancelled]);
      given(activityDecider, [planned, cancelled])
        .when({ type: 'CancelActivity', activityId: 'A', reason: 'again' })
        .then({ code: 'activity-cancelled', category: 'conflict' });
      given(activityDecider, [planned, cancelled])
        .when(register('R1'))
        .then({ code: 'activity-cancelled', category: 'conflict' });
      given(activityDecider, [planned, cancelled])
        .when(attend('R1'))
        .then({ code: 'activity-cancelled', category: 'conflict' });
      given(activityDecider, [planned, cancelled])
        .when({ type: 'RescheduleActivity', activityId: 'A', window: newWindow, reason: 'x' })
        .then({ code: 'activity-cancelled' });
    });
    it('refuses anything on an activity that does not exist', () => {
      given(activityDecider, [])
        .when(attend('R1'))
        .then({ code: 'activity-not-found', category: 'not-found' });
    });
  });

  describe('venue and lecturer', () => {
    const change = (fields: { venue?: string; lecturer?: string }): ActivityCommand => ({
      type: 'ChangeActivityDetails',
      activityId: 'A',
      ...fields,
      reason: 'the court is resurfaced',
    });
    const detailsChanged = (fields: { venue?: string; lecturer?: string }): ActivityEvent => ({
      type: 'ActivityDetailsChanged',
      data: { ...fields, reason: 'the court is resurfaced' },
    });
    const plannedAt: ActivityEvent = {
      type: 'ActivityPlanned',
      data: {
        ...(planned.data as Extract<ActivityEvent, { type: 'ActivityPlanned' }>['data']),
        venue: 'Court 1',
        lecturer: 'Coach Ma',
      },
    };

    it('changes the venue, the lecturer or both, naming only what changes', () => {
      given(activityDecider, [plannedAt])
        .when(change({ venue: 'Court 2' }))
        .then([detailsChanged({ venue: 'Court 2' })]);
      given(activityDecider, [plannedAt])
        .when(change({ venue: 'Court 1', lecturer: 'Coach Li' }))
        .then([detailsChanged({ lecturer: 'Coach Li' })]);
      given(activityDecider, [planned])
        .when(change({ venue: 'Court 2', lecturer: 'Coach Li' }))
        .then([detailsChanged({ venue: 'Court 2', lecturer: 'Coach Li' })]);
      const state = given(activityDecider, [plannedAt])
        .when(change({ venue: 'Court 2' }))
        .state();
      expect(state).toMatchObject({ venue: 'Court 2', lecturer: 'Coach Ma' });
    });
    it('does nothing when the activity has those details already (a retried change)', () => {
      given(activityDecider, [plannedAt])
        .when(change({ venue: 'Court 1' }))
        .then([]);
      given(activityDecider, [plannedAt, detailsChanged({ venue: 'Court 2' })])
        .when(change({ venue: 'Court 2', lecturer: 'Coach Ma' }))
        .then([]);
      given(activityDecider, [plannedAt]).when(change({})).then([]);
    });
    it('refuses a cancelled, a held or an unknown activity', () => {
      given(activityDecider, [plannedAt, cancelled])
        .when(change({ venue: 'Court 2' }))
        .then({ code: 'activity-cancelled', category: 'conflict' });
      const held: ActivityEvent = {
        type: 'ActivityHeld',
        data: { heldOn: '2026-04-28T01:00:00.000Z', summary: 's', heldWithinWindow: true },
      };
      given(activityDecider, [plannedAt, held])
        .when(change({ venue: 'Court 2' }))
        .then({ code: 'activity-already-held', category: 'conflict' });
      given(activityDecider, [])
        .when(change({ venue: 'Court 2' }))
        .then({ code: 'activity-not-found' });
    });
  });

  describe('registration', () => {
    const waitlisted = (residentId: string, position: number): ActivityEvent => ({
      type: 'ResidentWaitlisted',
      data: { residentId, position },
    });
    const promoted = (residentId: string): ActivityEvent => ({
      type: 'ResidentPromotedFromWaitlist',
      data: { residentId },
    });
    const cancelledRegistration = (
      residentId: string,
      was: 'registered' | 'waitlisted',
      reason?: string,
    ): ActivityEvent => ({
      type: 'RegistrationCancelled',
      data: { residentId, was, ...(reason === undefined ? {} : { reason }) },
    });
    // The day before the window opens, and the instant it opens.
    const dayBefore = '2026-04-18T16:00:00.000Z';
    const cancel = (residentId: string, now = dayBefore, reason?: string): ActivityCommand => ({
      type: 'CancelRegistration',
      activityId: 'A',
      residentId,
      now,
      ...(reason === undefined ? {} : { reason }),
    });
    const full = [planned, registered('R1'), registered('R2')];

    it('registers residents up to capacity, then puts them on the waitlist in order', () => {
      given(activityDecider, [planned, registered('R1')])
        .when(register('R2'))
        .then([registered('R2')]);
      given(activityDecider, full)
        .when(register('R3'))
        .then([waitlisted('R3', 1)]);
      given(activityDecider, [...full, waitlisted('R3', 1)])
        .when(register('R4'))
        .then([waitlisted('R4', 2)]);
    });
    it('never waitlists on an activity without a capacity', () => {
      given(activityDecider, [
        { ...planned, data: { ...planned.data, capacity: undefined } } as ActivityEvent,
        registered('R1'),
      ])
        .when(register('R2'))
        .then([registered('R2')]);
    });
    it('registers a resident once, waitlists them once, and only a resident on the roster', () => {
      given(activityDecider, [planned, registered('R1')])
        .when(register('R1'))
        .then({ code: 'already-registered', category: 'conflict' });
      given(activityDecider, [...full, waitlisted('R3', 1)])
        .when(register('R3'))
        .then({ code: 'already-waitlisted', category: 'conflict' });
      given(activityDecider, [planned])
        .when(register('R9', false))
        .then({ code: 'resident-not-found', category: 'not-found' });
    });
    it('a cancelled place goes to the first in line, in the same decision', () => {
      given(activityDecider, [...full, waitlisted('R3', 1), waitlisted('R4', 2)])
        .when(cancel('R1', dayBefore, 'travelling'))
        .then([cancelledRegistration('R1', 'registered', 'travelling'), promoted('R3')]);
      const state = given(activityDecider, [...full, waitlisted('R3', 1), waitlisted('R4', 2)])
        .when(cancel('R1'))
        .state();
      expect(state).toMatchObject({ registeredCount: 2, waitlist: ['R4'] });
    });
    it('frees a place with nobody in line, and a place in line without promoting anyone', () => {
      given(activityDecider, full)
        .when(cancel('R2'))
        .then([cancelledRegistration('R2', 'registered')]);
      given(activityDecider, [...full, waitlisted('R3', 1), waitlisted('R4', 2)])
        .when(cancel('R3'))
        .then([cancelledRegistration('R3', 'waitlisted')]);
      const state = given(activityDecider, [...full, waitlisted('R3', 1), waitlisted('R4', 2)])
        .when(cancel('R3'))
        .state();
      expect(state).toMatchObject({ registeredCount: 2, waitlist: ['R4'] });
    });
    it('lets a resident who cancelled register again, at the end of the line when full', () => {
      given(activityDecider, [
        ...full,
        waitlisted('R3', 1),
        cancelledRegistration('R1', 'registered'),
        promoted('R3'),
      ])
        .when(register('R1'))
        .then([waitlisted('R1', 1)]);
      given(activityDecider, [...full, cancelledRegistration('R1', 'registered')])
        .when(register('R1'))
        .then([registered('R1')]);
    });
    it('refuses to cancel once the window has opened, or what was never registered', () => {
      given(activityDecider, full)
        .when(cancel('R1', lateApril.start))
        .then({ code: 'too-late-to-cancel', category: 'conflict' });
      given(activityDecider, full).when(cancel('R9')).then({ code: 'not-registered', category: 'conflict' });
      given(activityDecider, [...full, cancelledRegistration('R1', 'registered')])
        .when(cancel('R1'))
        .then({ code: 'not-registered', category: 'conflict' });
      given(activityDecider, [...full, cancelled])
        .when(cancel('R1'))
        .then({ code: 'activity-cancelled', category: 'conflict' });
    });
  });

  describe('attendance', () => {
    it('records a resident’s attendance once', () => {
      given(activityDecider, [planned])
        .when(attend('R1'))
        .then([attended('R1')]);
      given(activityDecider, [planned, attended('R1')])
        .when(attend('R1'))
        .then({ code: 'already-attended', category: 'conflict' });
    });
    it('refuses attendance of an unknown resident', () => {
      given(activityDecider, [planned])
        .when(attend('R9', false))
        .then({ code: 'resident-not-found', category: 'not-found' });
    });
    it('revokes an attendance, which can then be recorded again', () => {
      const revoked: ActivityEvent = {
        type: 'AttendanceRevoked',
        data: { residentId: 'R1', reason: 'signed in for a neighbour' },
      };
      given(activityDecider, [planned, attended('R1')])
        .when({
          type: 'RevokeAttendance',
          activityId: 'A',
          residentId: 'R1',
          reason: 'signed in for a neighbour',
        })
        .then([revoked]);
      given(activityDecider, [planned, attended('R1'), revoked])
        .when(attend('R1'))
        .then([attended('R1')]);
      given(activityDecider, [planned])
        .when({ type: 'RevokeAttendance', activityId: 'A', residentId: 'R1', reason: 'x' })
        .then({ code: 'not-attended', category: 'conflict' });
    });
  });

  describe('held', () => {
    it('records lecturer, training plan, summary, headcount and that it was held inside its window', () => {
      given(activityDecider, [planned, attended('R1')])
        .when(hold('2026-04-28T01:00:00.000Z'))
        .then([
          {
            type: 'ActivityHeld',
            data: {
              heldOn: '2026-04-28T01:00:00.000Z',
              summary: 'Eight teams played',
              lecturer: 'Coach Ma',
              trainingPlan: 'Warm-up, matches, awards',
              headcount: 64,
              heldWithinWindow: true,
            },
          },
        ]);
    });
    it('says when it was held outside its window (both ends included)', () => {
      const state = given(activityDecider, [planned]).when(hold('2026-04-30T16:00:00.000Z')).state();
      expect(state.status).toBe('held');
      const plannedState = activityDecider.evolve(activityDecider.initialState, planned);
      expect(activityDecider.decide(hold('2026-04-30T16:00:00.000Z'), plannedState)).toMatchObject([
        { data: { heldWithinWindow: false } },
      ]);
      expect(activityDecider.decide(hold(lateApril.end), plannedState)).toMatchObject([
        { data: { heldWithinWindow: true } },
      ]);
      expect(activityDecider.decide(hold(lateApril.start), plannedState)).toMatchObject([
        { data: { heldWithinWindow: true } },
      ]);
      // Before the window starts it cannot have been held at all (issue 25).
      expect(activityDecider.decide(hold('2026-04-19T15:59:59.999Z'), plannedState)).toMatchObject({
        code: 'held-before-window',
      });
    });
    it('judges a date without a time as the whole day: held on the day a 09:00–11:00 window falls in is within it', () => {
      // 10 August in Shanghai (UTC+8): the window is 09:00–11:00 that day; the date alone starts at 00:00.
      const morning = { start: '2026-08-10T01:00:00.000Z', end: '2026-08-10T03:00:00.000Z' };
      const plannedThen = activityDecider.evolve(activityDecider.initialState, {
        ...planned,
        data: { ...planned.data, window: morning },
      } as ActivityEvent);
      const wholeDay = (_day: string, from: string, until: string): ActivityCommand => ({
        ...(hold(from) as Extract<ActivityCommand, { type: 'RecordHeld' }>),
        heldUntil: until,
      });
      expect(
        activityDecider.decide(
          wholeDay('2026-08-10', '2026-08-09T16:00:00.000Z', '2026-08-10T16:00:00.000Z'),
          plannedThen,
        ),
      ).toMatchObject([{ data: { heldWithinWindow: true, heldOn: '2026-08-09T16:00:00.000Z' } }]);
      // The day before ends before the window starts: refused; the day after does not meet it.
      expect(
        activityDecider.decide(
          wholeDay('2026-08-09', '2026-08-08T16:00:00.000Z', '2026-08-09T16:00:00.000Z'),
          plannedThen,
        ),
      ).toMatchObject({ code: 'held-before-window' });
      expect(
        activityDecider.decide(
          wholeDay('2026-08-11', '2026-08-10T16:00:00.000Z', '2026-08-11T16:00:00.000Z'),
          plannedThen,
        ),
      ).toMatchObject([{ data: { heldWithinWindow: false } }]);
      // The event keeps the record, not the day's end.
      const [event] = activityDecider.decide(
        wholeDay('2026-08-10', '2026-08-09T16:00:00.000Z', '2026-08-10T16:00:00.000Z'),
        plannedThen,
      ) as ActivityEvent[];
      expect(event!.data).not.toHaveProperty('heldUntil');
      // The same date given as the day's first instant (what the route stored before) is before it.
      expect(activityDecider.decide(hold('2026-08-09T16:00:00.000Z'), plannedThen)).toMatchObject({
        code: 'held-before-window',
      });
    });
    it('is held once; a held activity is not rescheduled or cancelled', () => {
      const held: ActivityEvent = {
        type: 'ActivityHeld',
        data: { heldOn: '2026-04-28T01:00:00.000Z', summary: 's', heldWithinWindow: true },
      };
      given(activityDecider, [planned, held])
        .when(hold('2026-04-29T01:00:00.000Z'))
        .then({ code: 'activity-already-held', category: 'conflict' });
      given(activityDecider, [planned, held])
        .when({ type: 'CancelActivity', activityId: 'A', reason: 'x' })
        .then({ code: 'activity-already-held' });
      // Paper sign-in sheets are entered after the event.
      given(activityDecider, [planned, held])
        .when(attend('R2'))
        .then([attended('R2')]);
    });
  });
});

describe('activity decider: the edges of rescheduling, registering and a held activity', () => {
  const reschedule = (window: { start: string; end: string }): ActivityCommand => ({
    type: 'RescheduleActivity',
    activityId: 'A',
    window,
    reason: 'x',
  });
  const held: ActivityEvent = {
    type: 'ActivityHeld',
    data: { heldOn: '2026-04-28T01:00:00.000Z', summary: 's', heldWithinWindow: true },
  };

  it('does nothing when rescheduled to the window it has (a retried reschedule); moves when either end changes', () => {
    given(activityDecider, [planned]).when(reschedule(lateApril)).then([]);
    const laterEnd = { ...lateApril, end: '2026-04-29T15:59:59.999Z' };
    expect(
      activityDecider.decide(
        reschedule(laterEnd),
        given(activityDecider, [planned]).when(reschedule(lateApril)).state(),
      ),
    ).toMatchObject([{ type: 'ActivityRescheduled', data: { window: laterEnd } }]);
    const laterStart = { ...lateApril, start: '2026-04-20T16:00:00.000Z' };
    given(activityDecider, [planned])
      .when(reschedule(laterStart))
      .then([
        { type: 'ActivityRescheduled', data: { window: laterStart, previousWindow: lateApril, reason: 'x' } },
      ]);
  });

  it('keeps the window it was rescheduled to', () => {
    const moved = { start: '2026-05-01T00:00:00.000Z', end: '2026-05-02T00:00:00.000Z' };
    const state = given(activityDecider, [planned]).when(reschedule(moved)).state();
    expect(state).toMatchObject({ window: moved });
    expect(activityDecider.decide(reschedule(moved), state)).toEqual([]);
  });

  it('neither reschedules nor registers anyone once held', () => {
    given(activityDecider, [planned, held])
      .when(reschedule(lateApril))
      .then({ code: 'activity-already-held' });
    given(activityDecider, [planned, held]).when(register('R1')).then({ code: 'activity-already-held' });
  });

  it('registers without limit when it has no capacity', () => {
    const unlimited: ActivityEvent = {
      ...planned,
      data: { ...planned.data, capacity: undefined },
    } as ActivityEvent;
    given(activityDecider, [unlimited, registered('R1'), registered('R2'), registered('R3')])
      .when(register('R4'))
      .then([registered('R4')]);
  });
});

describe('activity decider: when a check-in is accepted (issue 25)', () => {
  // lateApril runs 2026-04-19T16:00Z to 2026-04-30T15:59:59.999Z; the plan's margin is 30 minutes.
  const checkIn = (
    at: string,
    extra: Partial<Extract<ActivityCommand, { type: 'RecordAttendance' }>> = {},
  ): ActivityCommand => ({
    type: 'RecordAttendance',
    activityId: 'A',
    residentId: 'R1',
    residentKnown: true,
    method: 'qr',
    at,
    now: at,
    ...extra,
  });
  const onPlanned = () => given(activityDecider, [planned]);

  it('opens the margin before the window and closes as long after it, both ends included', () => {
    onPlanned()
      .when(checkIn('2026-04-19T15:30:00.000Z'))
      .then([
        {
          type: 'ResidentAttended',
          data: { residentId: 'R1', method: 'qr', at: '2026-04-19T15:30:00.000Z' },
        },
      ]);
    onPlanned()
      .when(checkIn('2026-04-19T15:29:59.999Z'))
      .then({ code: 'check-in-too-early', category: 'conflict' });
    onPlanned()
      .when(checkIn('2026-04-30T16:29:59.999Z'))
      .then([
        {
          type: 'ResidentAttended',
          data: { residentId: 'R1', method: 'qr', at: '2026-04-30T16:29:59.999Z' },
        },
      ]);
    onPlanned()
      .when(checkIn('2026-04-30T16:30:00.000Z'))
      .then({ code: 'check-in-too-late', category: 'conflict' });
  });

  it("takes the plan's margin: none at all, or two hours", () => {
    const withMargin = (minutes: number) =>
      given(activityDecider, [{ ...planned, data: { ...planned.data, checkInMarginMinutes: minutes } }]);
    withMargin(0).when(checkIn('2026-04-19T15:59:59.999Z')).then({ code: 'check-in-too-early' });
    withMargin(0).when(checkIn('2026-04-30T16:00:00.000Z')).then({ code: 'check-in-too-late' });
    withMargin(120).when(checkIn('2026-04-19T14:00:00.000Z')).then([expect.anything()]);
    // An activity planned before the setting existed takes the default, 30.
    const { checkInMarginMinutes: _, ...older } = planned.data as Record<string, unknown>;
    given(activityDecider, [{ ...planned, data: older } as ActivityEvent])
      .when(checkIn('2026-04-19T15:29:00.000Z'))
      .then({ code: 'check-in-too-early' });
  });

  it("judges a kiosk's scan by its scan time however late it arrives, up to seven days", () => {
    const scan = (at: string, now: string) => checkIn(at, { method: 'kiosk', now });
    // Scanned inside the window, sent six days and 23 hours later: recorded at the scan time.
    onPlanned()
      .when(scan('2026-04-30T15:00:00.000Z', '2026-05-07T14:00:00.000Z'))
      .then([
        {
          type: 'ResidentAttended',
          data: { residentId: 'R1', method: 'kiosk', at: '2026-04-30T15:00:00.000Z' },
        },
      ]);
    onPlanned()
      .when(scan('2026-04-30T15:00:00.000Z', '2026-05-07T15:00:00.001Z'))
      .then({ code: 'scan-too-old', category: 'invalid' });
    // A scan time outside the bounds is refused even when it arrives at once.
    onPlanned()
      .when(scan('2026-04-30T17:00:00.000Z', '2026-04-30T17:00:01.000Z'))
      .then({ code: 'check-in-too-late' });
    // A device clock a little ahead is tolerated; a scan dated well after the server's clock is not.
    onPlanned().when(scan('2026-04-25T02:04:00.000Z', '2026-04-25T02:00:00.000Z')).then([expect.anything()]);
    onPlanned()
      .when(scan('2026-04-25T02:06:00.000Z', '2026-04-25T02:00:00.000Z'))
      .then({ code: 'check-in-in-future' });
  });

  it("records a sign-in outside the bounds only as an organizer's correction, and says so", () => {
    const correction = { reason: 'entered from the paper sheet' };
    onPlanned()
      .when(
        checkIn('2026-04-25T02:00:00.000Z', {
          method: 'organizer',
          now: '2026-06-01T00:00:00.000Z',
          correction,
        }),
      )
      .then([
        {
          type: 'ResidentAttended',
          data: { residentId: 'R1', method: 'organizer', at: '2026-04-25T02:00:00.000Z', correction },
        },
      ]);
    onPlanned()
      .when(
        checkIn('2026-06-02T00:00:00.000Z', {
          method: 'organizer',
          now: '2026-06-01T00:00:00.000Z',
          correction,
        }),
      )
      .then({ code: 'check-in-in-future' });
  });

  it('refuses a qr check-in whose ticket was signed for the window before a reschedule', () => {
    onPlanned()
      .when(checkIn('2026-04-25T02:00:00.000Z', { ticketWindow: lateApril }))
      .then([expect.anything()]);
    onPlanned()
      .when(
        checkIn('2026-04-25T02:00:00.000Z', {
          ticketWindow: { ...lateApril, start: '2026-04-18T16:00:00.000Z' },
        }),
      )
      .then({ code: 'check-in-ticket-stale', category: 'conflict' });
  });

  it('never dates held in the future', () => {
    const hold: ActivityCommand = {
      type: 'RecordHeld',
      activityId: 'A',
      heldOn: '2026-04-25T02:00:00.000Z',
      summary: 's',
      now: '2026-04-25T01:59:59.999Z',
    };
    onPlanned().when(hold).then({ code: 'held-in-future', category: 'invalid' });
    onPlanned()
      .when({ ...hold, now: '2026-04-25T02:00:00.000Z' })
      .then([expect.anything()]);
  });
});
