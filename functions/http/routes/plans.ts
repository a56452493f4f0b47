import * as z from 'zod';
import { DEFAULT_CHECK_IN_MARGIN_MINUTES } from '../../../domain/activity/check-in.js';
import { GroupMember, PlanDetail } from '../../../domain/plan/plan.view.js';
import { DEFAULT_LOCALE } from '../../../domain/reports/locale.js';
import { ERASED } from '../../../domain/resident/resident.view.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../../domain/shared/time.js';
import { Category, Format, Locale, Metric, TargetPeriod } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import {
  appointOrganizingGroup,
  createPlan,
  eraseOrganizingGroupPerson,
  setTarget,
} from '../command-cases.js';
import { getPlan, listPlans } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, listOf, trimmed } from '../schemas.js';
import { commandAnswer, pageAnswer } from '../use-case-answer.js';

export const CreatePlanBody = z
  .object({
    communityName: trimmed(200),
    year: z.number().int().min(2000).max(2100),
    title: trimmed(200),
    timeZone: z
      .string()
      .refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Shanghai)')
      .default(DEFAULT_TIME_ZONE),
    locale: Locale.default(DEFAULT_LOCALE).describe(
      'The language of the scheduled report emails (renderings for people otherwise follow Accept-Language)',
    ),
    checkInMarginMinutes: z
      .number()
      .int()
      .min(0)
      .max(1440)
      .default(DEFAULT_CHECK_IN_MARGIN_MINUTES)
      .describe(
        "How many minutes before an activity's window opens, and after it ends, a check-in is accepted; outside that only an organizer's correction records a sign-in",
      ),
  })
  .strict()
  .meta({ id: 'CreatePlan' });

export const SetTargetBody = z
  .object({
    targetId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes')
      .optional(),
    description: trimmed(500),
    metric: Metric,
    category: Category.optional(),
    format: Format.optional(),
    minimum: z.number().int().min(0).max(10_000),
    per: TargetPeriod,
  })
  .strict()
  .meta({ id: 'SetTarget' });

const PersonBody = z
  .object({
    name: trimmed(100),
    email: z.email().max(254).optional(),
    residentId: Id.optional().describe(
      'when the person is a resident: their name and email are sealed with their key',
    ),
    personId: Id.optional().describe(
      'someone who is not a resident, as the plan named them before (`GET /plans/{planId}`); without it, ' +
        'a new person id is issued (entries of one appointment with the same email are one person)',
    ),
  })
  .strict()
  .meta({ id: 'Person' });

export const OrganizingGroupBody = z
  .object({
    leader: PersonBody,
    deputies: z.array(PersonBody).max(20),
    members: z.array(PersonBody).max(200),
  })
  .strict()
  .meta({ id: 'OrganizingGroup' });

const TargetView = SetTargetBody.extend({ targetId: z.string(), setAt: z.string() });

const PersonView = GroupMember.extend({
  name: GroupMember.shape.name.describe(`"${ERASED}" once the resident or person it names was erased`),
  email: GroupMember.shape.email.describe('admin and organizers only'),
  personId: GroupMember.shape.personId.describe(
    'someone who is not a resident: give it again to keep them in a new appointment, or to erase them',
  ),
}).meta({ id: 'PersonView' });

export const Plan = PlanDetail.extend({
  year: z.number(),
  targets: z.array(TargetView),
  organizingGroup: PlanDetail.shape.organizingGroup
    .unwrap()
    .extend({ leader: PersonView, deputies: z.array(PersonView), members: z.array(PersonView) })
    .nullable(),
  version: z.number().int(),
}).meta({ id: 'Plan' });

const PlanParams = z.object({ planId: Id });
const GroupPersonParams = z.object({ planId: Id, personId: Id });

export const planRoutes = [
  defineRoute({
    method: 'POST',
    path: '/plans',
    operationId: 'createPlan',
    summary: "Create the community's yearly work plan",
    tag: 'Plans',
    kind: 'command',
    roles: ['admin'],
    body: CreatePlanBody,
    response: { status: 201, description: 'The plan was created', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await createPlan(deps, request, { ...request.body, planId: request.ids.next() }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/plans/{planId}/targets',
    operationId: 'setTarget',
    summary: "Set or change one of the plan's targets (it applies from now on; the past keeps its targets)",
    tag: 'Plans',
    kind: 'command',
    roles: ['admin'],
    params: PlanParams,
    body: SetTargetBody,
    response: { status: 201, description: 'The target was set', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(
        await setTarget(deps, request, {
          planId: request.params.planId,
          target: request.body,
          newTargetId: request.ids.next(),
        }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/plans/{planId}/organizing-group',
    operationId: 'appointOrganizingGroup',
    summary: 'Appoint the leader, deputies and members (leader and deputies receive the reports)',
    tag: 'Plans',
    kind: 'command',
    roles: ['admin'],
    params: PlanParams,
    body: OrganizingGroupBody,
    response: { status: 201, description: 'The group was appointed', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(
        await appointOrganizingGroup(deps, request, {
          ...request.params,
          ...request.body,
          newPersonId: () => request.ids.next(),
        }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/plans/{planId}/organizing-group/{personId}/erase',
    operationId: 'eraseOrganizingGroupPerson',
    summary:
      "Erase the personal data of a group member who is not a resident, everywhere (their key ring is destroyed); reports' records and proofs stay",
    tag: 'Plans',
    kind: 'command',
    roles: ['admin'],
    params: GroupPersonParams,
    response: { status: 201, description: 'The personal data was erased', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await eraseOrganizingGroupPerson(deps, request, request.params));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/plans/{planId}',
    operationId: 'getPlan',
    summary: 'A plan with its targets and organizing group',
    tag: 'Plans',
    kind: 'query',
    roles: [...roleSets.everyone],
    params: PlanParams,
    response: { status: 200, description: 'The plan', schema: Plan },
    async handle({ params, principal }, deps) {
      const plan = await getPlan(deps, principal, params);
      return { status: 200, body: plan, headers: { etag: `"${plan.version}"` } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/plans',
    operationId: 'listPlans',
    summary: "The community's plans, by year",
    tag: 'Plans',
    kind: 'query',
    roles: [...roleSets.everyone],
    query: ListQuery,
    response: { status: 200, description: 'A page of plans', schema: listOf(Plan) },
    async handle({ query, principal }, deps) {
      return pageAnswer(await listPlans(deps, principal, query));
    },
  }),
];
