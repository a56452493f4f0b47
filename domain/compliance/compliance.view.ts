import * as z from 'zod';
import { Category, type DomainEvent, Format, Target } from '../../events/index.js';
import { isStudySession } from '../activity/study-leave.js';
import { entityIdOf } from '../shared/ids.js';
import { type EventContext, type Projection, StoredWindow } from '../shared/projection.js';
import { applyStudy, StudyFacts } from './study.view.js';

/**
 * One row per activity with every fact compliance needs and *when it was recorded*, so that a
 * question "as of an instant" is answered from this row alone, without reading history.
 */
export const ActivityComplianceRow = z.object({
  activityId: z.string(),
  planId: z.string(),
  category: Category,
  format: Format,
  plannedAt: z.string(),
  plannedLecturer: z.string().optional(),
  windows: z.array(z.object({ window: StoredWindow, recordedAt: z.string() })),
  cancelledAt: z.string().optional(),
  held: z
    .object({
      heldOn: z.string(),
      heldWithinWindow: z.boolean(),
      lecturer: z.string().optional(),
      trainingPlan: z.string().optional(),
      summary: z.string(),
      recordedAt: z.string(),
    })
    .optional(),
  /** Current number of residents signed in. */
  attendance: z.number(),
  /** Recorded intervals during which at least one resident was signed in. */
  signedIn: z.array(z.object({ from: z.string(), to: z.string().optional() })),
  /** Study sessions only: each resident's attendance, leave and make-up, with when each was recorded. */
  study: StudyFacts.optional(),
});
export type ActivityComplianceRow = z.infer<typeof ActivityComplianceRow>;

export const PartyMemberRow = z.object({ residentId: z.string(), since: z.string() });
export type PartyMemberRow = z.infer<typeof PartyMemberRow>;

export const PlanTargetsRow = z.object({
  planId: z.string(),
  year: z.number(),
  timeZone: z.string(),
  /** Every version of every target, in the order recorded. */
  history: z.array(Target.extend({ recordedAt: z.string() })),
});
export type PlanTargetsRow = z.infer<typeof PlanTargetsRow>;

export const activityComplianceKey = (community: string, activityId: string) => ({
  community,
  view: 'activity-compliance',
  id: [activityId],
});
export const planTargetsKey = (community: string, planId: string) => ({
  community,
  view: 'plan-targets',
  id: [planId],
});
export const partyMemberKey = (community: string, residentId: string) => ({
  community,
  view: 'party-member',
  id: [residentId],
});
export const planActivitiesList = (community: string, planId: string) => ({
  community,
  list: 'compliance',
  of: planId,
});
/** The community's party members. */
export const partyMembersList = (community: string) => ({ community, list: 'party-members' });

const idOf = (context: EventContext) => entityIdOf(context.streamId);

export const activityCompliance: Projection<DomainEvent, ActivityComplianceRow> = {
  name: 'activity-compliance',
  schema: ActivityComplianceRow,
  touches(event, context) {
    switch (event.type) {
      case 'ActivityPlanned':
      case 'ActivityRescheduled':
      case 'ActivityDetailsChanged':
      case 'ActivityCancelled':
      case 'ActivityHeld':
      case 'ResidentAttended':
      case 'AttendanceRevoked':
      case 'StudyLeaveRequested':
      case 'StudyLeaveApproved':
      case 'StudyLeaveDeclined':
      case 'StudyMadeUp':
        return [activityComplianceKey(context.community, idOf(context))];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
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
          ...(isStudySession(event.data) ? { study: { title: event.data.title, residents: {} } } : {}),
        },
        placement: { list: planActivitiesList(context.community, planId), order: [activityId] },
      };
    }
    if (!current) return null;
    const row = current.data.study
      ? { ...current.data, study: applyStudy(current.data.study, event, at) }
      : current.data;
    switch (event.type) {
      case 'ActivityRescheduled':
        return {
          ...current,
          data: { ...row, windows: [...row.windows, { window: event.data.window, recordedAt: at }] },
        };
      case 'ActivityCancelled':
        return { ...current, data: { ...row, cancelledAt: at } };
      // A lecturer named later (a series' change) counts for record-complete like one named at planning.
      case 'ActivityDetailsChanged':
        return event.data.lecturer === undefined
          ? { ...current, data: row }
          : { ...current, data: { ...row, plannedLecturer: event.data.lecturer } };
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
        return { ...current, data: row };
    }
  },
};

export const planTargets: Projection<DomainEvent, PlanTargetsRow> = {
  name: 'plan-targets',
  schema: PlanTargetsRow,
  touches(event, context) {
    return event.type === 'PlanCreated' || event.type === 'TargetSet'
      ? [planTargetsKey(context.community, idOf(context))]
      : [];
  },
  evolve(current, event, context) {
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
  schema: PartyMemberRow,
  touches(event, context) {
    return event.type === 'ResidentEnrolled' && event.data.partyMember
      ? [partyMemberKey(context.community, event.data.residentId)]
      : [];
  },
  evolve(current, event, context) {
    if (event.type === 'ResidentEnrolled' && event.data.partyMember) {
      return {
        data: { residentId: event.data.residentId, since: context.recordedAt },
        placement: { list: partyMembersList(context.community), order: [event.data.residentId] },
      };
    }
    return current ?? null;
  },
};
