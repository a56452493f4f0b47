import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { DynamoDbCommunityMarkers } from '../../functions/adapters/dynamodb-community-markers.js';
import { loadConfig } from '../../functions/config.js';

/** Where a shell tool will speak to the server, and which rule chose it (said when the tool starts). */
export interface ServerChoice {
  readonly url: string;
  readonly from: string;
}

/**
 * One rule for every shell tool: `--url` (or its environment form `LEDGER_URL`), else `PORT` on this
 * machine, else the server recorded as running in the data folder (`engine.json`: so a server started
 * with `DATA_DIR` alone is found by tools given the same `DATA_DIR`), else port 3000. A `PORT` given
 * is never overridden by a record: the user said which server.
 */
export function chooseServer(
  dataDir: string,
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): ServerChoice {
  const trimmed = (url: string) => url.replace(/\/$/, '');
  if (explicit) return { url: trimmed(explicit), from: '--url' };
  if (env.LEDGER_URL) return { url: trimmed(env.LEDGER_URL), from: 'LEDGER_URL' };
  if (env.PORT) return { url: `http://127.0.0.1:${env.PORT}`, from: 'PORT' };
  const recorded = runningServer(dataDir)?.url;
  if (recorded)
    return { url: trimmed(recorded), from: `the server recorded in ${join(dataDir, 'engine.json')}` };
  return {
    url: 'http://127.0.0.1:3000',
    from: `the default: no --url, no PORT, no server running on ${dataDir}`,
  };
}

/** The one line a tool says first: `using http://127.0.0.1:3101 (from PORT)`. */
export const usingLine = (choice: ServerChoice) => `using ${choice.url} (from ${choice.from})`;

/** The URL alone (see `chooseServer`). */
export function localServerUrl(
  dataDir: string,
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return chooseServer(dataDir, explicit, env).url;
}

/** What the server running on `dataDir` recorded of itself; undefined when none is running there. */
export function runningServer(dataDir: string): { url?: string; endpoint?: string; pid: number } | undefined {
  try {
    const recorded = JSON.parse(readFileSync(join(dataDir, 'engine.json'), 'utf8')) as {
      url?: string;
      endpoint?: string;
      pid?: number;
    };
    if (!recorded.pid) return undefined;
    process.kill(recorded.pid, 0); // throws when that server is gone
    return { ...recorded, pid: recorded.pid };
  } catch {
    return undefined;
  }
}

/**
 * The communities the server running on `dataDir` holds (its engine's registry), for tools that
 * need what no route answers; undefined when no server is running there.
 */
export async function communitiesHeldBy(dataDir: string): Promise<string[] | undefined> {
  const endpoint = runningServer(dataDir)?.endpoint;
  if (!endpoint) return undefined;
  const { EVENTS_TABLE } = loadConfig({});
  return new DynamoDbCommunityMarkers(createDocumentClient({ endpoint }), EVENTS_TABLE).list();
}

/**
 * The servers running on this machine, by URL: what a tool told "401" needs to say which data folder
 * the server at that URL was started on (a token must be signed with that folder's key).
 */
const machineRegistry = () => join(tmpdir(), 'community-culture-ledger-servers');
const entryFor = (url: string) =>
  join(machineRegistry(), `${encodeURIComponent(url.replace(/\/$/, ''))}.json`);

/** Says, for this machine's tools, which data folder the server at `url` runs on (until it stops). */
export function recordServerOnMachine(url: string, dataDir: string): () => void {
  const entry = entryFor(url);
  try {
    mkdirSync(machineRegistry(), { recursive: true });
    writeFileSync(entry, JSON.stringify({ url, dataDir, pid: process.pid }));
  } catch {
    // Only advice is lost: the tools then say less.
  }
  return () => rmSync(entry, { force: true });
}

/** The data folder the server at `url` runs on, when a live server on this machine recorded it. */
export function dataDirOfServerAt(url: string): string | undefined {
  try {
    const recorded = JSON.parse(readFileSync(entryFor(url), 'utf8')) as { dataDir?: string; pid?: number };
    if (!recorded.pid || !recorded.dataDir) return undefined;
    process.kill(recorded.pid, 0); // throws when that server is gone
    return recorded.dataDir;
  } catch {
    return undefined;
  }
}
