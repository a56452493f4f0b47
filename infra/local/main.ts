import { join, resolve } from 'node:path';
import { devSigningSecret, tokenCommand } from './dev-key.js';
import { bundleDirsIn } from './handlers.js';
import { startLocalRuntime } from './runtime.js';
import { seedDemo } from './seed/demo.js';
import { demoLanguageArgument } from './seed/demo-wording.js';
import { httpSeedClient } from './seed/http-client.js';
import { runningServer } from './server-url.js';
import { dataDirOf, helpAsked } from './shell-tool.js';

// Lambda runs Node.js 22; on this Node 20 laptop runtime the SDK's upgrade notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** `npm start`: the whole backend on this machine, no AWS account, no Docker, no network. */
const usage = `usage: npm start [-- --demo] [-- --bundles cdk.out]
  serves the whole backend on http://127.0.0.1:$PORT (default 3000) with its data in DATA_DIR
  (default the project's .data/; a relative DATA_DIR is read from the folder the command was typed in)
  --demo      load this year's seed plan once the server listens (as npm run seed does)
  --bundles   run the handlers npm run synth bundled, exactly what would be deployed`;

/**
 * Why the engine could not open its folder, in words: LevelDB admits one process at a time, and the
 * one holding it is most likely the server recorded there.
 */
function heldFolderAdvice(dataDir: string, error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/failed to open|lock/i.test(message)) return undefined;
  const holder = runningServer(dataDir);
  if (!holder)
    return `the data folder ${dataDir} is held by another process (its LevelDB lock, ${join(dataDir, 'dynamodb', 'LOCK')}); stop it, or give this server another DATA_DIR`;
  return `the data folder ${dataDir} is held by the server with pid ${holder.pid}${holder.url ? ` (${holder.url})` : ''}: stop it (Ctrl-C where it runs, or kill ${holder.pid}), or give this server another DATA_DIR`;
}

async function main() {
  if (helpAsked(process.argv.slice(2))) {
    console.log(usage);
    return;
  }
  const dataDir = dataDirOf();
  const port = Number(process.env.PORT ?? 3000);
  const started = Date.now();
  // `--bundles cdk.out`: run the handlers `npm run synth` bundled, exactly what would be deployed.
  const bundlesAt = process.argv.indexOf('--bundles');
  const handlers =
    bundlesAt > 0
      ? { kind: 'bundles' as const, dirs: bundleDirsIn(resolve(process.argv[bundlesAt + 1] ?? 'cdk.out')) }
      : { kind: 'source' as const };
  const runtime = await startLocalRuntime({
    dataDir,
    port,
    handlers,
    logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'WARN',
    // The projector and the publisher in a thread of their own, as in functions of their own on AWS.
    consumersInThread: true,
  }).catch((error: unknown) => {
    const held = heldFolderAdvice(dataDir, error);
    if (held) {
      console.error(`could not start: ${held}`);
      process.exit(1);
    }
    throw error;
  });
  console.log(
    `Community Culture Ledger is listening on ${runtime.url} (ready in ${Date.now() - started} ms)`,
  );
  console.log(`  data:      ${dataDir}`);
  console.log(
    `  handlers:  ${handlers.kind === 'bundles' ? `bundles in ${process.argv[bundlesAt + 1] ?? 'cdk.out'}` : 'source'}`,
  );
  console.log(`  API docs:  ${runtime.url}/docs   (OpenAPI: ${runtime.url}/openapi.json)`);
  const token = tokenCommand(dataDir);
  console.log(
    `  a token:   ${token} --role organizer   (roles: admin organizer resident judge leader auditor)`,
  );
  console.log(
    `  try:       curl -H "Authorization: Bearer $(${token} --role admin)" ${runtime.url}/residents`,
  );
  console.log('Press Ctrl-C to stop; data is kept for the next start.');
  if (process.argv.includes('--demo')) {
    const client = await httpSeedClient(runtime.url, devSigningSecret(dataDir));
    const result = await seedDemo(client, new Date(), (line) => console.log(`demo: ${line}`), {
      lang: demoLanguageArgument(process.argv),
    });
    await runtime.dispatcher.idle();
    console.log(`demo: plan ${result.planId} for ${result.year} is loaded`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await runtime.close();
    console.log('stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error('could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
