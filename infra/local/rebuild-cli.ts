import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projections } from '../../domain/projections.js';
import { rebuildView } from '../../functions/audit/rebuild.js';
import { loadConfig } from '../../functions/config.js';
import { createDependencies } from '../../functions/local.js';
import { defaultTableNames } from './create-tables.js';
import { devSigningSecret } from './dev-key.js';
import { type Engine, startDynalite } from './engine.js';
import { runningServer } from './server-url.js';
import { dataDirOf, endQuietlyOnBrokenPipe, helpAsked } from './shell-tool.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm run rebuild -- --view <name> [--community C]`: rebuilds a live view from history while the
 * server keeps running (its engine's endpoint is in DATA_DIR/engine.json), or on the data folder when
 * no server runs.
 */
async function main() {
  endQuietlyOnBrokenPipe();
  const usage = `usage: npm run rebuild -- --view <name> [--community C]
  rebuilds a live view from history, through the engine of the server running on DATA_DIR (writes keep
  flowing), or on the data folder itself when no server runs there
views: ${projections.map((p) => p.name).join(', ')}`;
  if (helpAsked(process.argv.slice(2))) {
    console.log(usage);
    return;
  }
  const { values } = parseArgs({ options: { view: { type: 'string' }, community: { type: 'string' } } });
  const projection = projections.find((p) => p.name === values.view);
  if (!projection) {
    console.error(usage);
    process.exit(2);
  }
  const dataDir = dataDirOf();
  // The view lives in the engine, not behind the API: the server found is the one running on DATA_DIR.
  const running = runningServer(dataDir);
  let endpoint: string | undefined;
  if (
    running?.url &&
    (await fetch(`${running.url}/openapi.json`)
      .then((r) => r.ok)
      .catch(() => false))
  )
    endpoint = running.endpoint;
  let engine: Engine | undefined;
  if (endpoint)
    console.error(
      `using the engine of ${running!.url} (from the server recorded in ${join(dataDir, 'engine.json')})`,
    );
  else {
    engine = await startDynalite({ path: join(dataDir, 'dynamodb') });
    endpoint = engine.endpoint;
    console.error(`using the data folder ${dataDir} (no server running on it)`);
  }
  const deps = createDependencies(
    loadConfig({
      ...defaultTableNames,
      DYNAMODB_ENDPOINT: endpoint,
      AUTH_MODE: 'local-jwt',
      LOCAL_JWT_SECRET: devSigningSecret(dataDir),
    }),
  );
  const communities = values.community ? [values.community] : await deps.events.communities();
  for (const community of communities) {
    const started = Date.now();
    const result = await rebuildView(
      { events: deps.events, views: deps.views, reveal: deps.revealPersonalData },
      projection,
      community,
    );
    console.log(
      `${community}: ${result.view} — ${result.items} items, ${result.replaced} written, ${result.passes} pass(es), ${Date.now() - started} ms`,
    );
  }
  await engine?.close();
}

main().catch((error) => {
  console.error('rebuild failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
