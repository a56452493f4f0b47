import { createWriteStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import type { Commit } from '../../events/index.js';
import { ledgerStateOf } from '../../functions/app/audit/ledger-digest.js';
import { replayCompliance } from '../../functions/audit/replay.js';
import { type AuditServer, oneLine, Refusal, serverAt } from './audit-server.js';
import { type AuditConsole, verify, verifyEvery } from './audit-verify.js';
import { DEMO_COMMUNITY } from './dev-key.js';
import { chooseServer, usingLine } from './server-url.js';
import { dataDirOf, endQuietlyOnBrokenPipe, helpAsked } from './shell-tool.js';
import { fromWhereTheUserIs } from './user-paths.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `usage:
  npm run audit -- verify [--community ID]                  recompute every chain through the running server
                                                            (every community it holds unless one is named)
  npm run audit -- verify --since HASH [--community ID]     check only what was added after a digest you hold
                                                            (a report's or the last verify's ledger digest, or a daily digest)
  npm run audit -- verify --file history.ndjson [--digest HASH]   verify an export offline, no database
  npm run audit -- export --out history.ndjson              write the whole history, one commit per line
  npm run audit -- replay --as-of INSTANT [--plan ID] [--file history.ndjson]
                                                            rebuild the views up to INSTANT (e.g. 2026-06-30T23:59:00+08:00)
                                                            and print the compliance then (--plan when the history has several)
  --url URL   the server (default: PORT, else the server recorded in DATA_DIR, else http://127.0.0.1:3000)
  files are read and written relative to the folder the command was typed in`;

export type { AuditConsole } from './audit-verify.js';

const terminal: AuditConsole = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // On a terminal progress rewrites one line; in a log or a pipe each report is a line of its own.
  progress: (text) => process.stderr.write(process.stderr.isTTY ? `\r${text}` : `${text}\n`),
  note: (line) => process.stderr.write(`${line}\n`),
};

const AsOf = z.iso.datetime({ offset: true });

/**
 * The plan to replay: the one asked for, else the only plan of the instant's year in this history
 * (else its only plan at all). Several are never chosen among silently: the auditor is told their ids.
 */
function planToReplay(commits: readonly Commit[], community: string, asOf: string): string | undefined {
  const plans = commits
    .filter((c) => c.community === community)
    .flatMap((c) =>
      c.events
        .filter((e) => e.type === 'PlanCreated' && typeof e.data.planId === 'string')
        .map((e) => ({
          planId: e.data.planId as string,
          year: e.data.year as number | undefined,
          title: typeof e.data.title === 'string' ? e.data.title : '',
          recordedAt: c.recordedAt,
        })),
    );
  const ofYear = plans.filter((p) => String(p.year) === asOf.slice(0, 4));
  const candidates = ofYear.length > 0 ? ofYear : plans;
  // One line, as every audit refusal: the ids to choose from, each with what names it.
  if (candidates.length > 1)
    throw new Refusal(
      `${candidates.length} plans${ofYear.length > 0 ? ` for ${asOf.slice(0, 4)}` : ''} in this history; say which: ${candidates
        .map((p) => `--plan ${p.planId} (${`${p.year ?? ''} ${p.title}`.trim()})`)
        .join(', ')}`,
      2,
    );
  return candidates[0]?.planId;
}

type Options = ReturnType<typeof parseOptions>['values'];
type Server = AuditServer;

async function replay(values: Options, server: Server, io: AuditConsole): Promise<number> {
  if (!AsOf.safeParse(values['as-of']).success)
    throw new Refusal('--as-of needs an instant with its offset, e.g. 2026-06-30T23:59:00+08:00', 2);
  const asOf = new Date(values['as-of']!);
  const community = values.community ?? DEMO_COMMUNITY;
  const lines = values.file
    ? readFileSync(fromWhereTheUserIs(values.file), 'utf8')
    : await (await server('/audit/events', 'application/x-ndjson')).text();
  const commits = lines
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, n) => {
      try {
        return JSON.parse(line) as Commit;
      } catch {
        throw new Refusal(`line ${n + 1} of the history is not a commit; verify it first`);
      }
    });
  const planId = values.plan ?? planToReplay(commits, community, values['as-of']!);
  if (!planId) throw new Refusal('no plan in this history; pass --plan');
  const replayed = await replayCompliance(commits, community, planId, asOf);
  io.out(
    `replayed ${replayed.applied} of ${commits.length} commits, as of ${asOf.toISOString()}, plan ${planId}`,
  );
  for (const row of replayed.items) {
    io.out(
      `  ${row.status.padEnd(8)} ${row.targetId.padEnd(28)} ${row.period.padEnd(8)} ${row.actual}/${row.required}`,
    );
  }
  // The ledger state replayed: a report computed as of the same instant names every commit it read then.
  const ledger = ledgerStateOf(
    commits.filter((c) => c.community === community && Date.parse(c.recordedAt) <= asOf.getTime()),
  );
  io.out(`ledger ${ledger.digest} (${ledger.commits} commits)`);
  return 0;
}

async function exportHistory(values: Options, server: Server, io: AuditConsole): Promise<number> {
  if (!values.out) throw new Refusal('export needs --out FILE', 2);
  const file = fromWhereTheUserIs(values.out);
  const out = createWriteStream(file);
  const written = new Promise<void>((done, failed) => {
    out.on('finish', done);
    out.on('error', failed);
  });
  let after = '';
  let count = 0;
  for (;;) {
    const page = (await (
      await server(`/audit/events?limit=1000${after ? `&after=${after}` : ''}`)
    ).json()) as { items: unknown[]; nextCursor: string | null };
    for (const commit of page.items) out.write(`${JSON.stringify(commit)}\n`);
    count += page.items.length;
    io.progress(`exported ${count} commits${page.nextCursor ? '…' : ''}`);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  out.end();
  await written;
  io.progress('\n');
  io.out(`wrote ${file}`);
  return 0;
}

const commands = { verify, replay, export: exportHistory };

/**
 * `npm run audit -- <verify|export|replay> …`. Returns the exit code: 0 when all is well, 1 when the
 * history fails verification or the work could not be done, 2 when the command itself is wrong.
 */
export async function runAudit(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: AuditConsole = terminal,
): Promise<number> {
  let command: string | undefined;
  try {
    let parsed: ReturnType<typeof parseOptions>;
    try {
      parsed = parseOptions(argv);
    } catch (error) {
      // Node's own advice on positionals after the first sentence would only crowd the line.
      throw new Refusal(`${oneLine(error).split('. ')[0]} (npm run audit shows the usage)`, 2);
    }
    const { values, positionals } = parsed;
    command = positionals[0];
    if (helpAsked(argv)) {
      io.out(usage);
      return 0;
    }
    if (command !== 'verify' && command !== 'export' && command !== 'replay') {
      io.err(usage);
      return 2;
    }
    const dataDir = dataDirOf(env);
    const server = chooseServer(dataDir, values.url, env);
    const url = server.url;
    // An offline verify needs no server: nothing to say about one.
    if (!(command === 'verify' && values.file) && !(command === 'replay' && values.file))
      io.note?.(usingLine(server));
    if (command === 'verify' && !values.file && values.community === undefined) {
      // A digest is one community's: the ledger it names must be said, not guessed among several.
      if (values.since) throw new Refusal('--since names one ledger: add --community ID (e.g. demo)', 2);
      return await verifyEvery(dataDir, url, io);
    }
    return await commands[command](values, serverAt(url, dataDir, values.community ?? DEMO_COMMUNITY), io);
  } catch (error) {
    io.err(`audit${command ? ` ${command}` : ''}: ${oneLine(error)}`);
    return error instanceof Refusal ? error.exitCode : 1;
  }
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      out: { type: 'string' },
      digest: { type: 'string' },
      since: { type: 'string' },
      'as-of': { type: 'string' },
      plan: { type: 'string' },
      url: { type: 'string' },
      community: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

// Run as `npm run audit` (tsx infra/local/audit-cli.ts), not when a test imports runAudit.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  endQuietlyOnBrokenPipe();
  process.exitCode = await runAudit(process.argv.slice(2));
}
