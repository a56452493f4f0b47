import { activityDecider, activitySnapshots } from '../domain/activity/activity.decider.js';
import { planDecider } from '../domain/plan/plan.decider.js';
import { streamIdOf } from '../domain/shared/ids.js';
import { complianceOf } from '../functions/app/compliance/compliance.queries.js';
import type { Dependencies } from '../functions/local.js';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { ms, ratio, summarize, timeEach } from './stats.js';

/** A check-in on an activity with 5,000 attendees against one with 10: snapshots keep them alike. */
export async function benchLongStream(deps: Dependencies, report: (line: string) => void) {
  const community = 'bench-long';
  const metadata = { actor: 'bench', roles: ['organizer'], correlationId: 'bench' };
  const plan = { planId: 'P', year: 2026, timeZone: 'Asia/Shanghai' };
  const checkIn = (activityId: string, residentId: string) =>
    deps.commands.execute({
      decider: activityDecider,
      community,
      streamId: streamIdOf(community, 'activity', activityId),
      command: {
        type: 'RecordAttendance',
        activityId,
        residentId,
        residentKnown: true,
        method: 'kiosk',
        at: '2026-05-01T02:00:00.000Z',
        now: '2026-05-01T02:05:00.000Z',
      },
      metadata,
      snapshots: activitySnapshots,
    });
  const prepare = async (activityId: string, attendees: number) => {
    await deps.commands.execute({
      decider: activityDecider,
      community,
      streamId: streamIdOf(community, 'activity', activityId),
      command: {
        type: 'PlanActivity',
        activityId,
        planId: 'P',
        plan,
        category: 'library-reading',
        format: 'reading',
        title: activityId,
        window: { start: '2026-01-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' },
      },
      metadata,
      snapshots: activitySnapshots,
    });
    for (let i = 0; i < attendees; i++) await checkIn(activityId, `${activityId}-resident-${i}`);
  };
  const LONG = Number(process.env.BENCH_LONG ?? 5000);
  const M = 100;
  // Each measured short check-in lands on its own activity of exactly 10 attendees.
  for (let i = 0; i < M; i++) await prepare(`short-${i}`, 10);
  await prepare('long', LONG);
  const short: number[] = [];
  const long: number[] = [];
  // Interleaved, so both sides see the same machine state.
  for (let i = 0; i < M; i++) {
    short.push(...(await timeEach(1, () => checkIn(`short-${i}`, 'late'))));
    long.push(...(await timeEach(1, () => checkIn('long', `late-${i}`))));
  }
  const s = summarize(short);
  const l = summarize(long);
  report(`\n## Check-in cost against stream length (command service: load from snapshot, decide, append)`);
  report('| activity | median | p99 | median vs 10 attendees |');
  report('|---|---|---|---|');
  report(`| 10 attendees | ${ms(s.median)} | ${ms(s.p99)} | 1.00× |`);
  report(`| ${LONG} attendees | ${ms(l.median)} | ${ms(l.p99)} | ${ratio(l.median, s.median)} |`);
}

/**
 * The compliance query at ~1k and at ~100k events of history: it reads one row per activity, article
 * and member, so its cost follows the plan's size, not the history's length.
 */
export async function benchCompliance(runtime: LocalRuntime, report: (line: string) => void) {
  const { deps } = runtime;
  const community = 'bench-compliance';
  const metadata = { actor: 'bench', roles: ['admin'], correlationId: 'bench' };
  const planStream = streamIdOf(community, 'plan', 'P');
  await deps.commands.execute({
    decider: planDecider,
    community,
    streamId: planStream,
    metadata,
    command: {
      type: 'CreatePlan',
      planId: 'P',
      communityName: 'Bench',
      year: 2026,
      title: 'Bench plan',
      timeZone: 'Asia/Shanghai',
    },
  });
  const categories = ['party-education', 'legal-education', 'civilization-school', 'festival'] as const;
  for (const [i, category] of categories.entries()) {
    await deps.commands.execute({
      decider: planDecider,
      community,
      streamId: planStream,
      metadata,
      command: {
        type: 'SetTarget',
        planId: 'P',
        target: {
          targetId: `t${i}`,
          description: category,
          metric: 'activities-held',
          category,
          minimum: 2,
          per: i % 2 ? 'month' : 'quarter',
        },
      },
    });
  }
  for (let i = 0; i < 60; i++) {
    const activityId = `A${String(i).padStart(3, '0')}`;
    const streamId = streamIdOf(community, 'activity', activityId);
    const month = String((i % 12) + 1).padStart(2, '0');
    await deps.commands.execute({
      decider: activityDecider,
      community,
      streamId,
      metadata,
      command: {
        type: 'PlanActivity',
        activityId,
        planId: 'P',
        plan: { planId: 'P', year: 2026, timeZone: 'Asia/Shanghai' },
        category: categories[i % 4]!,
        format: 'lecture',
        title: activityId,
        window: { start: `2026-${month}-01T00:00:00.000Z`, end: `2026-${month}-20T00:00:00.000Z` },
      },
    });
    await deps.commands.execute({
      decider: activityDecider,
      community,
      streamId,
      metadata,
      command: {
        type: 'RecordHeld',
        activityId,
        heldOn: `2026-${month}-10T00:00:00.000Z`,
        summary: 'held',
        now: `2026-${month}-10T02:00:00.000Z`,
      },
    });
  }
  // History padded to ~1k and then ~100k events, 50 a commit, in streams the plan's compliance
  // does not read (endorsements of other rounds' nominations): the question is whether the query's
  // cost follows the history's length. (Padding with sign-ins answers the same but takes minutes to project.)
  let padStreams = 0;
  const pad = async (events: number) => {
    for (let written = 0; written < events; written += 50) {
      const streamId = streamIdOf(community, 'nomination', `PAD${padStreams++}`);
      const batch = Array.from({ length: 50 }, (_, k) => ({
        type: 'NominationEndorsed',
        data: { residentId: `R${k}` },
      }));
      await deps.events.append({
        community,
        streamId,
        expectedVersion: 0,
        prevHash: '0'.repeat(64),
        events: batch,
        metadata,
      });
    }
    await runtime.dispatcher.idle();
  };
  const measure = async () =>
    summarize(
      await timeEach(50, () => complianceOf(deps.views, community, 'P', new Date('2026-12-31T00:00:00Z'))),
    );
  await pad(800);
  const small = await measure();
  await pad(99_000);
  const large = await measure();
  report('\n## Compliance query against history length (60 activities, 4 targets, 32 period rows)');
  report('| history | median | p99 | median vs ~1k events |');
  report('|---|---|---|---|');
  report(`| ~1k events | ${ms(small.median)} | ${ms(small.p99)} | 1.00× |`);
  report(`| ~100k events | ${ms(large.median)} | ${ms(large.p99)} | ${ratio(large.median, small.median)} |`);
}
