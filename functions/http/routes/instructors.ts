import * as z from 'zod';
import { InstructorDetail, InstructorSession } from '../../../domain/equipment/equipment.view.js';
import { roleSets } from '../../app/authorization.js';
import { recordInstructorSession, registerInstructor } from '../command-cases.js';
import { getInstructor, listInstructors } from '../query-cases.js';
import { defineRoute, type Route } from '../route.js';
import {
  CommandAnswer,
  DateOrDateTime,
  Id,
  ListQuery,
  LocalDate,
  listOf,
  Period,
  trimmed,
} from '../schemas.js';
import { commandAnswer, pageAnswer } from '../use-case-answer.js';

/**
 * The sports instructors ("send sports instructors into the community") and the sessions they lead.
 * Part of the equipment capability's routes (equipment.ts lists them), in a file of their own so
 * that neither stays over the size a module may have.
 */

export const SPORTS_TAG = 'Sports venues and instructors';

const InstructorBody = z
  .object({
    name: trimmed(200),
    residentId: Id.optional(),
    specialty: trimmed(200),
    certifiedUntil: LocalDate.optional().describe('the last day the certification is valid'),
  })
  .strict()
  .meta({ id: 'RegisterInstructor' });
const SessionBody = z
  .object({
    activityId: Id.optional().describe('a sports-fitness activity the session was part of'),
    heldOn: DateOrDateTime,
    venueId: Id.optional(),
    topic: trimmed(400),
    participants: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .meta({ id: 'RecordInstructorSession' });

const InstructorItem = InstructorDetail.extend({
  period: z.string().optional(),
  sessionsInPeriod: z.number().int().optional().describe('with ?period='),
});
const InstructorAnswer = InstructorDetail.extend({
  period: z.string().optional(),
  sessions: z.array(InstructorSession),
}).meta({ id: 'Instructor' });

const command = { kind: 'command', tag: SPORTS_TAG, roles: [...roleSets.staff] } as const;
const query = { kind: 'query', tag: SPORTS_TAG, roles: [...roleSets.overseers] } as const;

export const instructorRoutes: readonly Route[] = [
  defineRoute({
    ...command,
    method: 'POST',
    path: '/instructors',
    operationId: 'registerInstructor',
    summary: 'Register a sports instructor (a name and specialty: no contact data)',
    body: InstructorBody,
    response: { status: 201, description: 'The instructor was registered', schema: CommandAnswer },
    handle: async (request, deps) =>
      commandAnswer(
        await registerInstructor(deps, request, { ...request.body, instructorId: request.ids.next() }),
      ),
  }),
  defineRoute({
    ...query,
    method: 'GET',
    path: '/instructors',
    operationId: 'listInstructors',
    summary: 'The sports instructors, by name, with their sessions in all and in a period',
    query: ListQuery.extend({ period: Period.optional() }),
    response: { status: 200, description: 'A page of instructors', schema: listOf(InstructorItem) },
    handle: async ({ query, principal }, deps) => pageAnswer(await listInstructors(deps, principal, query)),
  }),
  defineRoute({
    ...query,
    method: 'GET',
    path: '/instructors/{instructorId}',
    operationId: 'getInstructor',
    summary: 'An instructor and the sessions they led (in a period, when given)',
    params: z.object({ instructorId: Id }),
    query: z.object({ period: Period.optional() }),
    response: { status: 200, description: 'The instructor', schema: InstructorAnswer },
    handle: async ({ params, query, principal }, deps) => ({
      status: 200,
      body: await getInstructor(deps, principal, { ...params, period: query.period }),
    }),
  }),
  defineRoute({
    ...command,
    method: 'POST',
    path: '/instructors/{instructorId}/sessions',
    operationId: 'recordInstructorSession',
    summary: 'Record a session an instructor led, optionally as part of a sports-fitness activity',
    params: z.object({ instructorId: Id }),
    body: SessionBody,
    response: { status: 201, description: 'The session was recorded', schema: CommandAnswer },
    handle: async (request, deps) =>
      commandAnswer(
        await recordInstructorSession(deps, request, {
          ...request.body,
          instructorId: request.params.instructorId,
          sessionId: request.ids.next(),
        }),
      ),
  }),
];
