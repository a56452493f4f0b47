import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';

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
      url: { type: 'string', default: process.env.LEDGER_URL ?? 'http://127.0.0.1:3000' },
      community: { type: 'string', default: DEMO_COMMUNITY },
    },
  });
  if (!values.period) {
    console.error('usage: npm run report -- --period 2026-Q2 [--plan ID] [--format json|html|csv] [--send]');
    process.exit(2);
  }
  const url = values.url!.replace(/\/$/, '');
  const token = await signDevToken(devSigningSecret(resolve(process.env.DATA_DIR ?? '.data')), {
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
    planId = plans.items.find((p) => String(p.year) === values.period!.slice(0, 4))?.planId;
    if (!planId) {
      console.error(`no plan for ${values.period!.slice(0, 4)}; pass --plan`);
      process.exit(1);
    }
  }
  const query = `?period=${encodeURIComponent(values.period)}`;
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
    console.log(`outbox: ${resolve(process.env.DATA_DIR ?? '.data', 'outbox')}`);
    return;
  }
  const accept =
    { html: 'text/html', csv: 'text/csv', json: 'application/json', text: 'application/json' }[
      values.format!
    ] ?? 'application/json';
  const answer = await call(`/reports/${planId}${query}`, { headers: { accept } });
  const text = await answer.text();
  if (!answer.ok) {
    console.error(text);
    process.exit(1);
  }
  console.log(values.format === 'text' ? JSON.stringify(JSON.parse(text), null, 2) : text);
}

void main();
