import { type CostModel, costModel } from './cost-model.js';
import { FREE_TIERS_NOT_APPLIED, PRICES, PRICES_AS_OF, PRICES_REGION } from './prices.js';
import { CUSTOM_METRICS } from './stack-inventory.js';
import { ASSUMED, type Measured, SEED_MONTH } from './usage.js';

export type { Measured } from './usage.js';

/** The sizes the cost table compares: one community, a district, a province. */
export const SCALES = [1, 100, 10_000] as const;

const usd = (n: number) => (n === 0 ? '0' : n < 0.0001 ? '< 0.0001' : n < 1 ? n.toFixed(4) : n.toFixed(2));
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** The cost model's tables, markdown: variable per community-month, fixed apart, then the assumptions. */
export function costTables(measured: Measured): string[] {
  const models: CostModel[] = SCALES.map((n) => costModel(n, measured));
  const [first] = models as [CostModel, ...CostModel[]];
  const perCommunity = (pick: (m: CostModel) => number) => models.map((m) => usd(pick(m) / m.communities));
  const lines: string[] = [
    `\n## Cost per community-month at the seed plan's rates (USD, ${PRICES_REGION} list prices as of ${PRICES_AS_OF})`,
    row([
      'item (quantities per community-month)',
      ...SCALES.map((n) => `${n.toLocaleString('en')} ${n === 1 ? 'community' : 'communities'}`),
    ]),
    row(['---', ...SCALES.map(() => '---:')]),
  ];
  for (const [i, line] of first.variable.entries())
    lines.push(row([line.item, ...perCommunity((m) => m.variable[i]!.usd)]));
  lines.push(
    row(['**variable, per community**', ...perCommunity((m) => m.variableTotal).map((c) => `**${c}**`)]),
    row(['fixed costs shared, per community', ...perCommunity((m) => m.fixedTotal)]),
    row([
      '**total per community** (Cognito staff only)',
      ...perCommunity((m) => m.total).map((c) => `**${c}**`),
    ]),
    row(['total for the stage, USD a month', ...models.map((m) => usd(m.total))]),
    row([
      `alternative: ${first.residentsSignIn.line.item}`,
      ...perCommunity((m) => m.residentsSignIn.line.usd),
    ]),
    row([
      '**total per community if residents sign in**',
      ...perCommunity((m) => m.residentsSignIn.total).map((c) => `**${c}**`),
    ]),
    row(['total for the stage if residents sign in', ...models.map((m) => usd(m.residentsSignIn.total))]),
    `\n## Fixed costs of a stage (USD a month, whatever the number of communities)`,
    row(['fixed item', 'USD / month']),
    row(['---', '---:']),
    ...first.fixed.map((line) => row([line.item, usd(line.usd)])),
    row(['**fixed total**', `**${usd(first.fixedTotal)}**`]),
  );
  return lines;
}

/** What the figures rest on, printed under the tables. */
export function costAssumptions(): string[] {
  const unverified = Object.entries(PRICES)
    .filter(([, p]) => !p.checked)
    .map(([name]) => name);
  return [
    '\nAssumptions:',
    `- Prices: on-demand list prices, ${PRICES_REGION}, as of ${PRICES_AS_OF} (bench/prices.ts names each source page). ` +
      `Not verified here, the public list price taken: ${unverified.join(', ')}. No free tier taken off (${FREE_TIERS_NOT_APPLIED}).`,
    `- Usage per community-month, the seed plan's demo year: ${SEED_MONTH.commits} commits (${SEED_MONTH.checkIns} check-ins, ` +
      `${SEED_MONTH.enrolments} enrolments, ${SEED_MONTH.otherCommits} others priced as an activity held), ${SEED_MONTH.pageViews} page views ` +
      `(half compliance, half calendar), ${SEED_MONTH.prints} PDFs, ${SEED_MONTH.reports.toFixed(2)} reports to ${SEED_MONTH.reportRecipients} leaders, ` +
      'a digest a day. 10,000 communities are 10,000 times that (about 0.5 commits a second), not 1M check-ins a day.',
    '- DynamoDB calls and units per command are measured on the wire above (projector included); the proxy counts 1 RRU per 4 KB ' +
      `answer (strongly consistent: an upper bound) and misses index copies, added at ${ASSUMED.indexWriteUnitsPerCommit} WRU a commit.`,
    '- Lambda time: the locally measured handler and stream times, every stream consumer billed the whole stream time (upper bound); printer, ' +
      'mailer, digests, scheduler and token-claims durations assumed (bench/usage.ts). DynamoDB Streams reads by Lambda triggers are free.',
    `- Second year of operation: ${ASSUMED.historyMonths} months of history stored on average, each key rotated once (+USD 1 a key-month; ` +
      'the surcharge stops at the second rotation). AWS Backup keeps 35 daily full copies of the Events table.',
    `- CloudWatch: ${CUSTOM_METRICS.length} EMF business metrics priced as if emitted every hour (billed only for hours they are); ` +
      'alarms per metric they read (metric math: each metric). Every invocation traced (1 a second plus 5 % sampled: nearly all at these rates).',
    `- Cognito Essentials, USD 0.015 a MAU: staff only (${SEED_MONTH.staffMau} a community) in the totals; residents signing in too ` +
      `(${SEED_MONTH.residents} more) shown as the alternative. Logs kept 365 days (prod stage), stored uncompressed.`,
  ];
}

/** `npm run bench`: the cost model at 1, 100 and 10,000 communities from this run's measured traffic. */
export function reportScale(measured: Measured, report: (line: string) => void) {
  for (const line of [...costTables(measured), ...costAssumptions()]) report(line);
}
