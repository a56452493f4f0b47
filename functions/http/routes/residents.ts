import * as z from 'zod';
import { ParticipationRow } from '../../../domain/activity/participation.view.js';
import { ResidentProfile } from '../../../domain/resident/resident.view.js';
import { roleSets } from '../../app/authorization.js';
import { enrollResident, erasePersonalData } from '../command-cases.js';
import { getParticipation, getResident, listResidents } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, listOf } from '../schemas.js';
import { commandAnswer, pageAnswer } from '../use-case-answer.js';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const EnrollResidentBody = z
  .object({
    name: trimmed(100),
    householdId: trimmed(64),
    building: trimmed(64).optional(),
    partyMember: z.boolean().optional(),
    branch: trimmed(100).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'not a phone number')
      .optional(),
    email: z.email().max(254).optional(),
  })
  .strict()
  .meta({ id: 'EnrollResident' });

/** The profile view and its version; phone and email are left out for the readers who may not see them. */
export const Resident = ResidentProfile.extend({
  phone: ResidentProfile.shape.phone.describe('admin, organizer and the resident themself only'),
  email: ResidentProfile.shape.email.describe('admin, organizer and the resident themself only'),
  erased: ResidentProfile.shape.erased.describe("true once the resident's personal data was erased"),
  version: z.number().int(),
}).meta({ id: 'Resident' });

const ResidentParams = z.object({ residentId: Id });

export const Participation = z
  .object({
    residentId: z.string(),
    activities: z.array(
      z.object({
        activityId: z.string(),
        title: z.string(),
        category: z.string().optional(),
        format: z.string().optional(),
        window: z.object({ start: z.string(), end: z.string() }).optional(),
        status: z.string().optional(),
        registered: z.boolean().describe('holds a place now'),
        registration: ParticipationRow.shape.registration.describe(
          'where their registration stands: a place, a place on the waitlist, or cancelled',
        ),
        waitlistPosition: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('waitlisted: place in line (1 = next)'),
        waitlistedAt: z.string().optional(),
        promotedAt: z.string().optional().describe('when a freed place was given to them from the waitlist'),
        cancelledAt: z.string().optional(),
        attended: z.boolean(),
        attendedAt: z.string().optional(),
        method: z.string().optional(),
        revokedReason: z.string().optional(),
        leave: ParticipationRow.shape.leave.describe("a study session: the member's latest leave request"),
        madeUp: ParticipationRow.shape.madeUp.describe('a study session the member made up (补学)'),
      }),
    ),
    articles: z.array(
      z.object({
        articleId: z.string(),
        planId: z.string(),
        kind: z.string(),
        title: z.string(),
        status: z.string(),
        submittedAt: z.string(),
        writtenOn: z.string().optional().describe('the day it was written, in the plan’s time zone'),
      }),
    ),
    goodDeeds: z.array(
      z.object({ deedId: z.string(), title: z.string(), date: z.string(), planId: z.string() }),
    ),
    models: z.array(
      z.object({ modelId: z.string(), title: z.string(), citation: z.string(), recordedAt: z.string() }),
    ),
    bookReviews: z
      .array(
        z.object({
          bookId: z.string(),
          title: z.string(),
          rating: z.number(),
          text: z.string(),
          reviewedAt: z.string(),
        }),
      )
      .describe('the books they reviewed (the family reading project)'),
    totals: z.object({
      registered: z.number(),
      waitlisted: z.number(),
      registrationsCancelled: z.number(),
      attended: z.number(),
      qualityArticles: z.number(),
      goodDeeds: z.number(),
    }),
  })
  .meta({ id: 'Participation' });

export const residentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/residents',
    operationId: 'enrollResident',
    summary: 'Enroll a resident on the community roster',
    tag: 'Residents',
    kind: 'command',
    besideClaim: true,
    roles: [...roleSets.staff],
    body: EnrollResidentBody,
    response: { status: 201, description: 'The resident was enrolled', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(
        await enrollResident(deps, request, { ...request.body, residentId: request.ids.next() }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/residents/{residentId}/erase',
    operationId: 'erasePersonalData',
    summary:
      "Erase a resident's personal data everywhere (their key is destroyed); counts, attendance and proofs stay",
    tag: 'Residents',
    kind: 'command',
    roles: ['admin'],
    params: ResidentParams,
    response: { status: 201, description: 'The personal data was erased', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await erasePersonalData(deps, request, request.params));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/residents/{residentId}',
    operationId: 'getResident',
    summary: "A resident's record (a resident may read only their own)",
    tag: 'Residents',
    kind: 'query',
    roles: [...roleSets.residentRecordReaders, 'resident'],
    params: ResidentParams,
    response: { status: 200, description: 'The resident', schema: Resident },
    async handle({ params, principal }, deps) {
      return { status: 200, body: await getResident(deps, principal, params) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/residents/{residentId}/participation',
    operationId: 'getParticipation',
    summary: 'What a resident took part in: activities registered for and attended',
    tag: 'Residents',
    kind: 'query',
    roles: [...roleSets.overseers, 'resident'],
    params: ResidentParams,
    response: { status: 200, description: "The resident's participation", schema: Participation },
    async handle({ params, principal }, deps) {
      return { status: 200, body: await getParticipation(deps, principal, params) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/residents',
    operationId: 'listResidents',
    summary: 'The community roster, by name',
    tag: 'Residents',
    kind: 'query',
    roles: [...roleSets.rosterReaders],
    query: ListQuery,
    response: { status: 200, description: 'A page of residents', schema: listOf(Resident) },
    async handle({ query, principal }, deps) {
      return pageAnswer(await listResidents(deps, principal, query));
    },
  }),
];
