import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { activityDecider, activitySnapshots } from '../domain/activity/activity.decider.js';
import { planDecider } from '../domain/plan/plan.decider.js';
import { streamIdOf } from '../domain/shared/ids.js';
import { type Commit, GENESIS_HASH } from '../events/index.js';
import { itemOfCommitBody, sealCommit } from '../functions/adapters/commit-item.js';
import { DynamoDbCommunityMarkers } from '../functions/adapters/dynamodb-community-markers.js';
import { enrollResident } from '../functions/app/resident/residents.commands.js';
import { ulidIds } from '../functions/composition/core.js';
import type { LocalRuntime } from '../infra/local/runtime.js';

/**
 * The clock the whole runtime reads: the bench sets it to the day whose history it writes, and each
 * reading moves it on a little, so commits of a day keep their order.
 */
export const clock = {
  at: 0,
  now() {
    clock.at += 7;
    return new Date(clock.at);
  },
};
export const setDay = (iso: string) => {
  clock.at = Date.parse(iso);
};
const metadata = { actor: 'bench', roles: ['admin'], correlationId: 'bench' };
/** Resident ids as the API issues them (ULIDs): `R0` → `01HB…0000`. */
export const resident = (r: number) => `01HBENCHRES1DENT${String(r).padStart(10, '0')}`;
export const PLAN = '01HBENCHP1AN00000000000000';
const ATTENDEES = 27; // 3 plan commits + 50 × (planned + 27 sign-ins + held) = 1,453 commits, + 30 enrolments

type Runtime = Pick<LocalRuntime, 'deps'>;

/** The measured plan's history (year 2026), the same in every community, written over five days. */
export async function writeMeasuredDay(runtime: Runtime, community: string, day: number) {
  const { deps } = runtime;
  // biome-ignore lint/suspicious/noExplicitAny: one helper for two deciders' commands, checked by the deciders
  const exec = (decider: any, kind: 'plan' | 'activity', id: string, command: any) =>
    deps.commands.execute({
      decider,
      community,
      streamId: streamIdOf(community, kind, id),
      command,
      metadata,
      ...(kind === 'activity' ? { snapshots: activitySnapshots } : {}),
    });
  if (day === 0) {
    const P = { type: 'CreatePlan', planId: PLAN, communityName: 'Bench', year: 2026, title: 'Plan' };
    await exec(planDecider, 'plan', PLAN, { ...P, timeZone: 'Asia/Shanghai' });
    for (const [i, category] of (['party-education', 'festival'] as const).entries())
      await exec(planDecider, 'plan', PLAN, {
        type: 'SetTarget',
        planId: PLAN,
        target: {
          targetId: `t${i}`,
          description: category,
          metric: 'activities-held',
          category,
          minimum: 2,
          per: 'quarter',
        },
      });
    const actor = {
      principal: { sub: 'bench', residentId: 'bench', roles: ['admin'] as never, community },
      correlationId: 'bench',
      idempotencyKey: undefined,
      idempotency: undefined,
      expectedVersion: undefined,
      ids: { issued: () => true },
    };
    for (let r = 0; r < 30; r++)
      await enrollResident(deps as never, actor, {
        residentId: resident(r),
        name: `Resident ${r}`,
        householdId: `H${r % 9}`,
        partyMember: false,
      } as never);
  }
  // Ten activities a day, each planned, signed into and held.
  for (let k = day * 10; k < (day + 1) * 10; k++) {
    const id = `A${k}`;
    const month = String((k % 10) + 1).padStart(2, '0');
    const at = `2026-${month}-05T02:00:00.000Z`;
    await exec(activityDecider, 'activity', id, {
      type: 'PlanActivity',
      activityId: id,
      planId: PLAN,
      plan: { planId: PLAN, year: 2026, timeZone: 'Asia/Shanghai' },
      category: k % 2 ? 'festival' : 'party-education',
      format: 'lecture',
      title: id,
      window: { start: `2026-${month}-05T00:00:00.000Z`, end: `2026-${month}-05T10:00:00.000Z` },
    });
    for (let r = 0; r < ATTENDEES; r++)
      await exec(activityDecider, 'activity', id, {
        type: 'RecordAttendance',
        activityId: id,
        residentId: resident(r),
        residentKnown: true,
        method: 'kiosk',
        at,
        now: at,
      });
    await exec(activityDecider, 'activity', id, {
      type: 'RecordHeld',
      activityId: id,
      heldOn: at,
      summary: 'held',
      now: `2026-${month}-05T11:00:00.000Z`,
    });
  }
}

/**
 * History the measured answers do not show, written straight into the Events table in batches of 25
 * (as the store writes each commit) and applied by the real projector, so views exist: earlier
 * years' plans and activities, signed into by residents no answer lists, recorded in those years.
 */
export async function writeEarlierYears(runtime: Runtime, community: string, commits: number) {
  const { deps } = runtime;
  const client = (deps as unknown as { client: import('@aws-sdk/lib-dynamodb').DynamoDBDocumentClient })
    .client;
  await new DynamoDbCommunityMarkers(client, 'Events').remember(community, new Date('2021-01-01T00:00:00Z'));
  const ids = ulidIds();
  const perActivity = 200;
  const activities = Math.max(0, Math.round(commits / perActivity));
  let pending: Commit[] = [];
  let items: ReturnType<typeof itemOfCommitBody>[] = [];
  const flush = async () => {
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < items.length; i += 25)
      writes.push(
        client.send(
          new BatchWriteCommand({
            RequestItems: { Events: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
          }),
        ),
      );
    await Promise.all(writes);
    await deps.projector.applyBatch(pending, { rethrow: true });
    pending = [];
    items = [];
  };
  for (let a = 0; a < activities; a++) {
    const year = 2021 + Math.floor((a * 5) / Math.max(activities, 1));
    const day = new Date(Date.UTC(year, 0, 2 + (a % 300), 8));
    const planId = `P${year}`;
    const window = { start: day.toISOString(), end: new Date(day.getTime() + 36e5).toISOString() };
    const stream = (kind: 'plan' | 'activity', id: string) => {
      let version = 0;
      let prevHash = GENESIS_HASH;
      let t = day.getTime();
      return (type: string, data: Record<string, unknown>) => {
        const request = {
          community,
          streamId: streamIdOf(community, kind, id),
          expectedVersion: version,
          prevHash,
          events: [{ type, data }],
          metadata,
        };
        t += 10;
        const { body, json, hash } = sealCommit(request as never, new Date(t), ids);
        items.push(itemOfCommitBody(body, json, prevHash, hash));
        const commit = { ...body, prevHash, hash } as Commit;
        version += 1;
        prevHash = hash;
        pending.push(commit);
      };
    };
    if (a === 0 || year !== 2021 + Math.floor(((a - 1) * 5) / activities))
      stream('plan', planId)('PlanCreated', {
        planId,
        communityName: 'Bench',
        year,
        title: planId,
        timeZone: 'UTC',
      });
    const activityId = `OLD${a}`;
    const next = stream('activity', activityId);
    next('ActivityPlanned', {
      activityId,
      planId,
      planYear: year,
      timeZone: 'UTC',
      category: 'festival',
      format: 'lecture',
      title: activityId,
      window,
    });
    // Mostly changes of venue (each applied to the activity's one item), and 10 sign-ins from a pool
    // of 1,000 residents: a view item per commit would make 150,000 commits take many minutes to project.
    for (let v = 0; v < perActivity - 12; v++)
      next('ActivityDetailsChanged', { venue: `Hall ${v}`, reason: 'moved' });
    for (let r = 0; r < 10; r++)
      next('ResidentAttended', { residentId: `X${(a * 10 + r) % 1000}`, method: 'kiosk', at: window.start });
    next('ActivityHeld', { heldOn: window.start, summary: 'held', heldWithinWindow: true });
    if (pending.length >= 1000) await flush();
  }
  await flush();
  return activities * perActivity;
}
