import { describe, expect, it } from 'vitest';
import type { ArticleDetail } from '../../../domain/article/article.view.js';
import { evaluateCompliance } from '../../../domain/compliance/compliance.js';
import type { ActivityComplianceRow, PlanTargetsRow } from '../../../domain/compliance/compliance.view.js';
import { periodBounds, periodOf, resolveInstant } from '../../../domain/shared/time.js';
import type { Target } from '../../../events/index.js';

const TZ = 'Asia/Shanghai';
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const early = sh('2026-01-01T08:00:00');

const target = (
  t: Partial<Target> & Pick<Target, 'targetId' | 'metric' | 'minimum' | 'per'>,
  recordedAt = early,
) => ({
  description: t.targetId,
  ...t,
  recordedAt,
});

let n = 0;
function activity(
  partial: Partial<ActivityComplianceRow> & { window: [string, string] },
): ActivityComplianceRow {
  const { window, ...rest } = partial;
  return {
    activityId: `A${++n}`,
    planId: 'P',
    category: 'party-education',
    format: 'study-session',
    plannedAt: early,
    windows: [
      {
        window: {
          start: resolveInstant(window[0], TZ).toISOString(),
          end: resolveInstant(window[1], TZ, 'end').toISOString(),
        },
        recordedAt: early,
      },
    ],
    attendance: 0,
    signedIn: [],
    ...rest,
  };
}
const held = (
  heldOn: string,
  extra: Partial<NonNullable<ActivityComplianceRow['held']>> = {},
  recordedAt = heldOn,
) => ({
  heldOn,
  heldWithinWindow: true,
  summary: 'done',
  recordedAt,
  ...extra,
});

const plan = (history: PlanTargetsRow['history']): PlanTargetsRow => ({
  planId: 'P',
  year: 2026,
  timeZone: TZ,
  history,
});
const facts = (
  history: PlanTargetsRow['history'],
  activities: ActivityComplianceRow[],
  extra: { articles?: ArticleDetail[]; members?: { residentId: string; since: string }[] } = {},
) => ({
  plan: plan(history),
  activities,
  articles: extra.articles ?? [],
  members: extra.members ?? [],
});
const row = (items: ReturnType<typeof evaluateCompliance>, targetId: string, period: string) =>
  items.find((i) => i.targetId === targetId && i.period === period)!;

describe('periods in the plan’s time zone', () => {
  it('counts 23:30 on 31 March (Shanghai) in Q1 and in March, and 00:00 on 1 April in Q2', () => {
    expect(periodOf(new Date(sh('2026-03-31T23:30:00')), TZ, 'quarter')).toBe('2026-Q1');
    expect(periodOf(new Date(sh('2026-03-31T23:30:00')), TZ, 'month')).toBe('2026-03');
    expect(periodOf(new Date(sh('2026-04-01T00:00:00')), TZ, 'quarter')).toBe('2026-Q2');
    expect(periodBounds('2026-Q1', TZ)).toMatchObject({
      start: new Date('2025-12-31T16:00:00Z'),
      end: new Date('2026-03-31T16:00:00Z'),
    });
    expect(periodBounds('2026-02', TZ).end).toEqual(new Date('2026-02-28T16:00:00Z'));
    expect(periodBounds('2026', TZ).end).toEqual(new Date('2026-12-31T16:00:00Z'));
  });
});

describe('compliance engine', () => {
  const studyPerQuarter = target({
    targetId: 'study',
    metric: 'activities-held',
    category: 'party-education',
    format: 'study-session',
    minimum: 2,
    per: 'quarter',
  });

  it('activities-held per quarter: met, missed, open and at-risk, with evidence', () => {
    const q1a = activity({ window: ['2026-01-05', '2026-01-20'], held: held(sh('2026-01-10T19:00:00')) });
    const q1b = activity({ window: ['2026-03-20', '2026-03-31'], held: held(sh('2026-03-31T23:30:00')) }); // Q1, local time
    const q2 = activity({ window: ['2026-04-05', '2026-04-20'], held: held(sh('2026-04-10T19:00:00')) });
    const q3planned = activity({ window: ['2026-08-01', '2026-08-31'] });
    const q3plannedB = activity({ window: ['2026-09-01', '2026-09-20'] });
    const q4planned = activity({ window: ['2026-11-01', '2026-11-30'] });
    const seminar = activity({
      format: 'seminar',
      window: ['2026-01-05', '2026-01-20'],
      held: held(sh('2026-01-12T19:00:00')),
    });
    const items = evaluateCompliance(
      facts([studyPerQuarter], [q1a, q1b, q2, q3planned, q3plannedB, q4planned, seminar]),
      new Date(sh('2026-07-15T12:00:00')),
    );
    expect(row(items, 'study', '2026-Q1')).toMatchObject({
      status: 'met',
      required: 2,
      actual: 2,
      evidence: [q1a.activityId, q1b.activityId],
    });
    expect(row(items, 'study', '2026-Q2')).toMatchObject({
      status: 'missed',
      actual: 1,
      evidence: [q2.activityId],
    });
    expect(row(items, 'study', '2026-Q3')).toMatchObject({ status: 'open', actual: 0, evidence: [] });
    expect(row(items, 'study', '2026-Q4')).toMatchObject({ status: 'at-risk', actual: 0 });
  });

  it('an activity planned but cancelled, or whose window has passed unheld, cannot save a period', () => {
    const cancelled = activity({
      window: ['2026-08-01', '2026-08-10'],
      cancelledAt: sh('2026-07-01T00:00:00'),
    });
    const passed = activity({ window: ['2026-07-01', '2026-07-10'] });
    const ahead = activity({ window: ['2026-09-01', '2026-09-10'] });
    const items = evaluateCompliance(
      facts([studyPerQuarter], [cancelled, passed, ahead]),
      new Date(sh('2026-07-15T12:00:00')),
    );
    expect(row(items, 'study', '2026-Q3').status).toBe('at-risk');
  });

  it('per year and per month', () => {
    const perYear = target({
      targetId: 'legal',
      metric: 'activities-held',
      category: 'legal-education',
      minimum: 2,
      per: 'year',
    });
    const perMonth = target({
      targetId: 'school',
      metric: 'activities-held',
      category: 'civilization-school',
      minimum: 1,
      per: 'month',
    });
    const legal = activity({
      category: 'legal-education',
      format: 'lecture',
      window: ['2026-02-01', '2026-02-28'],
      held: held(sh('2026-02-10T10:00:00')),
    });
    const school = activity({
      category: 'civilization-school',
      format: 'class',
      window: ['2026-02-01', '2026-02-28'],
      held: held(sh('2026-02-27T10:00:00')),
    });
    const items = evaluateCompliance(
      facts([perYear, perMonth], [legal, school]),
      new Date(sh('2026-03-05T00:00:00')),
    );
    expect(row(items, 'legal', '2026')).toMatchObject({ status: 'at-risk', actual: 1, required: 2 });
    expect(items.filter((i) => i.targetId === 'school').map((i) => i.period)).toHaveLength(12);
    expect(row(items, 'school', '2026-01').status).toBe('missed');
    expect(row(items, 'school', '2026-02')).toMatchObject({ status: 'met', evidence: [school.activityId] });
    expect(row(items, 'school', '2026-03').status).toBe('at-risk');
  });

  it('held-within-window counts only activities held inside their window', () => {
    const t = target({
      targetId: 'festivals',
      metric: 'held-within-window',
      category: 'festival',
      minimum: 2,
      per: 'year',
    });
    const inside = activity({
      category: 'festival',
      format: 'performance',
      window: ['2026-05-20', '2026-06-01'],
      held: held(sh('2026-06-01T18:00:00')),
    });
    const outside = activity({
      category: 'festival',
      format: 'competition',
      window: ['2026-04-20', '2026-04-30'],
      held: held(sh('2026-05-03T10:00:00'), { heldWithinWindow: false }),
    });
    const items = evaluateCompliance(facts([t], [inside, outside]), new Date(sh('2026-12-31T23:59:00')));
    expect(row(items, 'festivals', '2026')).toMatchObject({
      actual: 1,
      evidence: [inside.activityId],
      status: 'at-risk',
    });
  });

  it('record-complete needs a lecturer, a sign-in, a training plan and a summary', () => {
    const t = target({
      targetId: 'records',
      metric: 'record-complete',
      category: 'civilization-school',
      minimum: 1,
      per: 'month',
    });
    const signedIn = [{ from: sh('2026-01-15T09:00:00') }];
    const complete = activity({
      category: 'civilization-school',
      format: 'class',
      window: ['2026-01-10', '2026-01-20'],
      plannedLecturer: 'Teacher Lin',
      attendance: 3,
      signedIn,
      held: held(sh('2026-01-15T10:00:00'), { trainingPlan: 'plan' }),
    });
    const noPlan = activity({
      category: 'civilization-school',
      format: 'class',
      window: ['2026-02-10', '2026-02-20'],
      attendance: 3,
      signedIn: [{ from: sh('2026-02-15T09:00:00') }],
      held: held(sh('2026-02-15T10:00:00'), { lecturer: 'Teacher Lin' }),
    });
    const nobody = activity({
      category: 'civilization-school',
      format: 'class',
      window: ['2026-03-10', '2026-03-20'],
      plannedLecturer: 'Teacher Lin',
      held: held(sh('2026-03-15T10:00:00'), { trainingPlan: 'plan' }),
    });
    const revokedAll = activity({
      category: 'civilization-school',
      format: 'class',
      window: ['2026-04-10', '2026-04-20'],
      plannedLecturer: 'x',
      attendance: 0,
      signedIn: [{ from: sh('2026-04-15T09:00:00'), to: sh('2026-04-16T09:00:00') }],
      held: held(sh('2026-04-15T10:00:00'), { trainingPlan: 'p' }),
    });
    const items = evaluateCompliance(
      facts([t], [complete, noPlan, nobody, revokedAll]),
      new Date(sh('2026-06-01T00:00:00')),
    );
    expect(row(items, 'records', '2026-01')).toMatchObject({
      status: 'met',
      evidence: [complete.activityId],
    });
    expect(row(items, 'records', '2026-02').status).toBe('missed');
    expect(row(items, 'records', '2026-03').status).toBe('missed');
    expect(row(items, 'records', '2026-04').status).toBe('missed');
    // As of the day the April class still had its sign-in, it was complete.
    expect(
      row(
        evaluateCompliance(facts([t], [revokedAll]), new Date(sh('2026-04-15T12:00:00'))),
        'records',
        '2026-04',
      ).status,
    ).toBe('met');
  });

  it('articles-per-member lists members short of a quality article', () => {
    const t = target({ targetId: 'articles', metric: 'articles-per-member', minimum: 1, per: 'year' });
    const article = (
      authorId: string,
      kind: ArticleDetail['kind'],
      reviews: ArticleDetail['reviews'],
    ): ArticleDetail => ({
      articleId: `ART-${authorId}-${kind}`,
      planId: 'P',
      authorId,
      kind,
      title: 't',
      body: { sha256: '0'.repeat(64), bytes: 1 },
      status: reviews.at(-1)?.verdict ?? 'submitted',
      submittedAt: sh('2026-03-01T00:00:00'),
      revisions: 0,
      reviews,
    });
    const quality = (at: string) => ({ verdict: 'quality' as const, reviewerId: 'o', recordedAt: sh(at) });
    const members = [
      { residentId: 'M1', since: early },
      { residentId: 'M2', since: early },
      { residentId: 'M3', since: early },
    ];
    const articles = [
      article('M1', 'theory-article', [quality('2026-04-01T10:00:00')]),
      article('M2', 'reading-essay', [quality('2026-04-01T10:00:00')]), // essays do not count
      article('M3', 'research-report', [
        { verdict: 'needs-revision', reviewerId: 'o', recordedAt: sh('2026-04-01T10:00:00') },
      ]),
    ];
    const now = evaluateCompliance(
      facts([t], [], { articles, members }),
      new Date(sh('2026-06-01T00:00:00')),
    );
    expect(row(now, 'articles', '2026')).toMatchObject({
      status: 'open',
      required: 3,
      actual: 1,
      shortMembers: ['M2', 'M3'],
      evidence: ['ART-M1-theory-article'],
      minimumPerMember: 1,
    });
    const ended = evaluateCompliance(
      facts([t], [], { articles, members }),
      new Date(sh('2027-01-05T00:00:00')),
    );
    expect(row(ended, 'articles', '2026').status).toBe('missed');
    const allGood = evaluateCompliance(
      facts([t], [], { articles: [articles[0]!], members: [members[0]!] }),
      new Date(sh('2026-06-01T00:00:00')),
    );
    expect(row(allGood, 'articles', '2026').status).toBe('met');
  });

  it('articles-per-member counts an article in the quarter it was written, once its quality verdict is recorded (issue 25)', () => {
    const t = target({ targetId: 'articles', metric: 'articles-per-member', minimum: 1, per: 'quarter' });
    const dated = (authorId: string, writtenOn: string | undefined, submittedAt: string): ArticleDetail => ({
      articleId: `ART-${authorId}`,
      planId: 'P',
      authorId,
      kind: 'theory-article',
      title: 't',
      body: { sha256: '0'.repeat(64), bytes: 1 },
      ...(writtenOn ? { writtenOn } : {}),
      status: 'quality',
      submittedAt: sh(submittedAt),
      revisions: 0,
      reviews: [
        {
          verdict: 'quality',
          reviewerId: 'o',
          reviewedOn: '2026-04-20',
          recordedAt: sh('2026-04-20T10:00:00'),
        },
      ],
    });
    const members = ['M1', 'M2', 'M3'].map((residentId) => ({ residentId, since: early }));
    const articles = [
      // Written on 31 March in Shanghai (still Q1 there), entered in May.
      dated('M1', '2026-03-31', '2026-05-02T09:00:00'),
      dated('M2', '2026-04-03', '2026-05-02T09:00:00'),
      // Recorded before articles were dated: the day it was recorded is its day.
      dated('M3', undefined, '2026-02-10T09:00:00'),
    ];
    const items = evaluateCompliance(
      facts([t], [], { articles, members }),
      new Date(sh('2026-06-01T00:00:00')),
    );
    expect(row(items, 'articles', '2026-Q1')).toMatchObject({
      evidence: ['ART-M1', 'ART-M3'],
      shortMembers: ['M2'],
    });
    expect(row(items, 'articles', '2026-Q2')).toMatchObject({
      evidence: ['ART-M2'],
      shortMembers: ['M1', 'M3'],
    });
    // As of 10 April nothing was known of them yet: the verdict was recorded on 20 April.
    const before = evaluateCompliance(
      facts([t], [], { articles, members }),
      new Date(sh('2026-04-10T00:00:00')),
    );
    expect(row(before, 'articles', '2026-Q1')).toMatchObject({ evidence: [], status: 'missed' });
  });

  it('as of an instant: ignores what was recorded later, even back-dated, and uses the targets as they were', () => {
    const backDated = activity({
      window: ['2026-01-05', '2026-01-20'],
      held: held(sh('2026-01-10T19:00:00'), {}, sh('2026-05-01T09:00:00')),
    });
    const onTime = activity({ window: ['2026-01-05', '2026-01-20'], held: held(sh('2026-01-12T19:00:00')) });
    const changed = [
      studyPerQuarter,
      { ...studyPerQuarter, minimum: 1, recordedAt: sh('2026-06-15T09:00:00') },
    ];
    const asOfMarch = evaluateCompliance(
      facts(changed, [backDated, onTime]),
      new Date(sh('2026-03-01T00:00:00')),
    );
    // The back-dated session was not yet recorded, and nothing else is planned in what is left of Q1.
    expect(row(asOfMarch, 'study', '2026-Q1')).toMatchObject({
      actual: 1,
      evidence: [onTime.activityId],
      required: 2,
      status: 'at-risk',
    });
    expect(row(asOfMarch, 'study', '2026-Q3').required).toBe(2);
    const now = evaluateCompliance(facts(changed, [backDated, onTime]), new Date(sh('2026-07-01T00:00:00')));
    // Q1 and Q2 ended before the change: they keep the minimum of 2. Q3 onwards: 1.
    expect(row(now, 'study', '2026-Q1')).toMatchObject({ actual: 2, required: 2, status: 'met' });
    expect(row(now, 'study', '2026-Q2')).toMatchObject({ required: 1, status: 'missed' });
    expect(row(now, 'study', '2026-Q3').required).toBe(1);
    // A target that did not exist yet has no rows.
    const before = evaluateCompliance(
      facts(
        [
          target(
            { targetId: 'late', metric: 'activities-held', category: 'festival', minimum: 1, per: 'year' },
            sh('2026-09-01T00:00:00'),
          ),
        ],
        [],
      ),
      new Date(sh('2026-08-01T00:00:00')),
    );
    expect(before).toEqual([]);
  });

  it('a target first set in November judges its whole year (the plan’s commitments), closed quarters included', () => {
    const q2Session = activity({
      window: ['2026-05-05', '2026-05-20'],
      held: held(sh('2026-05-12T19:00:00')),
    });
    const late = target(
      {
        targetId: 'legal',
        metric: 'activities-held',
        category: 'legal-education',
        minimum: 1,
        per: 'quarter',
      },
      sh('2026-11-20T09:00:00'),
    );
    const items = evaluateCompliance(
      facts([late], [{ ...q2Session, category: 'legal-education' }]),
      new Date(sh('2026-11-29T12:00:00')),
    );
    expect(row(items, 'legal', '2026-Q1')).toMatchObject({ required: 1, actual: 0, status: 'missed' });
    expect(row(items, 'legal', '2026-Q2')).toMatchObject({ required: 1, actual: 1, status: 'met' });
    expect(row(items, 'legal', '2026-Q3')).toMatchObject({ status: 'missed' });
    expect(row(items, 'legal', '2026-Q4').status).not.toBe('missed');
  });
});
