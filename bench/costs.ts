import { signDevToken } from '../infra/local/dev-key.js';
import { startDynalite } from '../infra/local/engine.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { type BudgetedCommand, CALL_BUDGETS, overBudget } from './budgets.js';
import { countingProxy } from './counting-proxy.js';
import { reportScale } from './scale.js';
import { summarize } from './stats.js';

/**
 * The DynamoDB traffic of each command, counted on the wire, and what a community-month costs at
 * 1, 100 and 10,000 communities with the seed plan's usage (`cost-model.ts`), fixed costs apart.
 */
export async function benchCosts(report: (line: string) => void) {
  const engine = await startDynalite();
  const proxy = await countingProxy(engine.endpoint);
  const runtime = await startLocalRuntime({ endpoint: proxy.url, logLevel: 'SILENT' });
  const token = await signDevToken(runtime.secret, {
    roles: ['admin', 'organizer'],
    sub: 'bench',
    community: 'bench-cost',
  });
  const call = async (method: string, path: string, body?: unknown, as = token) => {
    const answer = await fetch(runtime.url + path, {
      method,
      headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const measure = async (run: () => Promise<unknown>, times = 5) => {
    await runtime.dispatcher.idle();
    const before = { ...proxy.traffic, byOperation: { ...proxy.traffic.byOperation } };
    const handlerMs: number[] = [];
    const streamMs: number[] = [];
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      await run();
      const answered = performance.now();
      await runtime.dispatcher.idle();
      handlerMs.push(answered - started);
      streamMs.push(performance.now() - answered);
    }
    return {
      // Locally measured durations stand in for billed Lambda time (the HTTP function; projector + publisher).
      handlerMs: summarize(handlerMs).median,
      streamMs: summarize(streamMs).median,
      calls: (proxy.traffic.calls - before.calls) / times,
      writeUnits: (proxy.traffic.writeUnits - before.writeUnits) / times,
      readUnits: (proxy.traffic.readUnits - before.readUnits) / times,
      byOperation: Object.entries(proxy.traffic.byOperation)
        .map(([op, n]) => [op, (n - (before.byOperation[op] ?? 0)) / times] as const)
        .filter(([, n]) => n > 0)
        .map(([op, n]) => `${op} ${n.toFixed(1).replace(/\.0$/, '')}`)
        .join(', '),
    };
  };
  const plan = await call('POST', '/plans', {
    communityName: 'Cost community',
    year: 2026,
    title: 'Cost plan',
  });
  let n = 0;
  const resident = () => call('POST', '/residents', { name: `Resident ${n++}`, householdId: `H-${n % 40}` });
  const residents = await Promise.all(Array.from({ length: 10 }, () => resident()));
  const activity = await call('POST', '/activities', {
    planId: plan.id,
    category: 'sports-fitness',
    format: 'competition',
    title: 'Cost basketball',
    window: { start: '2026-04-20', end: '2026-04-30' },
    venue: 'Court',
    capacity: 500,
  });
  // Five activities to record held (once each), five nominations for one judge to score.
  const activities = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      call('POST', '/activities', {
        planId: plan.id,
        category: 'library-reading',
        format: 'lecture',
        title: `Cost reading ${i}`,
        window: { start: '2026-04-20', end: '2026-04-30' },
      }),
    ),
  );
  const judge = residents[0].id as string;
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const round = await call('POST', '/rounds', {
    planId: plan.id,
    title: 'Cost round',
    criteria: [{ key: 'virtue', label: 'Family virtue', weight: 1 }],
    judges: [judge],
    minJudges: 1,
    nominationsClose: day(7),
    scoringCloses: day(14),
  });
  const nominations: { id: string }[] = [];
  for (const nominee of residents.slice(1, 6))
    nominations.push(
      await call('POST', `/rounds/${round.id}/nominations`, {
        householdId: (await call('GET', `/residents/${nominee.id}`)).householdId,
        familyName: 'Cost family',
        nominatedBy: nominee.id,
        story: 'Neighbours who read together.',
      }),
    );
  const judgeToken = await signDevToken(runtime.secret, {
    roles: ['judge'],
    sub: judge,
    community: 'bench-cost',
  });
  let r = 0;
  let h = 0;
  let s = 0;
  const perCommand = {
    enrolment: await measure(resident),
    'check-in': await measure(
      () =>
        call('POST', `/activities/${activity.id}/attendance`, {
          residentId: residents[r++ % residents.length].id,
          // Months after the window: an organizer's correction (the same reads and writes as any check-in).
          method: 'organizer',
          at: '2026-04-25T10:00:00+08:00',
          correction: { reason: 'bench' },
        }),
      residents.length,
    ),
    'nomination score': await measure(() =>
      call('POST', `/nominations/${nominations[s++]!.id}/scores`, { scores: { virtue: 8 } }, judgeToken),
    ),
    held: await measure(() =>
      call('POST', `/activities/${activities[h++].id}/held`, {
        heldOn: '2026-04-25',
        summary: 'Held as planned.',
        headcount: 20,
      }),
    ),
    'compliance query': await measure(() => call('GET', `/plans/${plan.id}/compliance`)),
    'calendar query': await measure(() =>
      call('GET', `/activities?planId=${plan.id}&from=2026-01-01&to=2026-12-31`),
    ),
  };
  await runtime.close();
  await proxy.close();
  await engine.close();

  report('\n## DynamoDB traffic per command (counted on the wire, projector included)');
  report('| command | DynamoDB calls | budget | write units | read units | handler | stream consumers |');
  report('|---|---|---|---|---|---|---|');
  for (const [name, t] of Object.entries(perCommand))
    report(
      `| ${name} | ${t.calls.toFixed(1)} | ${CALL_BUDGETS[name as BudgetedCommand]} | ${t.writeUnits.toFixed(1)} | ${t.readUnits.toFixed(1)} | ${t.handlerMs.toFixed(1)} ms | ${t.streamMs.toFixed(1)} ms |`,
    );
  report('\n| command | DynamoDB calls by operation and table |');
  report('|---|---|');
  for (const [name, t] of Object.entries(perCommand)) report(`| ${name} | ${t.byOperation} |`);

  reportScale(perCommand, report);
  return perCommand;
}

/** `npx tsx bench/costs.ts`: the calls per command alone, failing as `npm run bench` does when over budget. */
if (process.argv[1]?.endsWith('costs.ts')) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The handlers' EMF lines (one per invocation) would bury the tables.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const over = overBudget(await benchCosts((line) => console.log(line)));
  for (const line of over) console.error(`over budget: ${line}`);
  process.exit(over.length > 0 ? 1 : 0);
}
