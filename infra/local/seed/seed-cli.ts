import { parseArgs } from 'node:util';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken, tokenCommand } from '../dev-key.js';
import { chooseServer, usingLine } from '../server-url.js';
import { dataDirOf, endQuietlyOnBrokenPipe, helpAsked, refusedTokenAdvice } from '../shell-tool.js';
import { seedDemo } from './demo.js';
import { demoLanguageArgument } from './demo-wording.js';
import { httpSeedClient } from './http-client.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = `usage: npm run seed [-- --url URL] [--lang en]
  loads this year's seed plan through the running server, in Chinese unless --lang en (the same as npm start -- --demo)
  --url   the server (default: PORT, else the server recorded in DATA_DIR, else http://127.0.0.1:3000)
  --lang  zh-CN (default) or en`;

/** `npm run seed [-- --url http://127.0.0.1:3000] [--lang en]`: the seed plan of this year (in Chinese unless `--lang en`), through the running server. */
async function main() {
  endQuietlyOnBrokenPipe();
  if (helpAsked(process.argv.slice(2))) {
    console.log(usage);
    return;
  }
  const { values } = parseArgs({
    options: { url: { type: 'string' }, lang: { type: 'string' } },
  });
  const dataDir = dataDirOf();
  const server = chooseServer(dataDir, values.url);
  const { url } = server;
  console.error(usingLine(server));
  const secret = devSigningSecret(dataDir);
  // Before the first write: a server that will not take this data folder's token is said so, once.
  const probe = await signDevToken(secret, { roles: ['admin'], sub: 'demo-seed', community: DEMO_COMMUNITY });
  let status: number;
  try {
    status = (await fetch(`${url}/plans?limit=1`, { headers: { authorization: `Bearer ${probe}` } })).status;
  } catch {
    console.error(`no server answers at ${url}: start it with npm start (or pass --url)`);
    process.exit(1);
  }
  if (status === 401) {
    console.error(refusedTokenAdvice(url, dataDir));
    process.exit(1);
  }
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
