import * as z from 'zod';
import { studyStandings } from '../../../domain/compliance/study-record.js';
import { roleSets } from '../../app/authorization.js';
import { decideStudyLeave, recordStudyMakeUp, requestStudyLeave } from '../command-cases.js';
import { planStudyRecords, studyRecordOf } from '../query-cases.js';
import type { Route } from '../route.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, DateOrDateTime, Id, Period, trimmed } from '../schemas.js';
import { commandAnswer } from '../use-case-answer.js';

const SessionParams = z.object({ activityId: Id });
const LeaveParams = z.object({ activityId: Id, residentId: Id });

const LeaveBody = z
  .object({
    residentId: Id.optional().describe('the member; a resident asking for themself may leave it out'),
    reason: trimmed(1000),
    requestedAt: DateOrDateTime.optional().describe(
      'staff only: when a paper leave slip was asked (before the session started); default now',
    ),
  })
  .strict()
  .meta({ id: 'RequestStudyLeave' });
const DecisionBody = z
  .object({ note: trimmed(1000).optional() })
  .strict()
  .meta({ id: 'DecideStudyLeave' });
const MakeUpBody = z
  .discriminatedUnion('by', [
    z.object({ by: z.literal('session'), sessionId: Id }).strict(),
    z.object({ by: z.literal('note'), note: trimmed(8000), reviewedBy: trimmed(200).optional() }).strict(),
  ])
  .meta({ id: 'RecordStudyMakeUp' });

const Totals = {
  sessions: z.number(),
  attended: z.number(),
  madeUp: z.number(),
  onLeave: z.number(),
  absent: z.number(),
  upcoming: z.number(),
  notHeld: z.number().describe('sessions whose window passed with no held record'),
};
const Leave = z.object({
  status: z.enum(['requested', 'approved', 'declined']),
  reason: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().optional(),
  note: z.string().optional(),
});
const MadeUp = z.object({
  by: z.enum(['session', 'note']),
  sessionId: z.string().optional(),
  note: z.string().optional(),
  reviewedBy: z.string().optional(),
  recordedAt: z.string(),
});
const Standing = {
  standing: z.enum(studyStandings),
  leave: Leave.optional(),
  madeUp: MadeUp.optional(),
};
const Session = z.object({
  activityId: z.string(),
  planId: z.string(),
  title: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  heldOn: z.string().optional(),
});

export const StudyRecord = z
  .object({
    residentId: z.string(),
    year: z.number(),
    partyMember: z.boolean(),
    asOf: z.string(),
    periods: z.array(z.object({ period: z.string(), ...Totals })),
    sessions: z.array(Session.extend({ period: z.string(), ...Standing })),
  })
  .meta({ id: 'StudyRecord' });

export const PlanStudyRecords = z
  .object({
    planId: z.string(),
    period: z.string(),
    asOf: z.string(),
    sessions: z.array(Session),
    members: z.array(
      z.object({
        residentId: z.string(),
        ...Totals,
        sessions: z.array(z.object({ activityId: z.string(), ...Standing })),
      }),
    ),
  })
  .meta({ id: 'PlanStudyRecords' });

const leaveDecision = (outcome: 'approved' | 'declined') =>
  defineRoute({
    method: 'POST',
    path: `/activities/{activityId}/leave/{residentId}/${outcome === 'approved' ? 'approve' : 'decline'}`,
    operationId: outcome === 'approved' ? 'approveStudyLeave' : 'declineStudyLeave',
    summary: `${outcome === 'approved' ? 'Approve' : 'Decline'} a member's pending leave request`,
    tag: 'Study',
    kind: 'command',
    roles: [...roleSets.staff],
    params: LeaveParams,
    body: DecisionBody,
    response: { status: 201, description: `The leave was ${outcome}`, schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(
        await decideStudyLeave(deps, request, { ...request.params, ...request.body, outcome }),
      );
    },
  });

export const studyRoutes: readonly Route[] = [
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/leave',
    operationId: 'requestStudyLeave',
    summary: 'A party member asks for leave from a study session, before it starts (a resident for themself)',
    tag: 'Study',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: SessionParams,
    body: LeaveBody,
    response: { status: 201, description: 'The leave was requested', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await requestStudyLeave(deps, request, { ...request.params, ...request.body }));
    },
  }),
  leaveDecision('approved'),
  leaveDecision('declined'),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/leave/{residentId}/make-up',
    operationId: 'recordStudyMakeUp',
    summary:
      'Record a make-up (补学) of a held session the member missed, with or without leave: a later study session they attended, or a study note reviewed',
    tag: 'Study',
    kind: 'command',
    roles: [...roleSets.staff],
    params: LeaveParams,
    body: MakeUpBody,
    response: { status: 201, description: 'The make-up was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(
        await recordStudyMakeUp(deps, request, { ...request.params, makeUp: request.body }),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/residents/{residentId}/study-record',
    operationId: 'getStudyRecord',
    summary:
      "A member's study record: each study session of the year attended, made up, on leave, absent, upcoming or not recorded as held, with totals per quarter and year",
    tag: 'Study',
    kind: 'query',
    roles: [...roleSets.overseers, 'resident'],
    params: z.object({ residentId: Id }),
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    response: { status: 200, description: "The member's study record", schema: StudyRecord },
    async handle({ params, query, principal }, deps) {
      return { status: 200, body: await studyRecordOf(deps, principal, { ...params, year: query.year }) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/plans/{planId}/study-records',
    operationId: 'getPlanStudyRecords',
    summary:
      "Every party member's standing at each study session of a period of the plan (its year by default)",
    tag: 'Study',
    kind: 'query',
    roles: [...roleSets.overseers],
    params: z.object({ planId: Id }),
    query: z.object({
      period: Period.optional(),
    }),
    response: { status: 200, description: "The members' study records", schema: PlanStudyRecords },
    async handle({ params, query, principal }, deps) {
      return {
        status: 200,
        body: await planStudyRecords(deps, principal, { ...params, period: query.period }),
      };
    },
  }),
];
