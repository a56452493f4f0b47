import type { Category } from '../../events/index.js';
import type { ComplianceItem } from '../compliance/compliance.js';
import { type PeriodBounds, resolveInstant } from '../shared/time.js';
import type { ActivityDetail } from '../views/activity.view.js';

export interface ReportInputs {
  readonly plan: { planId: string; title: string; communityName: string; timeZone: string };
  readonly period: PeriodBounds;
  readonly next: PeriodBounds;
  readonly asOf: string;
  readonly activities: readonly ActivityDetail[];
  /** Sign-ins recorded for the period's activities: resident and when they attended. */
  readonly attendance: readonly { activityId: string; residentId: string; at: string }[];
  readonly compliance: readonly ComplianceItem[];
  /** The same rows as of the end of the previous period, to say what changed. */
  readonly previousCompliance: readonly ComplianceItem[];
  readonly residentNames: Readonly<Record<string, string>>;
  readonly rounds: readonly {
    roundId: string;
    title: string;
    state: string;
    nominations: number;
    leaders: { familyName: string; final: number | null }[];
  }[];
  readonly goodDeeds: readonly { deedId: string; title: string; date: string; residentIds: string[] }[];
}

export interface ReportModel {
  readonly plan: ReportInputs['plan'];
  readonly period: { name: string; kind: string; start: string; end: string };
  readonly asOf: string;
  readonly categories: { category: Category; planned: number; held: number }[];
  readonly attendance: { signIns: number; distinctResidents: number };
  readonly compliance: (ComplianceItem & { previousStatus: string | null; changed: boolean })[];
  readonly membersShortOfQualityArticle: { residentId: string; name: string }[];
  readonly rounds: ReportInputs['rounds'];
  readonly goodDeeds: ReportInputs['goodDeeds'];
  readonly nextPeriod: {
    name: string;
    activities: { activityId: string; title: string; category: Category; start: string }[];
  };
}

const overlaps = (window: { start: string; end: string }, p: PeriodBounds) =>
  Date.parse(window.end) >= p.start.getTime() && Date.parse(window.start) < p.end.getTime();
const within = (at: string, p: PeriodBounds) =>
  Date.parse(at) >= p.start.getTime() && Date.parse(at) < p.end.getTime();

/** A period's rows: those of the period itself, of periods inside it, and of the year that holds it. */
function concerns(row: ComplianceItem, p: PeriodBounds): boolean {
  if (row.period === p.period) return true;
  if (p.kind === 'year') return row.period.startsWith(p.period);
  if (p.kind === 'quarter') {
    const [year, q] = p.period.split('-Q') as [string, string];
    const months = [1, 2, 3].map((m) => `${year}-${String((Number(q) - 1) * 3 + m).padStart(2, '0')}`);
    return months.includes(row.period) || row.period === year;
  }
  return row.period === p.period.slice(0, 4);
}

/** What happened in a period and where the plan stands: the content of every rendering of the report. */
export function buildReport(input: ReportInputs): ReportModel {
  const { period } = input;
  const byCategory = new Map<Category, { planned: number; held: number }>();
  for (const a of input.activities) {
    if (a.status === 'cancelled' || !overlaps(a.window, period)) continue;
    const c = byCategory.get(a.category) ?? { planned: 0, held: 0 };
    c.planned++;
    if (a.held && within(a.held.heldOn, period)) c.held++;
    byCategory.set(a.category, c);
  }
  const signIns = input.attendance.filter((s) => within(s.at, period));
  const previous = new Map(input.previousCompliance.map((r) => [`${r.targetId}|${r.period}`, r.status]));
  const compliance = input.compliance
    .filter((r) => concerns(r, period))
    .map((r) => {
      const previousStatus = previous.get(`${r.targetId}|${r.period}`) ?? null;
      return { ...r, previousStatus, changed: previousStatus !== null && previousStatus !== r.status };
    });
  const year = period.period.slice(0, 4);
  const short =
    input.compliance.find((r) => r.metric === 'articles-per-member' && r.period === year)?.shortMembers ?? [];
  return {
    plan: input.plan,
    period: {
      name: period.period,
      kind: period.kind,
      start: period.start.toISOString(),
      end: period.end.toISOString(),
    },
    asOf: input.asOf,
    categories: [...byCategory]
      .map(([category, c]) => ({ category, ...c }))
      .sort((a, b) => a.category.localeCompare(b.category)),
    attendance: {
      signIns: signIns.length,
      distinctResidents: new Set(signIns.map((s) => s.residentId)).size,
    },
    compliance,
    membersShortOfQualityArticle: short.map((residentId) => ({
      residentId,
      name: input.residentNames[residentId] ?? '(unknown)',
    })),
    rounds: input.rounds,
    goodDeeds: input.goodDeeds.filter((d) =>
      within(resolveInstant(d.date, input.plan.timeZone).toISOString(), period),
    ),
    nextPeriod: {
      name: input.next.period,
      activities: input.activities
        .filter((a) => a.status === 'planned' && overlaps(a.window, input.next))
        .map((a) => ({
          activityId: a.activityId,
          title: a.title,
          category: a.category,
          start: a.window.start,
        }))
        .sort((a, b) => a.start.localeCompare(b.start)),
    },
  };
}
