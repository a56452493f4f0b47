import * as z from 'zod';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import { isDomainError } from '../../../domain/shared/errors.js';
import { parseStreamId, streamIdOf } from '../../../domain/shared/ids.js';
import {
  type ActivityDetail,
  activityKey,
  type ParticipationRow,
} from '../../../domain/views/activity.view.js';
import { type ArticleDetail, articleKey } from '../../../domain/views/article.view.js';
import type { GoodDeed, ModelEntry } from '../../../domain/views/recognition.view.js';
import { type ResidentProfile, residentKey } from '../../../domain/views/resident.view.js';
import { assertMayRead, roleSets, seesContactDetails } from '../../app/authorization.js';
import { appErrors } from '../../app/errors.js';
import { readPartition } from '../../app/read-all.js';
import { DomainRefusal } from '../../middleware/problem.js';
import { commitMetadata, executeOn } from '../command-response.js';
import type { HttpDependencies } from '../dependencies.js';
import type { Principal } from '../principal.js';
import { defineRoute, type RouteRequest } from '../route.js';
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
    phone: z.string().optional().describe('admin, organizer and the resident themself only'),
    email: z.string().optional().describe('admin, organizer and the resident themself only'),
    erased: z.boolean().optional().describe("true once the resident's personal data was erased"),
    enrolledAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Resident' });

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
        registered: z.boolean(),
        attended: z.boolean(),
        attendedAt: z.string().optional(),
        method: z.string().optional(),
        revokedReason: z.string().optional(),
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
      }),
    ),
    goodDeeds: z.array(
      z.object({ deedId: z.string(), title: z.string(), date: z.string(), planId: z.string() }),
    ),
    models: z.array(
      z.object({ modelId: z.string(), title: z.string(), citation: z.string(), recordedAt: z.string() }),
    ),
    totals: z.object({
      registered: z.number(),
      attended: z.number(),
      qualityArticles: z.number(),
      goodDeeds: z.number(),
    }),
  })
  .meta({ id: 'Participation' });

/**
 * The record as this caller may see it: phone and email only for staff and the resident themself
 * (least exposure: judges, leaders and auditors need who someone is, not how to reach them).
 */
export function residentAsSeenBy(principal: Principal, profile: ResidentProfile): ResidentProfile {
  if (seesContactDetails(principal, profile.residentId)) return profile;
  const { phone: _phone, email: _email, ...withheld } = profile;
  return withheld;
}

/**
 * The views of other streams that show the resident in the clear (an organizing group naming them)
 * are told first, from the key ring — which records every stream holding their data — not from a
 * view. Each of those commands is a no-op when repeated, so a retried erasure simply runs them again;
 * the ring is read before its keys are destroyed, so a retry after a crash still finds the streams.
 */
async function eraseFromOtherStreams(
  request: RouteRequest<unknown, unknown, { residentId: string }>,
  deps: HttpDependencies,
  residentId: string,
): Promise<void> {
  const { community } = request.principal;
  for (const streamId of await deps.personalData.streamsHolding(community, residentId)) {
    const parsed = parseStreamId(streamId);
    if (parsed?.kind !== 'plan' || parsed.community !== community) continue;
    const outcome = await deps.commands.execute({
      decider: planDecider,
      community,
      streamId,
      command: { type: 'EraseOrganizingGroupMember', planId: parsed.id, residentId },
      metadata: commitMetadata(request),
    });
    if (isDomainError(outcome)) throw new DomainRefusal(outcome);
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
    roles: [...roleSets.staff],
    body: EnrollResidentBody,
    response: { status: 201, description: 'The resident was enrolled', schema: CommandAnswer },
    async handle(request, deps) {
      const { body, principal } = request;
      const residentId = request.ids.next();
      // Name, phone and email enter history encrypted with the resident's own key (erasable).
      return executeOn(
        request,
        deps.commands,
        { decider: residentDecider, kind: 'resident', id: residentId },
        {
          type: 'EnrollResident',
          residentId,
          ...(await deps.personalData.protect(principal.community, residentId, body)),
        },
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
      const { principal, params } = request;
      const streamId = streamIdOf(principal.community, 'resident', params.residentId);
      const loaded = await deps.commands.load(residentDecider, streamId);
      if (loaded.state.status === 'unknown') throw appErrors.notFound(`resident ${params.residentId}`);
      if (!loaded.state.erased) await eraseFromOtherStreams(request, deps, params.residentId);
      // The keys go before the event: if recording it fails, the data is already unreadable and a retry records it.
      await deps.personalData.destroy(principal.community, params.residentId);
      return executeOn(
        request,
        deps.commands,
        { decider: residentDecider, kind: 'resident', id: params.residentId },
        {
          type: 'ErasePersonalData',
          residentId: params.residentId,
        },
      );
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
      assertMayRead(
        principal,
        'residentRecordReaders',
        params.residentId,
        'a resident may read only their own record',
      );
      const item = await deps.views.get<ResidentProfile>(residentKey(principal.community, params.residentId));
      if (!item || item.deleted) throw appErrors.notFound(`resident ${params.residentId}`);
      return {
        status: 200,
        body: { ...residentAsSeenBy(principal, item.data), version: item.appliedVersion },
      };
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
      assertMayRead(
        principal,
        'overseers',
        params.residentId,
        'a resident may read only their own participation',
      );
      const profile = await deps.views.get<ResidentProfile>(
        residentKey(principal.community, params.residentId),
      );
      if (!profile || profile.deleted) throw appErrors.notFound(`resident ${params.residentId}`);
      const pk = residentKey(principal.community, params.residentId).pk;
      const [rows, deeds, models, authored] = await Promise.all([
        readPartition<ParticipationRow>(deps.views, pk, 'activity#'),
        readPartition<GoodDeed>(deps.views, pk, 'deed#'),
        readPartition<ModelEntry>(deps.views, pk, 'model#'),
        readPartition<{ articleId: string }>(deps.views, pk, 'article#'),
      ]);
      const articles = (
        await deps.views.getMany<ArticleDetail>(
          authored.map((a) => articleKey(principal.community, a.articleId)),
        )
      ).map(({ data: { articleId, planId, kind, title, status, submittedAt } }) => ({
        articleId,
        planId,
        kind,
        title,
        status,
        submittedAt,
      }));
      const details = new Map(
        (
          await deps.views.getMany<ActivityDetail>(
            rows.map((r) => activityKey(principal.community, r.activityId)),
          )
        ).map((i) => [i.data.activityId, i.data]),
      );
      const activities = rows
        .map((row) => {
          const detail = details.get(row.activityId);
          return {
            ...row,
            title: detail?.title ?? '',
            category: detail?.category,
            format: detail?.format,
            window: detail?.window,
            status: detail?.status,
          };
        })
        .sort((a, b) => (a.window?.start ?? '').localeCompare(b.window?.start ?? ''));
      return {
        status: 200,
        body: {
          residentId: params.residentId,
          activities,
          articles,
          goodDeeds: deeds.map(({ deedId, title, date, planId }) => ({ deedId, title, date, planId })),
          models: models.map(({ modelId, title, citation, recordedAt }) => ({
            modelId,
            title,
            citation,
            recordedAt,
          })),
          totals: {
            registered: rows.filter((r) => r.registered).length,
            attended: rows.filter((r) => r.attended).length,
            qualityArticles: articles.filter((a) => a.status === 'quality').length,
            goodDeeds: deeds.length,
          },
        },
      };
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
      const page = await deps.views.list<ResidentProfile>({
        list: `${principal.community}#residents`,
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          items: page.items.map((item) => ({
            ...residentAsSeenBy(principal, item.data),
            version: item.appliedVersion,
          })),
          nextCursor: page.nextCursor ?? null,
        },
      };
    },
  }),
];
