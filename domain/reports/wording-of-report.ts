import { resolveInstant } from '../shared/time.js';
import type { ReportModel } from './report.js';
import type { Wording } from './wording.js';

/**
 * What every rendering of a report says, worded once for one reader: HTML, text and PDF lay out
 * the same phrases, so the three never disagree.
 */
export function reportPhrases(report: ReportModel, w: Wording) {
  const { t } = w;
  const lastDay = new Date(Date.parse(report.period.end) - 1).toISOString();
  const period = w.period(report.period.name);
  // Two households may share a family name: the household tells them apart where that happens.
  const leaderName = (leaders: ReportModel['rounds'][number]['leaders']) => {
    const names = leaders.map((l) => l.familyName);
    return (l: (typeof leaders)[number]) =>
      names.filter((n) => n === l.familyName).length > 1
        ? t.report.household(l.familyName, l.householdId)
        : l.familyName;
  };
  return {
    subject: t.report.subject(report.plan.communityName, period),
    intro: t.report.intro(
      period,
      w.date(report.period.start),
      w.date(lastDay),
      report.plan.timeZone,
      w.dateTime(report.asOf),
    ),
    signIns: t.report.signIns(report.attendance.signIns, report.attendance.distinctResidents),
    registrations: t.report.registrations(
      report.registrations.registered,
      report.registrations.waitlisted,
      report.registrations.cancelled,
    ),
    categories: report.categories.map((c) => ({ ...c, label: t.category[c.category] })),
    held: report.held.map((a) => ({
      date: w.date(a.heldOn),
      title: a.title,
      category: t.category[a.category],
      venue: a.venue ?? '',
      lecturer: a.lecturer ?? '',
      signIns: String(a.signIns),
      summary: a.summary,
    })),
    compliance: report.compliance.map((r) => ({
      target: r.description,
      period: w.period(r.period),
      actual: `${r.actual} / ${r.required}`,
      status: r.status,
      statusLabel: t.status[r.status],
      was: r.changed && r.previousStatus ? t.report.was(t.status[r.previousStatus as 'met']) : '',
    })),
    shortOfArticle: report.membersShortOfQualityArticle.map((m) => m.name),
    rounds: report.rounds.map((r) => {
      const name = leaderName(r.leaders);
      const leading = r.leaders
        .map((l) => t.report.leaderScore(name(l), l.final === null ? '–' : l.final.toFixed(2)))
        .join(w.locale === 'zh-CN' ? '、' : ', ');
      return (
        t.report.round(r.title, t.roundState[r.state], r.nominations) +
        (r.leaders.length ? t.report.leading(leading) : '')
      );
    }),
    goodDeeds: report.goodDeeds.map(
      (d) => `${w.date(resolveInstant(d.date, report.plan.timeZone).toISOString())} ${d.title}`,
    ),
    instructors: report.sports.instructors.map((i) =>
      t.report.instructorLine(i.name, i.specialty, i.sessions, i.participants),
    ),
    overdueEquipment: report.sports.overdueEquipment.map((o) =>
      t.report.overdueLine(
        o.venueName,
        o.item,
        o.reasons.map((r) => t.report.overdueReason[r]).join(w.locale === 'zh-CN' ? '、' : ', '),
      ),
    ),
    nextTitle: t.report.plannedFor(w.period(report.nextPeriod.name)),
    next: report.nextPeriod.activities.map((a) =>
      t.report.plannedItem(w.date(a.start), a.title, t.category[a.category]),
    ),
    ledger: report.ledger.through
      ? t.report.ledger(w.dateTime(report.ledger.through), report.ledger.commits, report.ledger.digest)
      : t.report.ledgerEmpty,
  };
}

export type ReportPhrases = ReturnType<typeof reportPhrases>;
