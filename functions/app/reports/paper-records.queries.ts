import { activityDecider, activitySnapshots } from '../../../domain/activity/activity.decider.js';
import { type ActivityDetail, activityKey } from '../../../domain/activity/activity.view.js';
import { type AttendeeRow, attendeesOf } from '../../../domain/activity/attendee.view.js';
import { type ArticleDetail, articlesList } from '../../../domain/article/article.view.js';
import { writtenAt } from '../../../domain/article/article-dates.js';
import { type GoodDeed, goodDeedsList } from '../../../domain/recognition/recognition.view.js';
import type { Locale } from '../../../domain/reports/locale.js';
import type { SignInSheetInput } from '../../../domain/reports/sign-in-sheet.js';
import type { LedgerActivity, WorkLedgerInput } from '../../../domain/reports/work-ledger.js';
import { ERASED, type ResidentProfile, residentKey } from '../../../domain/resident/resident.view.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { inPeriod, periodBounds, resolveInstant } from '../../../domain/shared/time.js';
import { type CheckInQueryDeps, checkInLinkOf } from '../activity/check-in.queries.js';
import { ApplicationError, appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import { readAll, readSlice } from '../read-all.js';
import type { ViewStore } from '../view-store.js';
import { activityDetailsOf, planActivityRows } from './plan-calendar.js';
import { planDetail } from './reports.queries.js';

/** The sign-in sheet lists registrations, which only the activity's stream holds, and signs its QR code's ticket. */
export type PaperRecordDeps = CheckInQueryDeps;

/** Residents' names and buildings as the roster shows them; an erased resident has no name. */
async function residentsByIds(views: ViewStore, community: string, ids: readonly string[]) {
  const profiles = await views.getMany<ResidentProfile>(
    [...new Set(ids)].map((id) => residentKey(community, id)),
  );
  return new Map(
    profiles.map((p) => [
      p.data.residentId,
      p.data.erased || p.data.name === ERASED
        ? { name: undefined, building: undefined }
        : { name: p.data.name, building: p.data.building },
    ]),
  );
}

/** GET /activities/{id}/sign-in-sheet: the activity, its registered and waitlisted residents by name, its plan's locale. */
export async function signInSheetOf(
  deps: PaperRecordDeps,
  actor: Actor,
  input: { readonly activityId: string },
): Promise<SignInSheetInput & { readonly planLocale: Locale | undefined; readonly timeZone: string }> {
  const item = await deps.views.get<ActivityDetail>(activityKey(actor.community, input.activityId));
  if (!item || item.deleted) throw appErrors.notFound(`activity ${input.activityId}`);
  const activity = item.data;
  const plan = await planDetail(deps.views, actor.community, activity.planId);
  const loaded = await deps.commands.load(
    activityDecider,
    streamIdOf(actor.community, 'activity', input.activityId),
    activitySnapshots,
  );
  const { state } = loaded;
  const ids = state.status === 'none' ? [] : Object.values(state.registered).flatMap((b) => Object.keys(b));
  const waiting = state.status === 'none' ? [] : state.waitlist;
  const people = await residentsByIds(deps.views, actor.community, [...ids, ...waiting]);
  const person = (residentId: string) => ({
    residentId,
    name: people.get(residentId)?.name,
    building: people.get(residentId)?.building,
  });
  return {
    communityName: plan.communityName,
    planLocale: plan.locale,
    timeZone: plan.timeZone,
    activity,
    registered: ids.map(person),
    waitlisted: waiting.map(person),
    checkInLink: (await checkInLinkOf(deps, actor, input)).url,
  };
}

/** GET /plans/{id}/ledger?year=: every activity held that year with its sign-ins, the articles, the good deeds. */
export async function workLedgerOf(
  deps: Pick<PaperRecordDeps, 'views'>,
  actor: Actor,
  input: { readonly planId: string; readonly year: number },
): Promise<WorkLedgerInput & { readonly planLocale: Locale | undefined; readonly timeZone: string }> {
  const { views } = deps;
  const community = actor.community;
  const plan = await planDetail(views, community, input.planId);
  if (input.year !== plan.year)
    throw new ApplicationError(
      'invalid-input',
      'year-outside-plan',
      `the plan covers ${plan.year}, not ${input.year}`,
    );
  const year = periodBounds(String(plan.year), plan.timeZone);
  const inYear = (at: string) => inPeriod(at, year);
  const [rows, articles, deeds] = await Promise.all([
    planActivityRows(views, community, input.planId),
    readAll<ArticleDetail>(views, { list: articlesList(community, input.planId) }),
    readAll<GoodDeed>(views, { list: goodDeedsList(community, input.planId) }),
  ]);
  // The plan's own list says which were held that year: only those are read from the calendar.
  const activities = await activityDetailsOf(
    views,
    community,
    rows.filter((r) => r.held && inYear(r.held.heldOn)),
  );
  const held = activities
    .filter((a) => a.held && inYear(a.held.heldOn))
    .sort((a, b) => a.held!.heldOn.localeCompare(b.held!.heldOn));
  const attendees = await Promise.all(
    held.map(async (a) => {
      const rows = await readSlice<AttendeeRow>(views, attendeesOf(community, a.activityId));
      return rows.filter((r) => r.status === 'attended').sort((x, y) => x.at.localeCompare(y.at));
    }),
  );
  const people = await residentsByIds(views, community, [
    ...attendees.flat().map((r) => r.residentId),
    ...articles.map((a) => a.authorId),
    ...deeds.flatMap((d) => d.residentIds),
  ]);
  const nameOf = (id: string) => people.get(id)?.name;
  return {
    communityName: plan.communityName,
    planTitle: plan.title,
    year: plan.year,
    planLocale: plan.locale,
    timeZone: plan.timeZone,
    activities: held.map(
      (a, i): LedgerActivity => ({
        title: a.title,
        category: a.category,
        format: a.format,
        heldOn: a.held!.heldOn,
        venue: a.venue,
        lecturer: a.held!.lecturer ?? a.lecturer,
        trainingPlan: a.held!.trainingPlan,
        summary: a.held!.summary,
        headcount: a.held!.headcount,
        signIns: attendees[i]!.map((r) => ({ name: nameOf(r.residentId), at: r.at })),
      }),
    ),
    articles: articles
      .map((a) => ({ ...a, writtenAt: writtenAt(a, plan.timeZone) }))
      .filter((a) => inYear(a.writtenAt))
      .sort((a, b) => a.writtenAt.localeCompare(b.writtenAt))
      .map((a) => ({
        title: a.title,
        kind: a.kind,
        author: nameOf(a.authorId),
        writtenAt: a.writtenAt,
        verdict: a.reviews.at(-1)?.verdict,
      })),
    goodDeeds: deeds
      .map((d) => ({ ...d, at: resolveInstant(d.date, plan.timeZone).toISOString() }))
      .filter((d) => inYear(d.at))
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((d) => ({
        title: d.title,
        date: d.at,
        people: d.residentIds.map((id) => nameOf(id) ?? ''),
      })),
  };
}
