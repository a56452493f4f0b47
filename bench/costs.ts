import { startDynalite } from '../infra/local/engine.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { type BudgetedCommand, CALL_BUDGETS, overBudget } from './budgets.js';
import { countingProxy } from './counting-proxy.js';
import { reportScale } from './scale.js';
import { benchScene } from './scene.js';
import { summarize } from './stats.js';

/**
 * The DynamoDB traffic of each command, counted on the wire, and what a community-month costs at
 * 1, 100 and 10,000 communities with the seed plan's usage (`cost-model.ts`), fixed costs apart.
 */
export async function benchCosts(report: (line: string) => void) {
  const engine = await startDynalite();
  const proxy = await countingProxy(engine.endpoint);
  const runtime = await startLocalRuntime({ endpoint: proxy.url, logLevel: 'SILENT' });
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
  const { run } = await benchScene(runtime, 'bench-cost', 10);
  const perCommand = {
    enrolment: await measure(() => run.enrolment()),
    'check-in': await measure(() => run['check-in'](), 10),
    'nomination score': await measure(() => run['nomination score']()),
    held: await measure(() => run.held()),
    'compliance query': await measure(() => run['compliance query']()),
    'calendar query': await measure(() => run['calendar query']()),
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
