import * as z from 'zod';
import { RotationDetail } from '../../../domain/rotation/rotation.view.js';
import { ParticipantKind } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import { announceRotation, drawRotation, swapSlots } from '../command-cases.js';
import { getRotation, listRotations } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, LocalDate, listOf, trimmed } from '../schemas.js';
import { commandAnswer, pageAnswer } from '../use-case-answer.js';

const Participant = z
  .object({
    key: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - and _ (at most 40)')
      .describe("the committee's short name for it; the draw's order lists these"),
    name: trimmed(200),
    kind: ParticipantKind,
  })
  .strict();
const Slot = z.union([
  Id.describe('an activity of the plan: its day (in the plan’s zone) is the slot’s'),
  z.object({ date: LocalDate.describe("a day in the plan's year"), label: trimmed(200) }).strict(),
]);
const AnnounceBody = z
  .object({
    planId: Id,
    title: trimmed(300),
    participants: z.array(Participant).min(1).max(100),
    slots: z.array(Slot).min(1).max(400).describe('numbered from 1 in date order'),
    seedDay: LocalDate.describe(
      'the UTC day whose daily digest (GET /audit/digests) seeds the draw: after today, before the first slot',
    ),
  })
  .strict()
  .meta({ id: 'AnnounceRotation' });
const SwapBody = z
  .object({
    slotA: z.number().int().min(1).max(400),
    slotB: z.number().int().min(1).max(400),
    reason: trimmed(500),
  })
  .strict()
  .meta({ id: 'SwapRotationSlots' });
const RotationParams = z.object({ rotationId: Id });
const Rotation = RotationDetail.extend({ version: z.number().int() }).meta({ id: 'Rotation' });

export const rotationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/rotations',
    operationId: 'announceRotation',
    summary:
      'Announce a rotation of units and schools over performance slots, and the day whose digest will seed its draw',
    tag: 'Rotations',
    kind: 'command',
    roles: [...roleSets.staff],
    body: AnnounceBody,
    response: { status: 201, description: 'The rotation was announced', schema: CommandAnswer },
    async handle(request, deps) {
      const { slots, ...body } = request.body;
      return commandAnswer(
        await announceRotation(deps, request, {
          ...body,
          rotationId: request.ids.next(),
          slots: slots.map((slot) => (typeof slot === 'string' ? { activityId: slot } : slot)),
        }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/rotations/{rotationId}/draw',
    operationId: 'drawRotation',
    summary:
      "Draw the rotation from its seed day's daily digest (409 until that day has ended); anyone can recompute it",
    tag: 'Rotations',
    kind: 'command',
    roles: [...roleSets.staff],
    params: RotationParams,
    response: { status: 201, description: 'The rotation was drawn', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await drawRotation(deps, request, request.params));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/rotations/{rotationId}/swaps',
    operationId: 'swapRotationSlots',
    summary: 'Two slots change hands, for a reason (an event; the draw stays as drawn)',
    tag: 'Rotations',
    kind: 'command',
    roles: [...roleSets.staff],
    params: RotationParams,
    body: SwapBody,
    response: { status: 201, description: 'The swap was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await swapSlots(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/rotations',
    operationId: 'listRotations',
    summary: "A plan's rotations, by when they were announced",
    tag: 'Rotations',
    kind: 'query',
    roles: [...roleSets.everyone],
    query: ListQuery.extend({ planId: Id }),
    response: { status: 200, description: 'A page of rotations', schema: listOf(Rotation) },
    async handle({ query, principal }, deps) {
      return pageAnswer(await listRotations(deps, principal, query));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/rotations/{rotationId}',
    operationId: 'getRotation',
    summary:
      'A rotation: each slot’s participant now (swaps applied) and by the draw, the draw’s seed and order, the swaps',
    tag: 'Rotations',
    kind: 'query',
    roles: [...roleSets.everyone],
    params: RotationParams,
    response: { status: 200, description: 'The rotation', schema: Rotation },
    async handle({ params, principal }, deps) {
      const rotation = await getRotation(deps, principal, params);
      return { status: 200, body: rotation, headers: { etag: `"${rotation.version}"` } };
    },
  }),
];
