import { localTime } from '../shared/time.js';
import type { ReportModel } from './report.js';

/** An instant as the plan's people read it: the local date (and time when it is not midnight). */
function local(iso: string, timeZone: string): string {
  const t = localTime(new Date(iso), timeZone);
  const date = `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
  return t.hour === 0 && t.minute === 0
    ? date
    : `${date} ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

/** The period's last day (its end is the first instant after it). */
const lastDay = (report: ReportModel) =>
  local(new Date(Date.parse(report.period.end) - 1).toISOString(), report.plan.timeZone).slice(0, 10);

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const statusColour: Record<string, string> = {
  met: '#1b7f3b',
  missed: '#b42318',
  'at-risk': '#b54708',
  open: '#475467',
};
const cell = 'padding:6px 10px;border-bottom:1px solid #e4e7ec;font-size:14px;text-align:left;';
const head = `${cell}background:#f2f4f7;font-weight:600;`;

export function reportSubject(report: ReportModel): string {
  return `${report.plan.communityName}: cultural services report for ${report.period.name}`;
}

/**
 * Email-safe HTML: tables and inline styles only, no script, no images. The bar chart is table
 * cells with widths, which every common mail client renders.
 */
export function renderHtml(report: ReportModel): string {
  const max = Math.max(1, ...report.categories.map((c) => c.planned));
  const bar = (n: number, colour: string) =>
    n === 0
      ? ''
      : `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;"><tr><td style="background:${colour};height:10px;width:${Math.round((220 * n) / max)}px;font-size:0;line-height:0;">&nbsp;</td><td style="padding-left:6px;font-size:12px;">${n}</td></tr></table>`;
  const chart = report.categories
    .map(
      (c) =>
        `<tr data-category="${escapeHtml(c.category)}"><td style="${cell}">${escapeHtml(c.category)}</td><td style="${cell}">${bar(c.planned, '#98a2b3')}${bar(c.held, '#1570ef')}</td></tr>`,
    )
    .join('');
  const rows = report.compliance
    .map(
      (r) =>
        `<tr><td style="${cell}">${escapeHtml(r.description)}</td><td style="${cell}">${escapeHtml(r.period)}</td><td style="${cell}">${r.actual} / ${r.required}</td><td style="${cell}color:${statusColour[r.status]};font-weight:600;">${r.status}${r.changed ? ` <span style="color:#475467;font-weight:400;">(was ${r.previousStatus})</span>` : ''}</td></tr>`,
    )
    .join('');
  const list = (items: string[]) =>
    items.length === 0
      ? '<p style="font-size:14px;">None.</p>'
      : `<ul style="font-size:14px;">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(reportSubject(report))}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;color:#101828;background:#ffffff;">
<h1 style="font-size:20px;">${escapeHtml(report.plan.title)}</h1>
<p style="font-size:14px;">Report for <strong>${escapeHtml(report.period.name)}</strong> (${escapeHtml(local(report.period.start, report.plan.timeZone))} to ${escapeHtml(lastDay(report))}, ${escapeHtml(report.plan.timeZone)}), as of ${escapeHtml(local(report.asOf, report.plan.timeZone))}.</p>
<h2 style="font-size:16px;">Activities planned and held, by category</h2>
<p style="font-size:12px;color:#475467;">Grey: planned. Blue: held.</p>
<table id="chart" role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;">${chart}</table>
<p style="font-size:14px;">Sign-ins: <strong>${report.attendance.signIns}</strong>, by <strong>${report.attendance.distinctResidents}</strong> residents.</p>
<h2 style="font-size:16px;">Where the plan stands</h2>
<table id="compliance" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;"><tr><th style="${head}">Target</th><th style="${head}">Period</th><th style="${head}">Actual / required</th><th style="${head}">Status</th></tr>${rows}</table>
<h2 style="font-size:16px;">Party members still short of a quality article</h2>
${list(report.membersShortOfQualityArticle.map((m) => escapeHtml(m.name)))}
<h2 style="font-size:16px;">Good family style</h2>
${list(report.rounds.map((r) => `${escapeHtml(r.title)}: ${escapeHtml(r.state)}, ${r.nominations} nominations${r.leaders.length ? `; leading: ${r.leaders.map((l) => `${escapeHtml(l.familyName)} (${l.final ?? '–'})`).join(', ')}` : ''}`))}
<h2 style="font-size:16px;">Good deeds</h2>
${list(report.goodDeeds.map((d) => `${escapeHtml(d.date)}: ${escapeHtml(d.title)}`))}
<h2 style="font-size:16px;">Planned for ${escapeHtml(report.nextPeriod.name)}</h2>
${list(report.nextPeriod.activities.map((a) => `${escapeHtml(local(a.start, report.plan.timeZone).slice(0, 10))} ${escapeHtml(a.title)} (${escapeHtml(a.category)})`))}
</body></html>`;
}

export function renderText(report: ReportModel): string {
  const lines = [
    reportSubject(report),
    `${report.plan.title}, period ${report.period.name} (${report.period.start} to ${report.period.end}), as of ${report.asOf}`,
    '',
    'Activities (planned / held):',
    ...report.categories.map((c) => `  ${c.category}: ${c.planned} / ${c.held}`),
    `Sign-ins: ${report.attendance.signIns} by ${report.attendance.distinctResidents} residents`,
    '',
    'Where the plan stands:',
    ...report.compliance.map(
      (r) =>
        `  [${r.status}] ${r.description} — ${r.period}: ${r.actual}/${r.required}${r.changed ? ` (was ${r.previousStatus})` : ''}`,
    ),
    '',
    `Members short of a quality article: ${report.membersShortOfQualityArticle.map((m) => m.name).join(', ') || 'none'}`,
    ...report.rounds.map((r) => `Good family style — ${r.title}: ${r.state}, ${r.nominations} nominations`),
    `Good deeds: ${report.goodDeeds.map((d) => d.title).join('; ') || 'none'}`,
    `Planned for ${report.nextPeriod.name}: ${report.nextPeriod.activities.length} activities`,
  ];
  return `${lines.join('\n')}\n`;
}

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

/** One CSV, sections as a first column, so a spreadsheet can filter it. */
export function renderCsv(report: ReportModel): string {
  const rows: unknown[][] = [['section', 'name', 'period', 'value1', 'value2', 'status']];
  for (const c of report.categories)
    rows.push(['activities', c.category, report.period.name, c.planned, c.held, '']);
  rows.push([
    'attendance',
    'sign-ins',
    report.period.name,
    report.attendance.signIns,
    report.attendance.distinctResidents,
    '',
  ]);
  for (const r of report.compliance)
    rows.push(['compliance', r.targetId, r.period, r.actual, r.required, r.status]);
  for (const m of report.membersShortOfQualityArticle)
    rows.push(['short-of-article', m.name, report.period.name, m.residentId, '', '']);
  for (const d of report.goodDeeds) rows.push(['good-deed', d.title, d.date, d.residentIds.length, '', '']);
  for (const a of report.nextPeriod.activities)
    rows.push(['next-period', a.title, report.nextPeriod.name, a.category, a.start, '']);
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
