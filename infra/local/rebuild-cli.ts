import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projections } from '../../domain/projections.js';
import { rebuildView } from '../../functions/audit/rebuild.js';
import { loadConfig } from '../../functions/config.js';
import { createDependencies } from '../../functions/local.js';
import { defaultTableNames } from './create-tables.js';
import { devSigningSecret } from './dev-key.js';
import { type Engine, startDynalite } from './engine.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm run rebuild -- --view <name> [--community C]`: rebuilds a live view from history while the
 * server keeps running (its engine's endpoint is in DATA_DIR/engine.json), or on the data folder when
 * no server runs.
 */
async function main() {
  const { values } = parseArgs({ options: { view: { type: 'string' }, community: { type: 'string' } } });
  const projection = projections.find((p) => p.name === values.view);
  if (!projection) {
    console.error(
      `usage: npm run rebuild -- --view <name> [--community C]\nviews: ${projections.map((p) => p.name).join(', ')}`,
    );
    process.exit(2);
  }
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  let endpoint: string | undefined;
  try {
    const running = JSON.parse(readFileSync(join(dataDir, 'engine.json'), 'utf8')) as {
      endpoint?: string;
      url?: string;
    };
    if (
      running.url &&
      (await fetch(`${running.url}/openapi.json`)
        .then((r) => r.ok)
        .catch(() => false))
    )
      endpoint = running.endpoint;
  } catch {
    // no server has run here yet
  }
  let engine: Engine | undefined;
  if (!endpoint) {
    engine = await startDynalite({ path: join(dataDir, 'dynamodb') });
    endpoint = engine.endpoint;
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
