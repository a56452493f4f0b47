import type { Printable } from './printable.js';
import type { ReportModel } from './report.js';
import type { Wording } from './wording.js';
import { reportPhrases } from './wording-of-report.js';

/** The report on paper: the same phrases as the email, laid out as a PDF by the printer function. */
export function reportPrintable(report: ReportModel, w: Wording): Printable {
  const p = reportPhrases(report, w);
  const { t } = w;
  const cols = t.report.heldColumns;
  const s = t.report.standingColumns;
  const list = (items: string[]) =>
    items.length === 0
      ? [{ kind: 'paragraph' as const, text: t.none, muted: true }]
      : items.map((text) => ({ kind: 'paragraph' as const, text: `• ${text}` }));
  return {
    title: p.subject,
    language: w.locale,
    footer: t.footer(report.plan.communityName),
    blocks: [
      // The printer heads the page with the title (the email's subject, which names the community).
      { kind: 'heading', level: 2, text: report.plan.title },
      { kind: 'paragraph', text: p.intro },
      { kind: 'heading', level: 2, text: t.report.byCategory },
      {
        kind: 'table',
        columns: [
          { label: cols.category, width: 3 },
          { label: t.report.planned, width: 1 },
          { label: t.report.heldShort, width: 1 },
        ],
        rows: p.categories.map((c) => [c.label, String(c.planned), String(c.held)]),
      },
      { kind: 'paragraph', text: p.signIns },
      { kind: 'paragraph', text: p.registrations },
      { kind: 'heading', level: 2, text: t.report.held },
      ...(p.held.length === 0
        ? list([])
        : [
            {
              kind: 'table' as const,
              columns: [
                { label: cols.date, width: 2 },
                { label: cols.title, width: 3 },
                { label: cols.category, width: 2 },
                { label: cols.venue, width: 2 },
                { label: cols.lecturer, width: 2 },
                { label: cols.signIns, width: 1 },
                { label: cols.summary, width: 4 },
              ],
              rows: p.held.map((a) => [
                a.date,
                a.title,
                a.category,
                a.venue,
                a.lecturer,
                a.signIns,
                a.summary,
              ]),
            },
          ]),
      { kind: 'heading', level: 2, text: t.report.standing },
      {
        kind: 'table',
        columns: [
          { label: s.target, width: 5 },
          { label: s.period, width: 2 },
          { label: s.actual, width: 2 },
          { label: s.status, width: 2 },
        ],
        rows: p.compliance.map((r) => [r.target, r.period, r.actual, r.statusLabel + r.was]),
      },
      { kind: 'heading', level: 2, text: t.report.shortOfArticle },
      ...list(p.shortOfArticle),
      { kind: 'heading', level: 2, text: t.report.familyStyle },
      ...list(p.rounds),
      { kind: 'heading', level: 2, text: t.report.goodDeeds },
      ...list(p.goodDeeds),
      { kind: 'heading', level: 2, text: t.report.sports },
      ...list(p.instructors),
      { kind: 'heading', level: 2, text: t.report.overdueEquipment },
      ...list(p.overdueEquipment),
      { kind: 'heading', level: 2, text: p.nextTitle },
      ...list(p.next),
      { kind: 'paragraph', text: p.ledger, muted: true },
    ],
  };
}
