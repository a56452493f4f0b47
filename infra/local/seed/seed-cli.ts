import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { devSigningSecret, tokenCommand } from '../dev-key.js';
import { localServerUrl } from '../server-url.js';
import { seedDemo } from './demo.js';
import { demoLanguageArgument } from './demo-wording.js';
import { httpSeedClient } from './http-client.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** `npm run seed [-- --url http://127.0.0.1:3000] [--lang en]`: the seed plan of this year (in Chinese unless `--lang en`), through the running server. */
async function main() {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, lang: { type: 'string' } },
  });
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const url = localServerUrl(dataDir, values.url);
  try {
    await fetch(`${url}/openapi.json`);
  } catch {
    console.error(`no server answers at ${url}: start it with npm start (or pass --url)`);
    process.exit(1);
  }
  const secret = devSigningSecret(dataDir);
  const started = Date.now();
  const client = await httpSeedClient(url, secret);
  const result = await seedDemo(client, new Date(), (line) => console.log(`seed: ${line}`), {
    lang: demoLanguageArgument(['--lang', values.lang ?? 'zh-CN']),
  });
  // "Done" means a reader sees it all: every stream written is projected.
  await client.settled();
  console.log(
    `seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s — plan ${result.planId} (${result.year})`,
  );
  console.log(
    `  see it: curl -H "Authorization: Bearer $(${tokenCommand(dataDir)} --role organizer)" "${url}/activities?planId=${result.planId}&limit=100"`,
  );
}

main().catch((error) => {
  console.error('seed failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
