import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';
import { localServerUrl } from './server-url.js';
import { fromWhereTheUserIs } from './user-paths.js';

const FORMATS = ['text', 'json', 'html', 'csv', 'pdf'] as const;
const MEDIA_TYPES: Record<Format, string> = {
  text: 'text/plain',
  json: 'application/json',
  html: 'text/html',
  csv: 'text/csv',
  pdf: 'application/pdf',
};
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
 * `npm run report -- --period 2026-Q2 [--plan ID] [--format text|json|html|csv|pdf] [--lang zh-CN|en]
 * [--out FILE] [--send] [--url URL]`: renders a report, or sends it, through the running server (the
 * plan defaults to the one of the period's year). A PDF is written to a file (`report-<period>.pdf`
 * unless `--out` names one), relative to where the command was typed.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      period: { type: 'string' },
      plan: { type: 'string' },
      format: { type: 'string', default: 'text' },
      lang: { type: 'string' },
      out: { type: 'string' },
      send: { type: 'boolean', default: false },
      url: { type: 'string' },
      community: { type: 'string', default: DEMO_COMMUNITY },
    },
  });
  const usage =
    'usage: npm run report -- --period 2026-Q2 [--plan ID] [--format text|json|html|csv|pdf] [--lang zh-CN|en] [--out FILE] [--send]';
  if (!values.period) {
    console.error(usage);
    process.exit(2);
  }
  if (!FORMATS.includes(values.format as Format)) {
    console.error(`unknown format "${values.format}": use text, json, html, csv or pdf`);
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
  const format = values.format as Format;
  const answer = await call(`/reports/${planId}${query}`, {
    headers: { accept: MEDIA_TYPES[format], ...(values.lang ? { 'accept-language': values.lang } : {}) },
  });
  if (!answer.ok) {
    console.error(await answer.text());
    process.exit(1);
  }
  if (format === 'pdf') {
    const file = fromWhereTheUserIs(values.out ?? `report-${period}.pdf`);
    writeFileSync(file, new Uint8Array(await answer.arrayBuffer()));
    console.log(`wrote ${file}`);
    return;
  }
  const text = await answer.text();
  console.log(format === 'json' ? JSON.stringify(JSON.parse(text), null, 2) : text);
}

// Run as `npm run report`, not when a test imports `periodOf`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
