import type { ReportModel } from './report.js';
import type { Wording } from './wording.js';
import { reportPhrases } from './wording-of-report.js';

export { renderCsv } from './render-csv.js';

export const escapeHtml = (text: string) =>
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
const cell =
  'padding:6px 10px;border-bottom:1px solid #e4e7ec;font-size:14px;text-align:left;vertical-align:top;';
const head = `${cell}background:#f2f4f7;font-weight:600;white-space:nowrap;`;
/** Chinese first where a mail client has it; no web font (mail clients block them). */
const fonts = "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC',Arial,Helvetica,sans-serif";

/** The longest bar, in pixels: short enough that label, bar and count fit a phone's width. */
const BAR = 160;

export const reportSubject = (report: ReportModel, w: Wording) => reportPhrases(report, w).subject;

/**
 * A data table that fits a phone: inside a box that scrolls sideways by itself (inline styles, for
 * mail clients that drop a style sheet), and, where the style sheet is read, one card per row
 * on a narrow screen, each cell under its column's name (`data-label`).
 */
const table = (id: string, headers: readonly string[], rows: readonly ((label: string) => string)[][]) =>
  `<div class="scroll" style="overflow-x:auto;max-width:100%;"><table id="${id}" class="stack" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;"><tr>${headers
    .map((h) => `<th style="${head}">${escapeHtml(h)}</th>`)
    .join(
      '',
    )}</tr>${rows.map((r) => `<tr>${r.map((cellOf, i) => cellOf(headers[i]!)).join('')}</tr>`).join('')}</table></div>`;

/**
 * For narrow screens (a phone is 360–430 px wide): tables become cards, nothing keeps a line from
 * wrapping, the bar chart's labels wrap and its bars shrink. Mail clients that read `<style>`
 * (most phone apps) use it; the rest scroll the table inside its box.
 */
const narrowScreens = `<style>
@media (max-width: 640px) {
  body { padding: 12px !important; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block !important; width: auto !important; }
  table.stack tr:first-child { display: none !important; }
  table.stack tr { border: 1px solid #e4e7ec; border-radius: 6px; margin: 0 0 10px; padding: 4px 0; }
  table.stack td { border: 0 !important; padding: 3px 10px !important; white-space: normal !important; }
  table.stack td:empty { display: none !important; }
  table.stack td[data-label]::before { content: attr(data-label) "："; color: #475467; font-size: 12px; }
  html[lang="en"] table.stack td[data-label]::before { content: attr(data-label) ": "; }
  #chart td { white-space: normal !important; }
}
</style>`;

/**
 * Email-safe HTML in the reader's language: tables and inline styles only, no script, no images.
 * The bar chart is table cells with widths, which every common mail client renders.
 */
export function renderHtml(report: ReportModel, w: Wording): string {
  const p = reportPhrases(report, w);
  const { t } = w;
  const max = Math.max(1, ...report.categories.map((c) => c.planned));
  // A count of 0 still shows its "0": an empty bar reads as "no data", not as "none held".
  const bar = (n: number, colour: string) =>
    `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;"><tr>${n === 0 ? '' : `<td style="background:${colour};height:10px;width:${Math.round((BAR * n) / max)}px;font-size:0;line-height:0;">&nbsp;</td>`}<td style="padding-left:6px;font-size:12px;">${n}</td></tr></table>`;
  const chart = p.categories
    .map(
      (c) =>
        `<tr data-category="${escapeHtml(c.category)}"><td style="${cell}white-space:nowrap;">${escapeHtml(c.label)}</td><td style="${cell}">${bar(c.planned, '#98a2b3')}${bar(c.held, '#1570ef')}</td></tr>`,
    )
    .join('');
  const td =
    (text: string, extra = '') =>
    (label: string) =>
      `<td data-label="${escapeHtml(label)}" style="${cell}${extra}">${escapeHtml(text)}</td>`;
  const cols = t.report.heldColumns;
  const held = table(
    'held',
    [cols.date, cols.title, cols.category, cols.venue, cols.lecturer, cols.signIns, cols.summary],
    p.held.map((a) => [
      td(a.date, 'white-space:nowrap;'),
      td(a.title),
      td(a.category, 'white-space:nowrap;'),
      td(a.venue),
      td(a.lecturer),
      td(a.signIns),
      td(a.summary),
    ]),
  );
  const s = t.report.standingColumns;
  const standing = table(
    'compliance',
    [s.target, s.period, s.actual, s.status],
    p.compliance.map((r) => [
      td(r.target),
      td(r.period, 'white-space:nowrap;'),
      td(r.actual, 'white-space:nowrap;'),
      (label: string) =>
        `<td data-label="${escapeHtml(label)}" style="${cell}white-space:nowrap;color:${statusColour[r.status]};font-weight:600;">${escapeHtml(r.statusLabel)}${r.was ? `<span style="color:#475467;font-weight:400;">${escapeHtml(r.was)}</span>` : ''}</td>`,
    ]),
  );
  const list = (items: string[]) =>
    items.length === 0
      ? `<p style="font-size:14px;">${escapeHtml(t.none)}</p>`
      : `<ul style="font-size:14px;">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const h2 = (text: string) => `<h2 style="font-size:16px;">${escapeHtml(text)}</h2>`;
  return `<!doctype html>
<html lang="${w.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(p.subject)}</title>${narrowScreens}</head>
<body style="margin:0;padding:24px;font-family:${fonts};color:#101828;background:#ffffff;">
<p style="font-size:13px;color:#475467;margin:0;">${escapeHtml(report.plan.communityName)}</p>
<h1 style="font-size:20px;">${escapeHtml(report.plan.title)}</h1>
<p style="font-size:14px;">${escapeHtml(p.intro)}</p>
${h2(t.report.byCategory)}
<p style="font-size:12px;color:#475467;">${escapeHtml(t.report.chartLegend)}</p>
<table id="chart" role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;">${chart}</table>
<p style="font-size:14px;">${escapeHtml(p.signIns)}</p>
<p style="font-size:14px;">${escapeHtml(p.registrations)}</p>
${h2(t.report.held)}
${p.held.length ? held : list([])}
${h2(t.report.standing)}
${standing}
${h2(t.report.shortOfArticle)}
${list(p.shortOfArticle)}
${h2(t.report.familyStyle)}
${list(p.rounds)}
${h2(t.report.goodDeeds)}
${list(p.goodDeeds)}
${h2(t.report.sports)}
${list(p.instructors)}
${h2(t.report.overdueEquipment)}
${list(p.overdueEquipment)}
${h2(p.nextTitle)}
${list(p.next)}
<p id="ledger" style="font-size:12px;color:#475467;border-top:1px solid #e4e7ec;padding-top:12px;margin-top:24px;overflow-wrap:anywhere;">${escapeHtml(p.ledger)}</p>
</body></html>`;
}

/** The plain-text part: the same phrases, local dates and times (never UTC instants). */
export function renderText(report: ReportModel, w: Wording): string {
  const p = reportPhrases(report, w);
  const { t } = w;
  const bullet = (items: string[]) => (items.length ? items.map((i) => `  - ${i}`) : [`  ${t.none}`]);
  const lines = [
    p.subject,
    report.plan.title,
    p.intro,
    '',
    `${t.report.byCategory} (${t.report.planned} / ${t.report.heldShort}):`,
    ...p.categories.map((c) => `  ${c.label}: ${c.planned} / ${c.held}`),
    p.signIns,
    p.registrations,
    '',
    `${t.report.held}:`,
    ...bullet(
      p.held.map((a) =>
        [
          a.date,
          a.title,
          a.category,
          a.venue,
          a.lecturer,
          `${t.report.heldColumns.signIns} ${a.signIns}`,
          a.summary,
        ]
          .filter(Boolean)
          .join(' | '),
      ),
    ),
    '',
    `${t.report.standing}:`,
    ...p.compliance.map((r) => `  [${r.statusLabel}] ${r.target} — ${r.period}: ${r.actual}${r.was}`),
    '',
    `${t.report.shortOfArticle}:`,
    ...bullet(p.shortOfArticle),
    `${t.report.familyStyle}:`,
    ...bullet(p.rounds),
    `${t.report.goodDeeds}:`,
    ...bullet(p.goodDeeds),
    `${t.report.sports}:`,
    ...bullet(p.instructors),
    `${t.report.overdueEquipment}:`,
    ...bullet(p.overdueEquipment),
    `${p.nextTitle}:`,
    ...bullet(p.next),
    '',
    '--',
    p.ledger,
  ];
  return `${lines.join('\n')}\n`;
}
