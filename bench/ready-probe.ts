/**
 * One start of the local runtime on a data folder, as `npm start` does it: prints how long until the
 * server answers, then exits at once (no clean stop, so no checkpoint is saved and every probe finds
 * the whole history still to catch up: the worst case for start-up).
 */
import { startLocalRuntime } from '../infra/local/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const started = performance.now();
const runtime = await startLocalRuntime({ dataDir: process.argv[2]!, logLevel: 'SILENT' });
const answered = await fetch(`${runtime.url}/openapi.json`);
if (!answered.ok) throw new Error(`the server answered ${answered.status}`);
process.stdout.write(`${(performance.now() - started).toFixed(1)}\n`);
process.exit(0);
