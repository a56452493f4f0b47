import type { Category, DomainEvent, Format, Target, Window } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { EventContext, Projection } from './projection.js';

/**
 * One row per activity with every fact compliance needs and *when it was recorded*, so that a
 * question "as of an instant" is answered from this row alone, without reading history.
 */
export type ActivityComplianceRow = {
  activityId: string;
  planId: string;
  category: Category;
  format: Format;
  plannedAt: string;
  plannedLecturer?: string;
  windows: { window: Window; recordedAt: string }[];
  cancelledAt?: string;
  held?: {
    heldOn: string;
    heldWithinWindow: boolean;
    lecturer?: string;
    trainingPlan?: string;
    summary: string;
    recordedAt: string;
  };
  /** Current number of residents signed in. */
  attendance: number;
  /** Recorded intervals during which at least one resident was signed in. */
  signedIn: { from: string; to?: string }[];
};

export type PartyMemberRow = { residentId: string; since: string };

export type PlanTargetsRow = {
  planId: string;
  year: number;
  timeZone: string;
  /** Every version of every target, in the order recorded. */
  history: (Target & { recordedAt: string })[];
};

export const activityComplianceKey = (community: string, activityId: string) => ({
  pk: `${community}#activity#${activityId}`,
  sk: 'compliance',
});
export const planTargetsKey = (community: string, planId: string) => ({
  pk: `${community}#plan#${planId}`,
  sk: 'targets',
});
export const partyMemberKey = (community: string, residentId: string) => ({
  pk: `${community}#resident#${residentId}`,
  sk: 'party-member',
});
export const planActivitiesList = (community: string, planId: string) =>
  `${community}#plan#${planId}#compliance`;

const idOf = (context: EventContext) => entityIdOf(context.streamId);

export const activityCompliance: Projection<DomainEvent, ActivityComplianceRow> = {
  name: 'activity-compliance',
  keys(event, context) {
    switch (event.type) {
      case 'ActivityPlanned':
      case 'ActivityRescheduled':
      case 'ActivityCancelled':
      case 'ActivityHeld':
      case 'ResidentAttended':
      case 'AttendanceRevoked':
        return [activityComplianceKey(context.community, idOf(context))];
      default:
        return [];
    }
  },
  apply(current, event, context) {
    const at = context.recordedAt;
    if (event.type === 'ActivityPlanned') {
      const { activityId, planId, category, format, window, lecturer } = event.data;
      return {
        data: {
          activityId,
          planId,
          category,
          format,
          plannedAt: at,
          plannedLecturer: lecturer,
          windows: [{ window, recordedAt: at }],
          attendance: 0,
          signedIn: [],
        },
        gsi1pk: planActivitiesList(context.community, planId),
        gsi1sk: activityId,
      };
    }
    if (!current) return null;
    const row = current.data;
    switch (event.type) {
      case 'ActivityRescheduled':
        return {
          ...current,
          data: { ...row, windows: [...row.windows, { window: event.data.window, recordedAt: at }] },
        };
      case 'ActivityCancelled':
        return { ...current, data: { ...row, cancelledAt: at } };
      case 'ActivityHeld': {
        const { heldOn, heldWithinWindow, lecturer, trainingPlan, summary } = event.data;
        return {
          ...current,
          data: {
            ...row,
            held: { heldOn, heldWithinWindow, lecturer, trainingPlan, summary, recordedAt: at },
          },
        };
      }
      case 'ResidentAttended': {
        const signedIn = row.attendance === 0 ? [...row.signedIn, { from: at }] : row.signedIn;
        return { ...current, data: { ...row, attendance: row.attendance + 1, signedIn } };
      }
      case 'AttendanceRevoked': {
        const attendance = Math.max(0, row.attendance - 1);
        const signedIn =
          attendance === 0 && row.signedIn.length > 0
            ? [...row.signedIn.slice(0, -1), { ...row.signedIn.at(-1)!, to: at }]
            : row.signedIn;
        return { ...current, data: { ...row, attendance, signedIn } };
      }
      default:
        return current;
    }
  },
};

export const planTargets: Projection<DomainEvent, PlanTargetsRow> = {
  name: 'plan-targets',
  keys(event, context) {
    return event.type === 'PlanCreated' || event.type === 'TargetSet'
      ? [planTargetsKey(context.community, idOf(context))]
      : [];
  },
  apply(current, event, context) {
    if (event.type === 'PlanCreated') {
      return {
        data: {
          planId: event.data.planId,
          year: event.data.year,
          timeZone: event.data.timeZone,
          history: [],
        },
      };
    }
    if (event.type === 'TargetSet' && current) {
      return {
        ...current,
        data: {
          ...current.data,
          history: [...current.data.history, { ...event.data, recordedAt: context.recordedAt }],
        },
      };
    }
    return current ?? null;
  },
};

/** The community's party members, each since the instant it was recorded. */
export const partyMembers: Projection<DomainEvent, PartyMemberRow> = {
  name: 'party-members',
  keys(event, context) {
    return event.type === 'ResidentEnrolled' && event.data.partyMember
      ? [partyMemberKey(context.community, event.data.residentId)]
      : [];
  },
  apply(current, event, context) {
    if (event.type === 'ResidentEnrolled' && event.data.partyMember) {
      return {
        data: { residentId: event.data.residentId, since: context.recordedAt },
        gsi1pk: `${context.community}#party-members`,
        gsi1sk: event.data.residentId,
      };
    }
    return current ?? null;
  },
};
