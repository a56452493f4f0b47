import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { DynamoDbCommunityMarkers } from '../../functions/adapters/dynamodb-community-markers.js';
import { loadConfig } from '../../functions/config.js';

/**
 * Where the local server answers, for the shell tools: `--url`, else `LEDGER_URL`, else the URL the
 * running server wrote into its data folder (so a server started with `PORT`/`DATA_DIR` is found by
 * tools given the same `DATA_DIR`), else `PORT`, else 3000.
 */
export function localServerUrl(
  dataDir: string,
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen =
    explicit ?? env.LEDGER_URL ?? runningServer(dataDir)?.url ?? `http://127.0.0.1:${env.PORT ?? 3000}`;
  return chosen.replace(/\/$/, '');
}

/** What the server running on `dataDir` recorded of itself; undefined when none is running there. */
function runningServer(dataDir: string): { url?: string; endpoint?: string } | undefined {
  try {
    const recorded = JSON.parse(readFileSync(join(dataDir, 'engine.json'), 'utf8')) as {
      url?: string;
      endpoint?: string;
      pid?: number;
    };
    if (!recorded.pid) return undefined;
    process.kill(recorded.pid, 0); // throws when that server is gone
    return recorded;
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
