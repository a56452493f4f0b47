import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Recipient } from '../../events/index.js';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';
import { chooseServer, usingLine } from './server-url.js';
import { dataDirOf, endQuietlyOnBrokenPipe, helpAsked, refusedTokenAdvice } from './shell-tool.js';
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

const usage = `usage: npm run report -- --period 2026-Q3 [--plan ID] [--format text|json|html|csv|pdf] [--lang zh-CN|en] [--out FILE] [--url URL]
       npm run report -- --period 2026-Q3 --send [--plan ID] [--url URL]
  --period   2026, 2026-Q3, 2026-07, or Q3 / 07 for this year
  --plan     the plan (needed when the period's year has several)
  --format   text (default), json, html, csv, or pdf (written to report-<period>-<lang>.pdf unless --out names a file)
  --lang     the language of text, html and pdf (default: the plan's locale)
  --out      write the report to FILE (relative to where the command was typed)
  --send     send the report to the plan's recipients, each in the plan's locale (--format and --lang do not apply)
  --url      the server (default: PORT, else the server recorded in DATA_DIR, else http://127.0.0.1:3000)`;

/** Refuses with one line on stderr and the exit code it deserves (2: the command itself is wrong). */
function refuse(line: string, code = 1): never {
  console.error(line);
  process.exit(code);
}

/**
 * `npm run report -- --period 2026-Q2 [--plan ID] [--format text|json|html|csv|pdf] [--lang zh-CN|en]
 * [--out FILE] [--send] [--url URL]`: renders a report, or sends it, through the running server. The
 * plan is the period's year's; when that year has several, the tool lists them rather than pick one.
 */
async function main() {
  endQuietlyOnBrokenPipe();
  if (helpAsked(process.argv.slice(2))) {
    console.log(usage);
    return;
  }
  const options = {
    period: { type: 'string' },
    plan: { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string' },
    out: { type: 'string' },
    send: { type: 'boolean', default: false },
    url: { type: 'string' },
    community: { type: 'string', default: DEMO_COMMUNITY },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options }>>;
  try {
    parsed = parseArgs({ options });
  } catch (error) {
    refuse(`${(error as Error).message.split('. ')[0]}\n${usage}`, 2);
  }
  const { values } = parsed;
  if (!values.period) refuse(usage, 2);
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format))
    refuse(`unknown format "${values.format}": use text, json, html, csv or pdf`, 2);
  // A report is sent in each recipient's language, the plan's: an option that would change nothing is refused.
  if (values.send && (values.lang || values.format || values.out))
    refuse(
      `--send sends the report to the plan's recipients in the plan's locale: --lang, --format and --out do not apply (leave them out, or drop --send to render it)`,
      2,
    );
  const period = periodOf(values.period, new Date());
  if (!period)
    refuse(`"${values.period}" is not a period: 2026, 2026-Q3, 2026-07, or Q3 / 07 for this year`, 2);
  const dataDir = dataDirOf();
  const server = chooseServer(dataDir, values.url);
  const { url } = server;
  console.error(usingLine(server));
  const token = await signDevToken(devSigningSecret(dataDir), {
    roles: ['admin'],
    sub: 'report-cli',
    community: values.community!,
  });
  const call = async (path: string, init: RequestInit = {}) => {
    const answer = await fetch(url + path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    }).catch(() => refuse(`no server answers at ${url}: start it with npm start (or pass --url)`));
    if (answer.status === 401) refuse(refusedTokenAdvice(url, dataDir));
    return answer;
  };
  let planId = values.plan;
  if (!planId) {
    const plans = (await (await call('/plans?limit=500')).json()) as {
      items: { planId: string; year: number; title?: string }[];
    };
    const year = period.slice(0, 4);
    const ofYear = plans.items.filter((p) => String(p.year) === year);
    if (ofYear.length === 0) refuse(`no plan for ${year}; pass --plan`);
    if (ofYear.length > 1)
      refuse(
        [
          `${ofYear.length} plans for ${year}; say which with --plan:`,
          ...ofYear.map((p) => `  --plan ${p.planId}   ${p.title ?? ''}`.trimEnd()),
        ].join('\n'),
        2,
      );
    planId = ofYear[0]!.planId;
  }
  const query = `?period=${encodeURIComponent(period)}`;
  if (values.send) {
    const answer = await call(`/reports/${planId}/send${query}`, { method: 'POST' });
    const body = (await answer.json()) as { sentTo?: Recipient[]; alreadySent?: boolean; detail?: string };
    if (!answer.ok) refuse(`not sent: ${body.detail ?? answer.status}`);
    console.log(
      body.alreadySent
        ? 'already sent to every recipient; nothing sent'
        : `sent to ${body.sentTo!.map((r) => ('residentId' in r ? `resident ${r.residentId}` : `person ${r.personId}`)).join(', ')}`,
    );
    console.log(`outbox: ${join(dataDir, 'outbox')}`);
    return;
  }
  const answer = await call(`/reports/${planId}${query}`, {
    headers: { accept: MEDIA_TYPES[format], ...(values.lang ? { 'accept-language': values.lang } : {}) },
  });
  if (!answer.ok) refuse((await answer.text()).trim());
  // Named by period and language: the English and the Chinese PDF of a quarter are two files.
  const language = answer.headers.get('content-language') ?? values.lang ?? 'zh-CN';
  if (format === 'pdf' || values.out) {
    const file = fromWhereTheUserIs(values.out ?? `report-${period}-${language}.pdf`);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    writeFileSync(
      file,
      format === 'json' ? `${JSON.stringify(JSON.parse(new TextDecoder().decode(bytes)), null, 2)}\n` : bytes,
    );
    console.log(`wrote ${file}`);
    return;
  }
  const text = await answer.text();
  console.log(format === 'json' ? JSON.stringify(JSON.parse(text), null, 2) : text);
}

// Run as `npm run report`, not when a test imports `periodOf`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
