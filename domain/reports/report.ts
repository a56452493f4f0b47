import type { Category } from '../../events/index.js';
import type { ActivityDetail } from '../activity/activity.view.js';
import type { ComplianceItem } from '../compliance/compliance.js';
import type { OverdueReason } from '../equipment/standing.js';
import { type PeriodBounds, resolveInstant } from '../shared/time.js';
import type { Locale } from './locale.js';
import type { RoundState } from './messages.js';

/**
 * The ledger state a report was computed from: the commits read, up to the last one (`through`,
 * when it was recorded), and the running digest over them that `GET /audit/verify?digest=` accepts.
 */
export interface LedgerState {
  readonly through: string | null;
  readonly commits: number;
  readonly digest: string;
}

export interface ReportInputs {
  readonly plan: { planId: string; title: string; communityName: string; timeZone: string; locale: Locale };
  readonly period: PeriodBounds;
  readonly next: PeriodBounds;
  readonly asOf: string;
  readonly ledger: LedgerState;
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
    state: RoundState;
    nominations: number;
    leaders: { nominationId: string; familyName: string; householdId: string; final: number | null }[];
  }[];
  readonly goodDeeds: readonly { deedId: string; title: string; date: string; residentIds: string[] }[];
  readonly sports: ReportModel['sports'];
}

/** An activity held in the period, with the record the seed asks for (lecturer, sign-ins, summary). */
export interface HeldActivity {
  readonly activityId: string;
  readonly title: string;
  readonly category: Category;
  readonly format: ActivityDetail['format'];
  readonly heldOn: string;
  readonly venue: string | null;
  readonly lecturer: string | null;
  readonly signIns: number;
  /** Residents holding a place when it was held (cancelled places left out). */
  readonly registered: number;
  readonly headcount: number | null;
  readonly summary: string;
}

export interface ReportModel {
  readonly plan: ReportInputs['plan'];
  readonly period: { name: string; kind: string; start: string; end: string };
  readonly asOf: string;
  readonly ledger: LedgerState;
  readonly categories: { category: Category; planned: number; held: number }[];
  readonly held: HeldActivity[];
  readonly attendance: { signIns: number; distinctResidents: number };
  /** The period's activities (not cancelled): places held now, residents on waitlists, registrations cancelled. */
  readonly registrations: { registered: number; waitlisted: number; cancelled: number };
  readonly compliance: (ComplianceItem & { previousStatus: string | null; changed: boolean })[];
  readonly membersShortOfQualityArticle: { residentId: string; name: string }[];
  readonly rounds: ReportInputs['rounds'];
  readonly goodDeeds: ReportInputs['goodDeeds'];
  /** "Four sports into the community": the instructors' sessions of the period, and what is overdue now. */
  readonly sports: {
    readonly instructors: readonly {
      instructorId: string;
      name: string;
      specialty: string;
      sessions: number;
      participants: number;
    }[];
    readonly overdueEquipment: readonly { venueName: string; item: string; reasons: OverdueReason[] }[];
  };
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
  const registrations = { registered: 0, waitlisted: 0, cancelled: 0 };
  for (const a of input.activities) {
    if (a.status === 'cancelled' || !overlaps(a.window, period)) continue;
    registrations.registered += a.registeredCount;
    registrations.waitlisted += a.waitlistedCount;
    registrations.cancelled += a.registrationsCancelled;
    const c = byCategory.get(a.category) ?? { planned: 0, held: 0 };
    c.planned++;
    if (a.held && within(a.held.heldOn, period)) c.held++;
    byCategory.set(a.category, c);
  }
  const signIns = input.attendance.filter((s) => within(s.at, period));
  const signInsOf = new Map<string, number>();
  for (const s of signIns) signInsOf.set(s.activityId, (signInsOf.get(s.activityId) ?? 0) + 1);
  const held: HeldActivity[] = input.activities
    .filter((a) => a.held && within(a.held.heldOn, period))
    .map((a) => ({
      activityId: a.activityId,
      title: a.title,
      category: a.category,
      format: a.format,
      heldOn: a.held!.heldOn,
      venue: a.venue ?? null,
      lecturer: a.held!.lecturer ?? a.lecturer ?? null,
      signIns: signInsOf.get(a.activityId) ?? 0,
      registered: a.registeredCount,
      headcount: a.held!.headcount ?? null,
      summary: a.held!.summary,
    }))
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.title.localeCompare(b.title));
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
    ledger: input.ledger,
    categories: [...byCategory]
      .map(([category, c]) => ({ category, ...c }))
      .sort((a, b) => a.category.localeCompare(b.category)),
    held,
    attendance: {
      signIns: signIns.length,
      distinctResidents: new Set(signIns.map((s) => s.residentId)).size,
    },
    registrations,
    compliance,
    membersShortOfQualityArticle: short.map((residentId) => ({
      residentId,
      name: input.residentNames[residentId] ?? '(unknown)',
    })),
    rounds: input.rounds,
    goodDeeds: input.goodDeeds.filter((d) =>
      within(resolveInstant(d.date, input.plan.timeZone).toISOString(), period),
    ),
    sports: input.sports,
    nextPeriod: {
      name: input.next.period,
      // What starts then: a year-long activity under way since January is not news for October.
      activities: input.activities
        .filter((a) => a.status === 'planned' && within(a.window.start, input.next))
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
