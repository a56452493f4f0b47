import { z } from 'zod';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { type ResidentProfile, residentKey } from '../../../domain/views/resident.view.js';
import { ApplicationError, appErrors } from '../../app/errors.js';
import { commandResponse } from '../command-response.js';
import type { Principal } from '../principal.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, listOf } from '../schemas.js';

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

export const Resident = z
  .object({
    residentId: z.string(),
    name: z.string(),
    householdId: z.string(),
    building: z.string().optional(),
    partyMember: z.boolean(),
    branch: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    enrolledAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Resident' });

const ResidentParams = z.object({ residentId: Id });

/** A resident reads their own record only; staff read everyone's in their community. */
export function assertMayReadResident(principal: Principal, residentId: string): void {
  const staff = principal.roles.some((role) => role !== 'resident');
  if (!staff && principal.sub !== residentId) {
    throw new ApplicationError(403, 'forbidden', 'a resident may read only their own record');
  }
}

export const residentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/residents',
    operationId: 'enrollResident',
    summary: 'Enroll a resident on the community roster',
    tag: 'Residents',
    kind: 'command',
    roles: ['admin', 'organizer'],
    body: EnrollResidentBody,
    response: { status: 201, description: 'The resident was enrolled', schema: CommandAnswer },
    async handle({ body, principal, correlationId, idempotencyKey }, deps) {
      const residentId = deps.ids.next();
      const outcome = await deps.commands.execute({
        decider: residentDecider,
        community: principal.community,
        streamId: streamIdOf(principal.community, 'resident', residentId),
        command: { type: 'EnrollResident', residentId, ...body },
        metadata: { actor: principal.sub, roles: [...principal.roles], correlationId, idempotencyKey },
      });
      return commandResponse(residentId, outcome);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/residents/{residentId}',
    operationId: 'getResident',
    summary: "A resident's record (a resident may read only their own)",
    tag: 'Residents',
    kind: 'query',
    roles: ['admin', 'organizer', 'leader', 'auditor', 'judge', 'resident'],
    params: ResidentParams,
    response: { status: 200, description: 'The resident', schema: Resident },
    async handle({ params, principal }, deps) {
      assertMayReadResident(principal, params.residentId);
      const item = await deps.views.get<ResidentProfile>(residentKey(principal.community, params.residentId));
      if (!item || item.deleted) throw appErrors.notFound(`resident ${params.residentId}`);
      return { status: 200, body: { ...item.data, version: item.appliedVersion } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/residents',
    operationId: 'listResidents',
    summary: 'The community roster, by name',
    tag: 'Residents',
    kind: 'query',
    roles: ['admin', 'organizer', 'leader'],
    query: ListQuery,
    response: { status: 200, description: 'A page of residents', schema: listOf(Resident) },
    async handle({ query, principal }, deps) {
      const page = await deps.views.list<ResidentProfile>({
        list: `${principal.community}#residents`,
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          items: page.items.map((item) => ({ ...item.data, version: item.appliedVersion })),
          nextCursor: page.nextCursor ?? null,
        },
      };
    },
  }),
];
