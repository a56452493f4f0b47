import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyExport } from '../../functions/audit/ndjson.js';
import type { VerificationResult } from '../../functions/audit/verify.js';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `usage:
  npm run audit -- verify                                   recompute every chain through the running server
  npm run audit -- verify --file history.ndjson [--digest HASH]   verify an export offline, no database
  npm run audit -- export --out history.ndjson              write the whole history, one commit per line`;

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
      url: { type: 'string', default: process.env.LEDGER_URL ?? 'http://127.0.0.1:3000' },
      community: { type: 'string', default: DEMO_COMMUNITY },
    },
  });
  const command = positionals[0];
  if (command === 'verify' && values.file) print(await verifyExport(resolve(values.file), values.digest));
  if (command !== 'verify' && command !== 'export') {
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
