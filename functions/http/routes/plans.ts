import * as z from 'zod';
import { planDecider, type RosterStanding } from '../../../domain/plan/plan.decider.js';
import { planErrors } from '../../../domain/plan/plan.errors.js';
import { type ResidentState, residentDecider } from '../../../domain/resident/resident.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../../domain/shared/time.js';
import { type GroupMember, type PlanDetail, planKey } from '../../../domain/views/plan.view.js';
import { ERASED } from '../../../domain/views/resident.view.js';
import { Category, Format, Metric, type Person, TargetPeriod } from '../../../events/index.js';
import { roleSets, seesOrganizingGroupContacts } from '../../app/authorization.js';
import { appErrors } from '../../app/errors.js';
import { DomainRefusal } from '../../middleware/problem.js';
import { commandResponse, commitMetadata, executeOn } from '../command-response.js';
import type { HttpDependencies } from '../dependencies.js';
import type { Principal } from '../principal.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, listOf, trimmed } from '../schemas.js';

export const CreatePlanBody = z
  .object({
    communityName: trimmed(200),
    year: z.number().int().min(2000).max(2100),
    title: trimmed(200),
    timeZone: z
      .string()
      .refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Shanghai)')
      .default(DEFAULT_TIME_ZONE),
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
  .object({ name: trimmed(100), email: z.email().max(254).optional(), residentId: Id.optional() })
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

const PersonView = z
  .object({
    name: z.string().describe(`"${ERASED}" once the resident it names was erased`),
    email: z.string().optional().describe('admin and organizers only'),
    residentId: z.string().optional(),
    erased: z.boolean().optional(),
  })
  .meta({ id: 'PersonView' });

export const Plan = z
  .object({
    planId: z.string(),
    communityName: z.string(),
    year: z.number(),
    title: z.string(),
    timeZone: z.string(),
    createdAt: z.string(),
    targets: z.array(TargetView),
    organizingGroup: z
      .object({
        leader: PersonView,
        deputies: z.array(PersonView),
        members: z.array(PersonView),
        appointedAt: z.string(),
      })
      .nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Plan' });

const PlanParams = z.object({ planId: Id });

function standingOf(loaded: { state: ResidentState }): RosterStanding {
  if (loaded.state.status === 'unknown') return 'unknown';
  return loaded.state.erased ? 'erased' : 'enrolled';
}

/** The plan as this caller may see it: the organizing group's email addresses go to staff only. */
function planAsSeenBy(principal: Principal, item: { data: PlanDetail; appliedVersion: number }) {
  const plan = { ...item.data, version: item.appliedVersion };
  const group = plan.organizingGroup;
  if (!group || seesOrganizingGroupContacts(principal)) return plan;
  const withoutEmail = ({ email: _email, ...person }: GroupMember) => person;
  return {
    ...plan,
    organizingGroup: {
      ...group,
      leader: withoutEmail(group.leader),
      deputies: group.deputies.map(withoutEmail),
      members: group.members.map(withoutEmail),
    },
  };
}

/** The plan's detail view, or 404 (also for another community's plan: the key carries the community). */
export async function readPlan(deps: HttpDependencies, community: string, planId: string) {
  const item = await deps.views.get<PlanDetail>(planKey(community, planId));
  if (!item || item.deleted) throw appErrors.notFound(`plan ${planId}`);
  return item;
}

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
      const planId = request.ids.next();
      const { body } = request;
      return executeOn(
        request,
        deps.commands,
        { decider: planDecider, kind: 'plan', id: planId },
        { type: 'CreatePlan', planId, ...body },
      );
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
      const { principal, params, body } = request;
      const targetId = body.targetId ?? request.ids.next().toLowerCase();
      const outcome = await deps.commands.execute({
        decider: planDecider,
        community: principal.community,
        streamId: streamIdOf(principal.community, 'plan', params.planId),
        command: { type: 'SetTarget', planId: params.planId, target: { ...body, targetId } },
        metadata: commitMetadata(request),
        idempotency: request.idempotency,
        expectedVersion: request.expectedVersion,
      });
      return commandResponse(targetId, outcome);
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
      const { params, body, principal } = request;
      const { community } = principal;
      const streamId = streamIdOf(community, 'plan', params.planId);
      // No keys are made for a plan that does not exist (the decider would refuse it anyway).
      const plan = await deps.commands.load(planDecider, streamId);
      if (plan.state.status === 'none') throw new DomainRefusal(planErrors.notFound(params.planId));
      const named = [body.leader, ...body.deputies, ...body.members].flatMap((p) =>
        p.residentId ? [p.residentId] : [],
      );
      const roster: Record<string, RosterStanding> = Object.fromEntries(
        await Promise.all(
          [...new Set(named)].map(async (residentId) => [
            residentId,
            standingOf(
              await deps.commands.load(residentDecider, streamIdOf(community, 'resident', residentId)),
            ),
          ]),
        ),
      );
      // A resident's name and email enter the plan's history encrypted with a key of their own ring,
      // so erasing them reaches this group too. (Others are refused by the decider, unencrypted.)
      const sealed = (person: Person) =>
        person.residentId && roster[person.residentId] === 'enrolled'
          ? deps.personalData.protectIn(community, person.residentId, streamId, person)
          : person;
      return executeOn(
        request,
        deps.commands,
        { decider: planDecider, kind: 'plan', id: params.planId },
        {
          type: 'AppointOrganizingGroup',
          planId: params.planId,
          leader: await sealed(body.leader),
          deputies: await Promise.all(body.deputies.map(sealed)),
          members: await Promise.all(body.members.map(sealed)),
          roster,
        },
      );
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
      const item = await readPlan(deps, principal.community, params.planId);
      return {
        status: 200,
        body: planAsSeenBy(principal, item),
        headers: { etag: `"${item.appliedVersion}"` },
      };
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
      const page = await deps.views.list<PlanDetail>({
        list: `${principal.community}#plans`,
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          items: page.items.map((item) => planAsSeenBy(principal, item)),
          nextCursor: page.nextCursor ?? null,
        },
      };
    },
  }),
];
