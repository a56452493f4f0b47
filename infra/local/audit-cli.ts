import { createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Commit } from '../../events/index.js';
import { verifyExport } from '../../functions/audit/ndjson.js';
import { replayCompliance } from '../../functions/audit/replay.js';
import type { VerificationResult } from '../../functions/audit/verify.js';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `usage:
  npm run audit -- verify                                   recompute every chain through the running server
  npm run audit -- verify --file history.ndjson [--digest HASH]   verify an export offline, no database
  npm run audit -- export --out history.ndjson              write the whole history, one commit per line
  npm run audit -- replay --as-of 2026-06-30T23:59:00+08:00 [--plan ID] [--file history.ndjson]
                                                            rebuild the views up to that instant and print the compliance then`;

function print(result: VerificationResult): never {
  console.log(
    `${result.ok ? 'OK' : 'FAILED'}: ${result.checkedCommits} commits, ${result.checkedEvents} events, ${result.streams} streams`,
  );
  console.log(`heads digest: ${result.headsDigest}   (keep it: verify --digest detects later removals)`);
  for (const f of result.failures) console.log(`  ${f.reason}: ${f.streamId} v${f.version} — ${f.detail}`);
  process.exit(result.ok ? 0 : 1);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      out: { type: 'string' },
      digest: { type: 'string' },
      'as-of': { type: 'string' },
      plan: { type: 'string' },
      url: { type: 'string', default: process.env.LEDGER_URL ?? 'http://127.0.0.1:3000' },
      community: { type: 'string', default: DEMO_COMMUNITY },
    },
  });
  const command = positionals[0];
  if (command === 'verify' && values.file) print(await verifyExport(resolve(values.file), values.digest));
  if (command !== 'verify' && command !== 'export' && command !== 'replay') {
    console.error(usage);
    process.exit(2);
  }
  const url = values.url!.replace(/\/$/, '');
  const token = await signDevToken(devSigningSecret(resolve(process.env.DATA_DIR ?? '.data')), {
    roles: ['auditor'],
    sub: 'audit-cli',
    community: values.community!,
  });
  const get = async (path: string) => {
    try {
      const response = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      return response.json();
    } catch (error) {
      console.error(
        `the server at ${url} did not answer (${(error as Error).message}); start it with npm start`,
      );
      process.exit(1);
    }
  };
  if (command === 'verify')
    print(
      (await get(`/audit/verify${values.digest ? `?digest=${values.digest}` : ''}`)) as VerificationResult,
    );
  if (command === 'replay') {
    const asOf = new Date(values['as-of'] ?? '');
    if (Number.isNaN(asOf.getTime())) {
      console.error(usage);
      process.exit(2);
    }
    const lines = values.file
      ? readFileSync(resolve(values.file), 'utf8')
      : await (
          await fetch(`${url}/audit/events`, {
            headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' },
          })
        ).text();
    const commits = lines
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Commit);
    const planId =
      values.plan ?? commits.flatMap((c) => c.events).find((e) => e.type === 'PlanCreated')?.data.planId;
    if (typeof planId !== 'string') {
      console.error('no plan in this history; pass --plan');
      process.exit(1);
    }
    const replayed = await replayCompliance(commits, values.community!, planId, asOf);
    console.log(
      `replayed ${replayed.applied} of ${commits.length} commits, as of ${asOf.toISOString()}, plan ${planId}`,
    );
    for (const row of replayed.items) {
      console.log(
        `  ${row.status.padEnd(8)} ${row.targetId.padEnd(28)} ${row.period.padEnd(8)} ${row.actual}/${row.required}`,
      );
    }
    return;
  }
  if (!values.out) {
    console.error(usage);
    process.exit(2);
  }
  const out = createWriteStream(resolve(values.out));
  let after = '';
  let written = 0;
  for (;;) {
    const page = (await get(`/audit/events?limit=1000${after ? `&after=${after}` : ''}`)) as {
      items: unknown[];
      nextCursor: string | null;
    };
    for (const commit of page.items) out.write(`${JSON.stringify(commit)}\n`);
    written += page.items.length;
    process.stderr.write(`\rexported ${written} commits${page.nextCursor ? '…' : ''}`);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  await new Promise((r) => out.end(r));
  process.stderr.write(`\nwrote ${resolve(values.out)}\n`);
}

void main();
