import type { ReportModel } from './report.js';

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and, in some, after a leading tab
 * or CR) as a formula: text that people typed (names, titles) is prefixed with a quote so it stays
 * text (OWASP's CSV injection advice). Figures the report computes are numbers and stay as they are.
 */
const formulaStart = /^[=+\-@\t\r]/;

function csvField(value: unknown): string {
  const raw = String(value ?? '');
  const text = typeof value === 'string' && formulaStart.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV of machine values (like JSON: a spreadsheet filters and sums them), sections as a first
 * column. Instants stay ISO 8601 with their offset.
 */
export function renderCsv(report: ReportModel): string {
  const header = ['section', 'name', 'period', 'value1', 'value2', 'status', 'venue', 'lecturer', 'summary'];
  const rows: unknown[][] = [header];
  for (const c of report.categories)
    rows.push(['activities', c.category, report.period.name, c.planned, c.held, '']);
  for (const a of report.held)
    rows.push([
      'held',
      a.title,
      a.heldOn,
      a.category,
      a.signIns,
      '',
      a.venue ?? '',
      a.lecturer ?? '',
      a.summary,
    ]);
  rows.push([
    'attendance',
    'sign-ins',
    report.period.name,
    report.attendance.signIns,
    report.attendance.distinctResidents,
    '',
  ]);
  // value1 places held, value2 on waitlists, status column the cancelled count.
  rows.push([
    'registrations',
    'registered/waitlisted/cancelled',
    report.period.name,
    report.registrations.registered,
    report.registrations.waitlisted,
    report.registrations.cancelled,
  ]);
  for (const r of report.compliance)
    rows.push(['compliance', r.targetId, r.period, r.actual, r.required, r.status]);
  for (const m of report.membersShortOfQualityArticle)
    rows.push(['short-of-article', m.name, report.period.name, m.residentId, '', '']);
  for (const d of report.goodDeeds) rows.push(['good-deed', d.title, d.date, d.residentIds.length, '', '']);
  for (const i of report.sports.instructors)
    rows.push(['instructor', i.name, report.period.name, i.sessions, i.participants, '']);
  for (const o of report.sports.overdueEquipment)
    rows.push(['overdue-equipment', o.item, report.asOf, o.venueName, o.reasons.join(' '), '']);
  for (const a of report.nextPeriod.activities)
    rows.push(['next-period', a.title, report.nextPeriod.name, a.category, a.start, '']);
  rows.push(['ledger', report.ledger.digest, report.ledger.through ?? '', report.ledger.commits, '', '']);
  // Every row as wide as the header, so a spreadsheet reads one rectangle.
  const cells = (r: unknown[]) => [...r, ...Array(header.length - r.length).fill('')];
  return `${rows.map((r) => cells(r).map(csvField).join(',')).join('\r\n')}\r\n`;
}
