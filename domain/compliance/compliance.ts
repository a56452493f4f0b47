import type { Target } from '../../events/index.js';
import { partyMembersOnly } from '../article/article.decider.js';
import { type PeriodBounds, periodBounds, periodsOfYear } from '../shared/time.js';
import type { ArticleDetail } from '../views/article.view.js';
import type { ActivityComplianceRow, PartyMemberRow, PlanTargetsRow } from '../views/compliance.view.js';

export type ComplianceStatus = 'met' | 'missed' | 'at-risk' | 'open';

export interface ComplianceItem {
  readonly targetId: string;
  readonly description: string;
  readonly metric: Target['metric'];
  readonly period: string;
  readonly required: number;
  readonly actual: number;
  readonly status: ComplianceStatus;
  /** The activity or article ids that count towards `actual`. */
  readonly evidence: readonly string[];
  /** Per-member targets: the members still below the minimum. */
  readonly shortMembers?: readonly string[];
  /** Per-member targets: what each member must reach. */
  readonly minimumPerMember?: number;
}

export interface ComplianceFacts {
  readonly plan: PlanTargetsRow;
  readonly activities: readonly ActivityComplianceRow[];
  readonly articles: readonly ArticleDetail[];
  readonly members: readonly PartyMemberRow[];
}

const recordedBy = (at: string, instant: number) => Date.parse(at) <= instant;

/** An activity as the history had recorded it at `instant` (undefined if not yet planned). */
export function activityAsOf(row: ActivityComplianceRow, instant: number) {
  if (!recordedBy(row.plannedAt, instant)) return undefined;
  const window = row.windows.filter((w) => recordedBy(w.recordedAt, instant)).at(-1)!.window;
  const held = row.held && recordedBy(row.held.recordedAt, instant) ? row.held : undefined;
  const cancelled = row.cancelledAt !== undefined && recordedBy(row.cancelledAt, instant);
  const signedIn = row.signedIn.some(
    (i) => recordedBy(i.from, instant) && (i.to === undefined || !recordedBy(i.to, instant)),
  );
  return { ...row, window, held, cancelled, signedIn };
}

type ActivityAsOf = NonNullable<ReturnType<typeof activityAsOf>>;

/**
 * The version of a target that judges a period: the one in force when the period ended (a later
 * change does not rewrite a closed period), or, for a target first set after the period, its first
 * version. Only versions recorded by `instant` exist.
 */
export function targetForPeriod(
  versions: readonly (Target & { recordedAt: string })[],
  period: PeriodBounds,
  instant: number,
) {
  const known = versions.filter((v) => recordedBy(v.recordedAt, instant));
  if (known.length === 0) return undefined;
  const inForce = known.filter((v) => Date.parse(v.recordedAt) < period.end.getTime()).at(-1);
  return inForce ?? known[0]!;
}

const inPeriod = (at: string, period: PeriodBounds) => {
  const t = Date.parse(at);
  return t >= period.start.getTime() && t < period.end.getTime();
};

function matches(target: Target, activity: ActivityAsOf) {
  return (
    activity.category === target.category &&
    (target.format === undefined || activity.format === target.format)
  );
}

function counts(target: Target, activity: ActivityAsOf): boolean {
  const held = activity.held;
  if (!held) return false;
  switch (target.metric) {
    case 'activities-held':
      return true;
    case 'held-within-window':
      return held.heldWithinWindow;
    case 'record-complete':
      return Boolean(
        (held.lecturer ?? activity.plannedLecturer) && held.trainingPlan && held.summary && activity.signedIn,
      );
    default:
      return false;
  }
}

/**
 * Could this planned activity still count in the period, judged at `instant`? Its window must reach
 * into what is left of the period (which also keeps it holdable inside its window).
 */
function stillPossible(activity: ActivityAsOf, period: PeriodBounds, instant: number): boolean {
  if (activity.cancelled || activity.held) return false;
  const from = Math.max(instant, period.start.getTime());
  return Date.parse(activity.window.end) >= from && Date.parse(activity.window.start) < period.end.getTime();
}

function status(
  actual: number,
  required: number,
  period: PeriodBounds,
  instant: number,
  reachable: boolean,
): ComplianceStatus {
  if (actual >= required) return 'met';
  if (period.end.getTime() <= instant) return 'missed';
  return reachable ? 'open' : 'at-risk';
}

function activityItem(
  target: Target,
  period: PeriodBounds,
  activities: readonly ActivityAsOf[],
  instant: number,
): ComplianceItem {
  const relevant = activities.filter((a) => matches(target, a));
  const evidence = relevant
    .filter((a) => a.held && inPeriod(a.held.heldOn, period) && counts(target, a))
    .map((a) => a.activityId);
  const possible = relevant.filter((a) => stillPossible(a, period, instant)).length;
  return {
    targetId: target.targetId,
    description: target.description,
    metric: target.metric,
    period: period.period,
    required: target.minimum,
    actual: evidence.length,
    status: status(
      evidence.length,
      target.minimum,
      period,
      instant,
      evidence.length + possible >= target.minimum,
    ),
    evidence,
  };
}

/** When an article became quality, as recorded by `instant`: its latest verdict then must be `quality`. */
function qualitySince(article: ArticleDetail, instant: number): string | undefined {
  const reviews = article.reviews.filter((r) => recordedBy(r.recordedAt, instant));
  return reviews.at(-1)?.verdict === 'quality' ? reviews.at(-1)!.recordedAt : undefined;
}

function memberItem(
  target: Target,
  period: PeriodBounds,
  facts: ComplianceFacts,
  instant: number,
): ComplianceItem {
  const members = facts.members.filter((m) => recordedBy(m.since, instant)).map((m) => m.residentId);
  const qualityByAuthor = new Map<string, string[]>();
  for (const article of facts.articles) {
    if (!partyMembersOnly.includes(article.kind) || !recordedBy(article.submittedAt, instant)) continue;
    const since = qualitySince(article, instant);
    if (!since || !inPeriod(since, period)) continue;
    qualityByAuthor.set(article.authorId, [
      ...(qualityByAuthor.get(article.authorId) ?? []),
      article.articleId,
    ]);
  }
  const shortMembers = members.filter((m) => (qualityByAuthor.get(m)?.length ?? 0) < target.minimum).sort();
  const evidence = members.flatMap((m) => qualityByAuthor.get(m) ?? []).sort();
  const actual = members.length - shortMembers.length;
  return {
    targetId: target.targetId,
    description: target.description,
    metric: target.metric,
    period: period.period,
    required: members.length,
    actual,
    // Articles can be written until the period ends: an open period is never judged at risk.
    status: status(actual, members.length, period, instant, true),
    evidence,
    shortMembers,
    minimumPerMember: target.minimum,
  };
}

/** Where the plan stands against every target, in every period of its year, as the history said at `asOf`. */
export function evaluateCompliance(facts: ComplianceFacts, asOf: Date): ComplianceItem[] {
  const instant = asOf.getTime();
  const { plan } = facts;
  const activities = facts.activities
    .map((row) => activityAsOf(row, instant))
    .filter((a): a is ActivityAsOf => a !== undefined);
  const targetIds = [...new Set(plan.history.map((t) => t.targetId))].sort();
  const items: ComplianceItem[] = [];
  for (const targetId of targetIds) {
    const versions = plan.history.filter((t) => t.targetId === targetId);
    const kinds = new Set(versions.filter((v) => recordedBy(v.recordedAt, instant)).map((v) => v.per));
    for (const kind of ['year', 'quarter', 'month'] as const) {
      if (!kinds.has(kind)) continue;
      for (const name of periodsOfYear(plan.year, kind)) {
        const period = periodBounds(name, plan.timeZone);
        const target = targetForPeriod(versions, period, instant);
        if (!target || target.per !== kind) continue;
        items.push(
          target.metric === 'articles-per-member'
            ? memberItem(target, period, facts, instant)
            : activityItem(target, period, activities, instant),
        );
      }
    }
  }
  return items;
}
