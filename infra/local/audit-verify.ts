import type { VerificationResult } from '../../functions/app/audit/verification.js';
import { verifyExport } from '../../functions/audit/ndjson.js';
import { type AuditServer, Refusal, serverAt } from './audit-server.js';
import { communitiesHeldBy, runningServer } from './server-url.js';
import { fromWhereTheUserIs } from './user-paths.js';

/** `npm run audit -- verify`: one ledger (online or an export, offline), or every community a server holds. */

/** Where the CLI speaks: the answer on stdout, refusals (one line each) and progress on stderr. */
export interface AuditConsole {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Progress that overwrites itself on a terminal. */
  readonly progress: (text: string) => void;
  /** What the tool says of itself before it works (which server it uses), on stderr. */
  readonly note?: (line: string) => void;
}

/** What a verification through the server answers beyond the chains: where a `--since` one started. */
type Answered = VerificationResult & { readonly since?: { commits: number; digest: string } };

export function printVerification(result: Answered, io: AuditConsole): number {
  if (result.since)
    io.out(
      `since ${result.since.digest} (${result.since.commits} commits): only the ${result.checkedCommits} commits added after it were checked`,
    );
  io.out(
    `${result.ok ? 'OK' : 'FAILED'}: ${result.checkedCommits} commits, ${result.checkedEvents} events, ${result.streams} streams`,
  );
  io.out(`heads digest: ${result.headsDigest}   (keep it: verify --digest detects later removals)`);
  for (const f of result.failures) io.out(`  ${f.reason}: ${f.streamId} v${f.version} — ${f.detail}`);
  return result.ok ? 0 : 1;
}

export async function verify(
  values: { readonly file?: string; readonly digest?: string; readonly since?: string },
  server: AuditServer,
  io: AuditConsole,
): Promise<number> {
  if (values.file && values.since)
    throw new Refusal('--since verifies through the server; an export is verified whole (drop --file)', 2);
  if (values.file)
    return printVerification(await verifyExport(fromWhereTheUserIs(values.file), values.digest), io);
  const query = new URLSearchParams();
  if (values.digest) query.set('digest', values.digest);
  if (values.since) query.set('since', values.since);
  const asked = query.size > 0 ? `?${query}` : '';
  return printVerification((await (await server(`/audit/verify${asked}`)).json()) as Answered, io);
}

/**
 * `verify` with no `--community`: every community the running server holds, each reported on its
 * own, so a ledger that lives elsewhere than `demo` is never passed over as "OK: 0 commits".
 */
export async function verifyEvery(dataDir: string, url: string, io: AuditConsole): Promise<number> {
  // The registry read is the engine of the server running on DATA_DIR: only when that is the server used.
  const recorded = runningServer(dataDir);
  if (recorded?.url && recorded.url !== url)
    throw new Refusal(
      `${url} is not the server running on ${dataDir} (that is ${recorded.url}), whose engine lists the communities; give DATA_DIR=<the folder ${url} was started on>, or pass --community`,
    );
  const communities = await communitiesHeldBy(dataDir);
  if (!communities)
    throw new Refusal(`no running server found in ${dataDir} to list its communities; pass --community`);
  let failed = 0;
  for (const community of communities) {
    io.out(`community ${community}:`);
    failed += await verify({}, serverAt(url, dataDir, community), io);
  }
  io.out(`${communities.length - failed} of ${communities.length} communities verify`);
  return failed > 0 ? 1 : 0;
}
