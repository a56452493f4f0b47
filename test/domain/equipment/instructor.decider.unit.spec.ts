import { describe, expect, it } from 'vitest';
import { activityDecider } from '../../../domain/activity/activity.decider.js';
import {
  type InstructorCommand,
  instructorDecider,
  sessionActivityOf,
} from '../../../domain/equipment/instructor.decider.js';
import { fold } from '../../../domain/shared/decider.js';
import type { ActivityEvent, InstructorEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

const registered: InstructorEvent = {
  type: 'InstructorRegistered',
  data: { instructorId: 'I1', name: 'Coach Liu', specialty: 'square dance', certifiedUntil: '2027-06-30' },
};
const sports = { status: 'planned', category: 'sports-fitness', timeZone: 'Asia/Shanghai' } as const;
const session: InstructorCommand = {
  type: 'RecordSession',
  instructorId: 'I1',
  sessionId: 'S1',
  heldOn: '2026-05-01T01:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  activityId: 'A1',
  activity: sports,
  venueId: 'V1',
  venueKnown: true,
  topic: 'Warming up before square dance',
  participants: 24,
  now: '2026-05-04T02:00:00.000Z',
};
const held: InstructorEvent = {
  type: 'InstructorSessionHeld',
  data: {
    sessionId: 'S1',
    heldOn: '2026-05-01T01:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    activityId: 'A1',
    venueId: 'V1',
    topic: 'Warming up before square dance',
    participants: 24,
  },
};

describe('instructor decider', () => {
  it('registers an instructor once; a resident named must be on the roster', () => {
    const register: InstructorCommand = {
      type: 'RegisterInstructor',
      ...registered.data,
      residentKnown: false,
    };
    given(instructorDecider, []).when(register).then([registered]);
    given(instructorDecider, [registered])
      .when(register)
      .then({ code: 'instructor-already-registered', category: 'conflict' });
    given(instructorDecider, [])
      .when({ ...register, residentId: 'R9' })
      .then({ code: 'resident-not-found', category: 'not-found' });
  });

  it('records a session tied to a sports-fitness activity and a venue', () => {
    given(instructorDecider, [registered]).when(session).then([held]);
    const { activityId: _a, activity: _s, venueId: _v, ...alone } = session;
    const { activityId: _b, venueId: _w, ...bare } = held.data;
    given(instructorDecider, [registered])
      .when({ ...alone, venueKnown: false })
      .then([{ type: 'InstructorSessionHeld', data: bare }]);
  });

  it('refuses a session of an unknown instructor, activity or venue', () => {
    given(instructorDecider, []).when(session).then({ code: 'instructor-not-found', category: 'not-found' });
    given(instructorDecider, [registered])
      .when({ ...session, activity: { status: 'unknown' } })
      .then({ code: 'activity-not-found', category: 'not-found' });
    given(instructorDecider, [registered])
      .when({ ...session, venueKnown: false })
      .then({ code: 'venue-not-found', category: 'not-found' });
  });

  it('refuses a session of an activity that is not sports-fitness, or was cancelled, or in the future', () => {
    given(instructorDecider, [registered])
      .when({ ...session, activity: { ...sports, category: 'festival' } })
      .then({ code: 'activity-not-sports-fitness', category: 'conflict' });
    given(instructorDecider, [registered])
      .when({ ...session, activity: { ...sports, status: 'cancelled' } })
      .then({ code: 'activity-cancelled', category: 'conflict' });
    given(instructorDecider, [registered])
      .when({ ...session, heldOn: '2026-05-05T00:00:00.000Z' })
      .then({ code: 'dated-in-the-future', category: 'invalid' });
  });

  it('reads what a session needs from an activity stream', () => {
    const planned = {
      type: 'ActivityPlanned',
      data: {
        activityId: 'A1',
        planId: 'P1',
        planYear: 2026,
        timeZone: 'Asia/Shanghai',
        category: 'sports-fitness',
        format: 'competition',
        title: 'Badminton',
        window: { start: '2026-05-01T00:00:00.000Z', end: '2026-05-01T10:00:00.000Z' },
      },
    } as ActivityEvent;
    const seen = (events: ActivityEvent[]) => sessionActivityOf(fold(activityDecider, events));
    expect(seen([])).toEqual({ status: 'unknown' });
    expect(seen([planned])).toEqual(sports);
    expect(seen([planned, { type: 'ActivityCancelled', data: { reason: 'rain' } }])).toEqual({
      ...sports,
      status: 'cancelled',
    });
  });
});

describe('instructor decider: the present instant and the session count', () => {
  it('takes a session held at this very instant, not one an instant later', () => {
    const { activityId: _a, activity: _s, ...unlinked } = session;
    const now = session.now;
    given(instructorDecider, [registered])
      .when({ ...unlinked, heldOn: now })
      .then([
        expect.objectContaining({
          type: 'InstructorSessionHeld',
          data: expect.objectContaining({ heldOn: now }),
        }),
      ]);
    given(instructorDecider, [registered])
      .when({ ...unlinked, heldOn: '2026-05-04T02:00:00.001Z' })
      .then({ code: 'dated-in-the-future', category: 'invalid' });
  });

  it('counts the sessions an instructor held, and none before they were registered', () => {
    expect(fold(instructorDecider, [registered, held, held])).toEqual({ status: 'registered', sessions: 2 });
    expect(fold(instructorDecider, [held])).toEqual(instructorDecider.initialState);
  });
});
