import { pathToFileURL } from 'node:url';
import { writeMissingDigests } from '../functions/app/audit/digests.commands.js';
import { readWholeHistory } from '../functions/app/audit/history.js';
import { signDevToken } from '../infra/local/dev-key.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { clock, PLAN, resident, setDay, writeEarlierYears, writeMeasuredDay } from './history-builder.js';
import { ms, ratio, summarize, timeEach } from './stats.js';

/** Items read per answer, split by table: the views it shows, and the history it names. */
interface ItemsRead {
  views: number;
  events: number;
}

const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];

/** The answers the issue names, each over HTTP as a committee member asks it. */
const ANSWERS = [
  // A year's calendar reads by start from a month before 1 January; windows of the year before
  // lasting longer (they may still reach 1 January) come from that plan year's few long windows.
  ['calendar (a year)', '/activities?from=2026-01-01&to=2026-12-31', 'application/json'],
  ['calendar (a month)', '/activities?from=2026-06-01&to=2026-06-30', 'application/json'],
  ['participation', `/residents/${resident(0)}/participation`, 'application/json'],
  ['report (JSON)', `/reports/${PLAN}?period=2026`, 'application/json'],
  ['report (PDF)', `/reports/${PLAN}?period=2026-Q2`, 'application/pdf'],
  ['year ledger (PDF)', `/plans/${PLAN}/ledger?year=2026`, 'application/pdf'],
] as const;

/**
 * Answer times at 1,500 commits against the same community's answers with earlier years piled under
 * them (issue 24: ≤ 1.5×). Returns what is over budget.
 */
export async function benchHistorySize(report: (line: string) => void): Promise<string[]> {
  setDay('2021-01-01T00:00:00Z');
  // Items the engine read for the queries function (Query and BatchGetItem answers): a read that
  // grows with the history shows here whatever the machine's timing noise.
  let counting: ItemsRead | undefined;
  const awsCalls =
    (fn: string) => (call: { input: Record<string, unknown>; output?: Record<string, unknown> }) => {
      if (!counting || fn !== 'queries' || !call.output) return;
      const add = (table: unknown, n: number) => {
        if (table === 'Events') counting!.events += n;
        else counting!.views += n;
      };
      const { ScannedCount, Count, Items, Item, Responses } = call.output;
      add(
        call.input.TableName,
        Number(ScannedCount ?? Count ?? (Items as unknown[] | undefined)?.length ?? (Item ? 1 : 0)),
      );
      for (const [table, list] of Object.entries((Responses ?? {}) as Record<string, unknown[]>))
        add(table, list.length);
    };
  const runtime = await startLocalRuntime({ logLevel: 'SILENT', clock, awsCalls: awsCalls as never });
  // The issue's line: 150,000 commits in one community against 1,500 (BENCH_HISTORY=15000 for a quick look).
  const sizes = (process.env.BENCH_HISTORY ?? '150000').split(',').map(Number);
  const communities = [
    { name: 'history-1500', padding: 0, total: 0 },
    ...sizes.map((size) => ({ name: `history-${size}`, padding: size - 1500, total: 0 })),
  ];
  const built = performance.now();
  for (const c of communities) c.total = await writeEarlierYears(runtime, c.name, c.padding);
  const padSeconds = (performance.now() - built) / 1000;
  // The earlier years' digests, as the daily job would have written them.
  setDay(`${DAYS[0]}T00:00:10Z`);
  for (const c of communities) await writeMissingDigests(runtime.deps as never, { community: c.name });
  // Five days of the measured plan; each night's digest job timed in every community.
  const digestTimes = new Map<string, number[]>(communities.map((c) => [c.name, []]));
  for (let day = 0; day < 5; day++) {
    setDay(`${DAYS[day]}T01:00:00Z`);
    for (const c of communities) await writeMeasuredDay(runtime, c.name, day);
    await runtime.dispatcher.idle();
    // Each night in turn, the other size runs first: neither always follows the other's garbage.
    for (const c of day % 2 ? [...communities].reverse() : communities) {
      setDay(`${DAYS[day + 1]}T00:00:10Z`);
      (globalThis as { gc?: () => void }).gc?.();
      digestTimes
        .get(c.name)!
        .push(
          ...(await timeEach(1, () => writeMissingDigests(runtime.deps as never, { community: c.name }))),
        );
    }
  }
  const measured = (await readWholeHistory(runtime.deps.events, communities[0]!.name)).length;
  setDay('2026-11-10T12:00:00Z');
  const times = new Map<string, number[]>();
  const read = new Map<string, ItemsRead>();
  const askers = await Promise.all(
    communities.map(async (c) => {
      const token = await signDevToken(runtime.secret, { roles: ['admin'], sub: 'bench', community: c.name });
      return (path: string, accept: string) =>
        fetch(`${runtime.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept } }).then(
          async (r) => {
            if (r.status !== 200) throw new Error(`${c.name} ${path}: ${r.status} ${await r.text()}`);
            return r.arrayBuffer();
          },
        );
    }),
  );
  // Interleaved, so every size sees the same machine state; the first answer of each warms up.
  // Run 0 counts the items read (and warms up); eleven timed runs after it: with fewer, one busy
  // moment of a shared machine moved a median by half (participation read 102 items at both sizes
  // and still came out 1.70× in one run of five).
  for (let run = 0; run <= 11; run++)
    for (const [name, path, accept] of ANSWERS)
      for (const [i, c] of communities.entries()) {
        // Collected first, so each sample measures the answer and not the garbage of the one before.
        (globalThis as { gc?: () => void }).gc?.();
        const items = { views: 0, events: 0 };
        counting = run === 0 ? items : undefined;
        const [took] = await timeEach(1, () => askers[i]!(path, accept));
        counting = undefined;
        if (run === 0) read.set(`${c.name} ${name}`, items);
        if (run > 0) times.set(`${c.name} ${name}`, [...(times.get(`${c.name} ${name}`) ?? []), took!]);
      }
  for (const c of communities) times.set(`${c.name} daily digest job`, digestTimes.get(c.name)!);
  await runtime.close();
  const over: string[] = [];
  report(
    `\n## Answer times against history size (same plan, earlier years added; built in ${padSeconds.toFixed(0)} s)`,
  );
  report(
    `(measured plan: ${measured} commits; communities: ${communities.map((c) => `${c.name} +${c.total} earlier`).join(', ')})`,
  );
  report(
    `| answer | ${communities.map((c) => `${c.name} median`).join(' | ')} | worst ratio (≤ 1.5×) | items read (views + history) |`,
  );
  report(`|---|${communities.map(() => '---|').join('')}---|---|`);
  for (const [name] of [...ANSWERS, ['daily digest job']]) {
    const medians = communities.map((c) => summarize(times.get(`${c.name} ${name}`)!).median);
    const worst = Math.max(...medians.slice(1).map((m) => m / medians[0]!));
    const items = communities.map((c) => read.get(`${c.name} ${name}`));
    const counts = items[0] ? items.map((i) => `${i!.views} + ${i!.events}`).join(' → ') : 'not counted';
    report(
      `| ${name} | ${medians.map(ms).join(' | ')} | ${ratio(worst * medians[0]!, medians[0]!)} | ${counts} |`,
    );
    if (worst > 1.5)
      over.push(`${name}: ${worst.toFixed(2)}× at a longer history than 1,500 commits, over 1.5×`);
  }
  return over;
}

/** `npx tsx --expose-gc bench/history-size.ts`: this measurement alone, without the rest of the bench. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  benchHistorySize(console.log).then(
    (over) => {
      for (const line of over) console.error(`over budget: ${line}`);
      process.exit(over.length > 0 ? 1 : 0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
