import { describe, expect, it } from 'vitest';
import type { Printable } from '../../../domain/reports/printable.js';
import { signInSheet } from '../../../domain/reports/sign-in-sheet.js';
import { wordingFor } from '../../../domain/reports/wording.js';
import { workLedger } from '../../../domain/reports/work-ledger.js';
import { renderPdf } from '../../../functions/printing/pdf-printer.js';
import { A4, type LayoutMark, MARGIN } from '../../../functions/printing/sheet.js';
import { contentWidths, ROWS_AT_FOOT, unbreakablePieces } from '../../../functions/printing/table.js';
import { latinWords, pdfText, pdftotextAvailable } from './pdf-tools.js';

const zh = wordingFor('zh-CN', 'Asia/Shanghai');
const en = wordingFor('en', 'Asia/Shanghai');

async function laidOut(printable: Printable) {
  const marks: LayoutMark[] = [];
  const pdf = await renderPdf(printable, undefined, (mark) => marks.push(mark));
  return { pdf, marks };
}

/** Every table of a layout as runs of its marks (a table starts at a header on a page with no rows yet). */
function tablesOf(marks: readonly LayoutMark[]) {
  const tables: LayoutMark[][] = [];
  let previous: LayoutMark | undefined;
  for (const mark of marks) {
    if (mark.kind === 'table-header' && (previous?.kind !== 'table-row' || previous.page === mark.page))
      tables.push([]);
    if (mark.kind === 'table-header' || mark.kind === 'table-row') tables.at(-1)?.push(mark);
    previous = mark.kind === 'table-header' || mark.kind === 'table-row' ? mark : undefined;
  }
  return tables;
}

const building = (n: number) => `${n}号楼`;
const registered = Array.from({ length: 80 }, (_, i) => ({
  residentId: `R${i}`,
  name: `${['张', '李', '王', '刘', '陈'][i % 5]}${['伟', '芳', '娜', '敏'][i % 4]}${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁'[Math.floor(i / 20)]}`,
  building: building(1 + ((i * 7) % 12)),
}));
const sheetInput = {
  communityName: '金星社区',
  activity: {
    activityId: 'A1',
    title: '文明学校课堂（2026年12月）',
    category: 'civilization-school' as const,
    format: 'class' as const,
    window: { start: '2026-12-15T11:00:00.000Z', end: '2026-12-15T12:30:00.000Z' },
    venue: '社区综合文化服务站',
    lecturer: '文明学校讲师',
  },
  registered,
  waitlisted: [],
  checkInLink: 'https://ledger.example.org/check-in/A1',
};

describe('paper a committee prints: the layout (issue 25)', () => {
  it('says a window’s day once: 2026年12月15日 19:00–20:30, whole days as dates', () => {
    expect(zh.span('2026-12-15T11:00:00.000Z', '2026-12-15T12:30:00.000Z')).toBe(
      '2026年12月15日 19:00–20:30',
    );
    expect(en.span('2026-12-15T11:00:00.000Z', '2026-12-15T12:30:00.000Z')).toBe(
      'December 15, 2026 19:00–20:30',
    );
    expect(zh.span('2026-04-19T16:00:00.000Z', '2026-04-30T15:59:59.999Z')).toBe(
      '2026年4月20日 – 2026年4月30日',
    );
    expect(zh.span('2026-04-19T16:00:00.000Z', '2026-04-20T15:59:59.999Z')).toBe('2026年4月20日');
    expect(zh.span('2026-04-20T01:00:00.000Z', '2026-04-21T01:00:00.000Z')).toBe(
      '2026年4月20日 09:00 – 2026年4月21日 09:00',
    );
  });

  it('lists the registered residents building by building, then by name', () => {
    const sheet = signInSheet(sheetInput, zh);
    const table = sheet.blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    const buildings = table.rows.map((row) => Number.parseInt(row[2]!, 10));
    expect(buildings).toEqual([...buildings].sort((a, b) => a - b));
    expect(buildings[0]).toBe(1);
    expect(buildings.at(-1)).toBe(12);
  });

  it('prints the sign-in sheet with its QR code and heading on page 1, names from page 1, one date line, and at least a page of empty rows to the foot of the last page', async () => {
    const { pdf, marks } = await laidOut(signInSheet(sheetInput, zh));
    const qr = marks.filter((m) => m.kind === 'qr');
    expect(qr).toHaveLength(1);
    expect(qr[0]!.page).toBe(1);
    expect(marks.find((m) => m.kind === 'heading')!.page).toBe(1);
    const rows = marks.filter((m) => m.kind === 'table-row') as Extract<LayoutMark, { kind: 'table-row' }>[];
    expect(rows.filter((r) => r.page === 1 && r.index < registered.length).length).toBeGreaterThanOrEqual(10);
    const blanks = rows.filter((r) => r.index >= registered.length);
    const perPage = Math.max(
      ...[...new Set(rows.map((r) => r.page))].map((p) => rows.filter((r) => r.page === p).length),
    );
    expect(blanks.length).toBeGreaterThanOrEqual(perPage - 1);
    const last = rows.at(-1)!;
    // The empty rows run to the foot of the page (less than a row's height is left).
    expect(A4.height - MARGIN - (last.y + last.height)).toBeLessThan(last.height);
    // The header again on every page the table reaches.
    for (const page of new Set(rows.map((r) => r.page)))
      expect(marks.some((m) => m.kind === 'table-header' && m.page === page)).toBe(true);
    if (pdftotextAvailable()) {
      const page1 = pdfText(pdf, { first: 1, last: 1 });
      expect(page1).toContain('扫码签到');
      expect(page1).toContain('2026年12月15日 19:00–20:30');
      expect(page1).not.toMatch(/2026年12月15日[\s\S]*2026年12月15日/);
    }
  });

  it('never splits a word it can keep whole: a column is at least as wide as its widest word or date', () => {
    expect(unbreakablePieces('Community library sign-ins')).toEqual(['Community', 'library', 'sign-ins']);
    expect(unbreakablePieces('2026年7月4日 法治讲座')).toEqual(['2026年7月4日', '法', '治', '讲', '座']);
    // Room for every column's natural width: each gets it, the rest by share.
    expect(
      contentWidths(
        [
          { min: 10, max: 40, share: 1 },
          { min: 10, max: 20, share: 3 },
        ],
        100,
      ),
    ).toEqual([50, 50]);
    // Not enough: each gets its widest word, the rest goes to the columns that would wrap.
    const widths = contentWidths(
      [
        { min: 60, max: 300, share: 1 },
        { min: 20, max: 20, share: 5 },
        { min: 40, max: 200, share: 1 },
      ],
      400,
    );
    expect(widths[0]).toBeGreaterThan(60);
    expect(widths[1]).toBe(20);
    expect(widths.reduce((a, b) => a + b)).toBeCloseTo(400);
  });

  it.runIf(pdftotextAvailable())(
    'wraps long English phrases between words: every word read back from the PDF is a word of the document',
    async () => {
      const phrase = (n: number) =>
        `Extraordinarily comprehensive neighbourhood reconciliation workshop number ${n} with representatives of municipal environmental administrations`;
      const { pdf, marks } = await laidOut({
        title: 'Community integrated cultural services work plan: report',
        language: 'en',
        footer: 'Venus community · page {page} of {pages}',
        blocks: [
          {
            kind: 'table',
            columns: [
              { label: 'Date', width: 2 },
              { label: 'Activity', width: 3 },
              { label: 'Category', width: 2 },
              { label: 'Venue', width: 2 },
              { label: 'Lecturer', width: 2 },
              { label: 'Sign-ins', width: 1 },
              { label: 'Summary', width: 4 },
            ],
            rows: Array.from({ length: 30 }, (_, i) => [
              `September ${(i % 28) + 1}, 2026`,
              phrase(i),
              'Science popularization',
              'Community integrated cultural service station',
              'Professor of internationalization',
              String(i * 3),
              `${phrase(i)}: held as planned; residents signed in and the photos and records were filed.`,
            ]),
          },
        ],
      });
      const dictionary = new Set(
        latinWords(
          `${phrase(0)} held as planned residents signed in and the photos records were filed Date Activity Category Venue Lecturer Sign-ins Summary September Science popularization Community integrated cultural service station Professor of internationalization Venus community page of services work plan report`,
        ),
      );
      const read = latinWords(pdfText(pdf));
      expect(read.filter((word) => !dictionary.has(word))).toEqual([]);
      // Header on every page, never fewer than three rows at a page's foot.
      for (const table of tablesOf(marks)) {
        const pages = [...new Set(table.map((m) => m.page))];
        for (const page of pages) {
          expect(table.some((m) => m.kind === 'table-header' && m.page === page)).toBe(true);
          // At least three rows on each page, unless three such rows are more than a page holds.
          const rows = table.filter((m) => m.kind === 'table-row' && m.page === page);
          const three = rows.reduce((most, r) => Math.max(most, r.height), 0) * ROWS_AT_FOOT;
          if (three < A4.height - 2 * MARGIN - 80) expect(rows.length).toBeGreaterThanOrEqual(ROWS_AT_FOOT);
          else expect(rows.length).toBeGreaterThanOrEqual(1);
        }
      }
    },
  );

  it('starts a table on the next page rather than leave one or two rows at the foot of this one', async () => {
    const filler = Array.from({ length: 40 }, () => ({
      kind: 'paragraph' as const,
      text: '按计划开展，居民签到参加，活动照片和记录已归档。',
    }));
    for (let paragraphs = 30; paragraphs <= 40; paragraphs += 1) {
      const { marks } = await laidOut({
        title: '台账',
        language: 'zh-CN',
        footer: '',
        blocks: [
          ...filler.slice(0, paragraphs),
          {
            kind: 'table',
            columns: [
              { label: '序号', width: 1 },
              { label: '姓名', width: 3 },
            ],
            rows: Array.from({ length: 12 }, (_, i) => [String(i + 1), `张伟${i}`]),
          },
        ],
      });
      const rows = marks.filter((m) => m.kind === 'table-row');
      for (const page of new Set(rows.map((r) => r.page)))
        expect(rows.filter((r) => r.page === page).length, `${paragraphs} paragraphs`).toBeGreaterThanOrEqual(
          3,
        );
    }
  });

  it('prints the ledger’s sign-ins counted beside the list, and an organizer’s different headcount only as such', () => {
    const ledger = workLedger(
      {
        communityName: '金星社区',
        planTitle: '2026年社区综合文化服务工作计划',
        year: 2026,
        activities: [
          {
            title: '集中学习',
            category: 'party-education',
            format: 'study-session',
            heldOn: '2026-01-14T06:30:00.000Z',
            summary: '按计划开展',
            headcount: 79,
            signIns: Array.from({ length: 19 }, (_, i) => ({
              name: `张伟${i}`,
              at: '2026-01-14T06:35:00.000Z',
            })),
          },
        ],
        articles: [],
        goodDeeds: [],
      },
      zh,
    );
    const fields = ledger.blocks.find((b) => b.kind === 'fields');
    if (fields?.kind !== 'fields') throw new Error('no fields');
    expect(fields.rows).toContainEqual({ label: '签到人数', value: '19' });
    expect(fields.rows).toContainEqual({ label: '现场清点人数', value: '79（其中 60 人未签到）' });
    expect(fields.rows.some((r) => r.label === '参加人数')).toBe(false);
  });
});
