import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '../../../domain/reports/locale.js';
import { renderHtml, renderText, reportSubject } from '../../../domain/reports/render.js';
import { catalogues, wordingFor } from '../../../domain/reports/wording.js';
import { categories, formats } from '../../../events/index.js';
import { reportModel } from '../../support/report-model.js';

/** Every leaf of a catalogue: strings as they are, functions called with sample arguments. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (typeof value === 'function') {
    const sample =
      value.length === 1 ? [{ kind: 'quarter', year: 2026, quarter: 3 }] : ['甲', 'B', 'C', 'D', 'E'];
    return [
      [
        path,
        (value as (...a: unknown[]) => unknown)(...(path === '.period' ? sample : ['甲', 2, 'C', 'D', 'E'])),
      ],
    ];
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [[path, value]];
}

describe('the message catalogues (zh-CN, en)', () => {
  const zh = leaves(catalogues['zh-CN']);
  const en = leaves(catalogues.en);

  it('have the same keys, and no empty message', () => {
    expect(zh.map(([k]) => k)).toEqual(en.map(([k]) => k));
    for (const [key, text] of [...zh, ...en]) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
    }
  });

  it('name every category and format (Chinese in zh-CN), so no slug reaches a reader', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const c of categories) expect(catalogues[locale].category[c], c).not.toMatch(/^[a-z-]+$/);
      for (const f of formats) expect(catalogues[locale].format[f], f).toBeTruthy();
    }
    for (const c of categories) expect(catalogues['zh-CN'].category[c]).toMatch(/\p{Script=Han}/u);
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'zh-CN', 'zh-CN'],
    ['en', 'zh-CN', 'en'],
    ['en-GB,en;q=0.9', 'zh-CN', 'en'],
    ['zh-TW', 'en', 'zh-CN'],
    ['zh-Hans-CN;q=0.8, en;q=0.9', 'zh-CN', 'en'],
    ['fr, de;q=0.5', 'en', 'en'],
    ['fr, *;q=0.1', 'zh-CN', 'zh-CN'],
    ['en;q=0, zh', 'en', 'zh-CN'],
    [';;;,,q=x', 'en', 'en'],
  ] as const)('%j with plan locale %s reads %s', (header, fallback, expected) => {
    expect(negotiateLocale(header, fallback)).toBe(expected);
  });
});

describe('the report, worded for its reader', () => {
  const report = reportModel({
    compliance: [
      {
        targetId: 'legal',
        description: '每季度开展法治教育',
        metric: 'activities-held',
        period: '2026-Q3',
        required: 1,
        actual: 1,
        status: 'met',
        evidence: ['A1'],
        previousStatus: 'open',
        changed: true,
      },
    ],
    categories: [
      { category: 'legal-education', planned: 2, held: 1 },
      { category: 'festival', planned: 1, held: 0 },
    ],
    held: [
      {
        activityId: 'A1',
        title: '宪法宣传日讲座',
        category: 'legal-education',
        format: 'lecture',
        heldOn: '2026-09-30T17:30:00.000Z',
        venue: '社区活动中心',
        lecturer: '王律师',
        signIns: 23,
        registered: 24,
        headcount: 25,
        summary: '讲解宪法基本知识',
      },
    ],
    rounds: [
      {
        roundId: 'R',
        title: '好家风评选',
        state: 'scoring',
        nominations: 3,
        leaders: [
          { nominationId: 'N1', familyName: '黄家', householdId: 'H-12', final: 48.8 },
          { nominationId: 'N2', familyName: '黄家', householdId: 'H-30', final: 42.35 },
          { nominationId: 'N3', familyName: '李家', householdId: 'H-31', final: 40 },
        ],
      },
    ],
  });
  const zh = renderHtml(report, wordingFor('zh-CN', 'Asia/Shanghai'));
  const en = renderHtml(report, wordingFor('en', 'Asia/Shanghai'));

  it('reads in Chinese: headings, categories, period, the held activity on its local date', () => {
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('本期开展的活动');
    expect(zh).toContain('法治教育');
    expect(zh).not.toContain('>legal-education<');
    expect(zh).toContain('2026年第三季度');
    // 17:30 UTC on 30 September is 1 October in Shanghai.
    expect(zh).toContain('2026年10月1日');
    expect(zh).toContain('王律师');
    expect(zh).toContain('讲解宪法基本知识');
    expect(reportSubject(report, wordingFor('zh-CN', 'Asia/Shanghai'))).toBe(
      'Demo：2026年第三季度文化服务工作报告',
    );
  });

  it('reads in English with Accept-Language: en', () => {
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Activities held');
    expect(en).toContain('Legal education');
    expect(en).toContain('Q3 2026');
  });

  it('shows a category held 0 times with its "0", and keeps a period on one line', () => {
    const festival = zh.slice(zh.indexOf('data-category="festival"'));
    expect(festival.slice(0, festival.indexOf('</tr></table></td></tr>') + 30)).toMatch(/>0<\/td>/);
    expect(zh).toMatch(/white-space:nowrap;">2026年第三季度/);
  });

  it('tells apart two households of the same family name, and names the ledger digest', () => {
    expect(zh).toContain('黄家（户号 H-12）');
    expect(zh).toContain('黄家（户号 H-30）');
    expect(zh).toContain('黄家（户号 H-12）（48.80 分）、黄家（户号 H-30）（42.35 分）、李家（40.00 分）');
    expect(zh).toContain('a'.repeat(64));
    expect(en).toContain('黄家 (household H-12) (48.80), 黄家 (household H-30) (42.35), 李家 (40.00)');
  });

  it('the text part prints local dates and times, never a UTC instant', () => {
    const text = renderText(report, wordingFor('zh-CN', 'Asia/Shanghai'));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).toContain('2026年10月1日');
    expect(text).toContain('a'.repeat(64));
  });
});
