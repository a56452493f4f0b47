import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';
import { localServerUrl } from './server-url.js';

const FORMATS = ['text', 'json', 'html', 'csv'] as const;
type Format = (typeof FORMATS)[number];

/** A period as the API takes it; a bare quarter or month means this year's. */
export function periodOf(given: string, today: Date): string | undefined {
  const year = today.getFullYear();
  if (/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(given)) return given;
  const quarter = /^Q([1-4])$/i.exec(given);
  if (quarter) return `${year}-Q${quarter[1]}`;
  const month = /^(0?[1-9]|1[0-2])$/.exec(given);
  if (month) return `${year}-${month[1]!.padStart(2, '0')}`;
  return undefined;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm run report -- --period 2026-Q2 [--plan ID] [--format json|html|csv] [--send] [--url URL]`:
 * renders a report, or sends it, through the running server (the plan defaults to the one of the
 * period's year).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      period: { type: 'string' },
      plan: { type: 'string' },
      format: { type: 'string', default: 'text' },
      send: { type: 'boolean', default: false },
      url: { type: 'string' },
      community: { type: 'string', default: DEMO_COMMUNITY },
    },
  });
  const usage =
    'usage: npm run report -- --period 2026-Q2 [--plan ID] [--format text|json|html|csv] [--send]';
  if (!values.period) {
    console.error(usage);
    process.exit(2);
  }
  if (!FORMATS.includes(values.format as Format)) {
    console.error(`unknown format "${values.format}": use text, json, html or csv`);
    process.exit(2);
  }
  const period = periodOf(values.period, new Date());
  if (!period) {
    console.error(`"${values.period}" is not a period: 2026, 2026-Q3, 2026-07, or Q3 / 07 for this year`);
    process.exit(2);
  }
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const url = localServerUrl(dataDir, values.url);
  const token = await signDevToken(devSigningSecret(dataDir), {
    roles: ['admin'],
    sub: 'report-cli',
    community: values.community!,
  });
  const call = (path: string, init: RequestInit = {}) =>
    fetch(url + path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    }).catch(() => {
      console.error(`no server answers at ${url}: start it with npm start (or pass --url)`);
      process.exit(1);
    });
  let planId = values.plan;
  if (!planId) {
    const plans = (await (await call('/plans?limit=500')).json()) as {
      items: { planId: string; year: number }[];
    };
    planId = plans.items.find((p) => String(p.year) === period.slice(0, 4))?.planId;
    if (!planId) {
      console.error(`no plan for ${period.slice(0, 4)}; pass --plan`);
      process.exit(1);
    }
  }
  const query = `?period=${encodeURIComponent(period)}`;
  if (values.send) {
    const answer = await call(`/reports/${planId}/send${query}`, { method: 'POST' });
    const body = (await answer.json()) as { sentTo?: string[]; alreadySent?: boolean; detail?: string };
    if (!answer.ok) {
      console.error(`not sent: ${body.detail ?? answer.status}`);
      process.exit(1);
    }
    console.log(
      body.alreadySent
        ? 'already sent to every recipient; nothing sent'
        : `sent to ${body.sentTo!.join(', ')}`,
    );
    console.log(`outbox: ${resolve(dataDir, 'outbox')}`);
    return;
  }
  const accept = { html: 'text/html', csv: 'text/csv', json: 'application/json', text: 'application/json' }[
    values.format as Format
  ];
  const answer = await call(`/reports/${planId}${query}`, { headers: { accept } });
  const text = await answer.text();
  if (!answer.ok) {
    console.error(text);
    process.exit(1);
  }
  console.log(values.format === 'text' ? JSON.stringify(JSON.parse(text), null, 2) : text);
}

// Run as `npm run report`, not when a test imports `periodOf`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
