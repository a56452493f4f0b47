import { randomUUID } from 'node:crypto';
import { signDevToken } from '../infra/local/dev-key.js';
import type { LocalRuntime } from '../infra/local/runtime.js';

/** The budgeted commands, each runnable `times` times on a scene set for it. */
export type SceneCommand =
  | 'enrolment'
  | 'check-in'
  | 'nomination score'
  | 'held'
  | 'compliance query'
  | 'calendar query';

export interface Scene {
  /** Runs the command once more (on a resident, activity or nomination not yet used), with or without a key. */
  readonly run: Record<SceneCommand, (withIdempotencyKey?: boolean) => Promise<unknown>>;
}

/**
 * A plan with what each budgeted command acts on, `times` over (each run of a command acts on a
 * stream of its own where repeating would change nothing: a check-in, a held record, a score).
 */
export async function benchScene(runtime: LocalRuntime, community: string, times: number): Promise<Scene> {
  const token = await signDevToken(runtime.secret, {
    roles: ['admin', 'organizer'],
    sub: 'bench',
    community,
  });
  const call = async (method: string, path: string, body?: unknown, as = token, key?: boolean) => {
    const answer = await fetch(runtime.url + path, {
      method,
      headers: {
        authorization: `Bearer ${as}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': randomUUID() } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const plan = await call('POST', '/plans', { communityName: 'Bench community', year: 2026, title: 'Plan' });
  let n = 0;
  const resident = (key?: boolean) =>
    call('POST', '/residents', { name: `Resident ${n++}`, householdId: `H-${n}` }, token, key);
  const residents = await Promise.all(Array.from({ length: Math.max(times + 1, 6) }, () => resident()));
  const activity = await call('POST', '/activities', {
    planId: plan.id,
    category: 'sports-fitness',
    format: 'competition',
    title: 'Bench basketball',
    window: { start: '2026-04-20', end: '2026-04-30' },
    venue: 'Court',
    capacity: 5000,
  });
  const activities = await Promise.all(
    Array.from({ length: times }, (_, i) =>
      call('POST', '/activities', {
        planId: plan.id,
        category: 'library-reading',
        format: 'lecture',
        title: `Bench reading ${i}`,
        window: { start: '2026-04-20', end: '2026-04-30' },
      }),
    ),
  );
  const judge = residents[0].id as string;
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const round = await call('POST', '/rounds', {
    planId: plan.id,
    title: 'Bench round',
    criteria: [{ key: 'virtue', label: 'Family virtue', weight: 1 }],
    judges: [judge],
    minJudges: 1,
    nominationsClose: day(7),
    scoringCloses: day(14),
  });
  const nominations: { id: string }[] = [];
  for (let i = 0; i < times; i++) {
    const nominee = residents[1 + (i % (residents.length - 1))];
    nominations.push(
      await call('POST', `/rounds/${round.id}/nominations`, {
        householdId: (await call('GET', `/residents/${nominee.id}`)).householdId,
        familyName: `Bench family ${i}`,
        nominatedBy: nominee.id,
        story: 'Neighbours who read together.',
      }),
    );
  }
  const judgeToken = await signDevToken(runtime.secret, { roles: ['judge'], sub: judge, community });
  let r = 0;
  let h = 0;
  let s = 0;
  return {
    run: {
      enrolment: resident,
      'check-in': (key) =>
        call(
          'POST',
          `/activities/${activity.id}/attendance`,
          {
            residentId: residents[r++ % residents.length].id,
            // Months after the window: an organizer's correction (the same reads and writes as any check-in).
            method: 'organizer',
            at: '2026-04-25T10:00:00+08:00',
            correction: { reason: 'bench' },
          },
          token,
          key,
        ),
      'nomination score': (key) =>
        call(
          'POST',
          `/nominations/${nominations[s++ % nominations.length]!.id}/scores`,
          { scores: { virtue: 8 } },
          judgeToken,
          key,
        ),
      held: (key) =>
        call(
          'POST',
          `/activities/${activities[h++ % activities.length].id}/held`,
          { heldOn: '2026-04-25', summary: 'Held as planned.', headcount: 20 },
          token,
          key,
        ),
      'compliance query': () => call('GET', `/plans/${plan.id}/compliance`),
      'calendar query': () => call('GET', `/activities?planId=${plan.id}&from=2026-01-01&to=2026-12-31`),
    },
  };
}
