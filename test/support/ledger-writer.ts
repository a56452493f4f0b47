/**
 * A process the engine crash test kills with SIGKILL: it opens the embedded engine on a data folder,
 * reports whether the ledger it finds there is intact, then appends commits to a few streams as fast
 * as it can until it is killed. Bundled by the test and run with plain `node`, so each start is quick.
 *
 * Usage: node ledger-writer.mjs <dataDir>
 * Prints one JSON line `{ commits, failures, orphans }`, then `writing`.
 */

import { GENESIS_HASH } from '../../events/index.js';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { DynamoDbEventStore } from '../../functions/adapters/dynamodb-event-store.js';
import { ChainVerifier } from '../../functions/app/audit/verify.js';
import { systemClock, ulidIds } from '../../functions/composition/core.js';
import { createTables, defaultTableNames } from '../../infra/local/create-tables.js';
import { startDynalite } from '../../infra/local/engine.js';

const COMMUNITY = 'crash';
const WRITERS = 6;

async function main() {
  const dataDir = process.argv[2]!;
  const engine = await startDynalite({ path: dataDir });
  await createTables(engine.endpoint);
  const store = new DynamoDbEventStore({
    client: createDocumentClient({ endpoint: engine.endpoint }),
    tableName: defaultTableNames.EVENTS_TABLE,
    clock: systemClock,
    ids: ulidIds(),
  });

  // What an auditor would check: the global order verifies, and each of its entries is in its stream.
  const verifier = new ChainVerifier();
  const inGlobalOrder: { streamId: string; commitId: string }[] = [];
  let after: string | undefined;
  do {
    const page = await store.readHistory({ community: COMMUNITY, after, limit: 1000 });
    for (const commit of page.commits) {
      verifier.add(commit);
      inGlobalOrder.push({ streamId: commit.streamId, commitId: commit.commitId });
    }
    after = page.nextAfter;
  } while (after);
  const heads = new Map<string, { version: number; hash: string | undefined }>();
  const inStreams = new Set<string>();
  for (let w = 0; w < WRITERS; w++) {
    const streamId = `${COMMUNITY}#resident#W${w}`;
    const slice = await store.readStream(streamId);
    for (const commit of slice.commits) inStreams.add(commit.commitId);
    heads.set(streamId, { version: slice.version, hash: slice.headHash });
  }
  const result = verifier.finish();
  const orphans = inGlobalOrder.filter((entry) => !inStreams.has(entry.commitId)).length;
  process.stdout.write(
    `${JSON.stringify({ commits: inGlobalOrder.length, failures: result.failures, orphans })}\n`,
  );

  // "writing" once every writer has landed a commit: a kill after it always falls in a burst.
  let started = 0;
  await Promise.all(
    [...heads].map(async ([streamId, head]) => {
      for (let n = 0; ; n++) {
        if (n === 1 && ++started === WRITERS) process.stdout.write('writing\n');
        const commit = await store.append({
          community: COMMUNITY,
          streamId,
          expectedVersion: head.version,
          prevHash: head.hash ?? GENESIS_HASH,
          events: [
            {
              type: 'ResidentEnrolled',
              data: { residentId: streamId, name: 'x', householdId: 'H', partyMember: false },
            },
          ],
          metadata: { actor: 'crash-test', roles: ['admin'], correlationId: 'c' },
        });
        head.version = commit.lastVersion;
        head.hash = commit.hash;
      }
    }),
  );
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
