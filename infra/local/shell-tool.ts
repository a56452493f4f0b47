import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDirOfServerAt } from './server-url.js';
import { fromWhereTheUserIs } from './user-paths.js';

/** The project's own folder: the default data folder is its `.data/`, wherever the command was typed. */
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The data folder a tool (or `npm start`) uses: `DATA_DIR` read from the folder the command was typed
 * in (as `--out` is), else the project's `.data/`.
 */
export function dataDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATA_DIR ? fromWhereTheUserIs(env.DATA_DIR, env) : join(projectRoot, '.data');
}

/** `--help` or `-h` anywhere on the line: the tool prints its usage on stdout and exits 0. */
export function helpAsked(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * A reader that stops early (`| head -1`, a pager closed) is not a failure: the tool ends quietly with
 * exit 0 instead of an EPIPE stack trace.
 */
export function endQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}

/**
 * Why a server refused this tool's token (401), and what to do: the tool signs with its data folder's
 * key, and a server accepts only tokens signed with the key of the data folder it was started on
 * (named when that server recorded it on this machine).
 */
export function refusedTokenAdvice(url: string, dataDir: string): string {
  const signed = `the server at ${url} refused this tool's token (401): it was signed with the key in ${join(dataDir, 'dev-signing-key')}`;
  const serversDir = dataDirOfServerAt(url);
  if (serversDir && serversDir !== dataDir)
    return `${signed}, and that server runs on ${serversDir}: run the tool with DATA_DIR=${JSON.stringify(serversDir)}`;
  return (
    `${signed}, and that server was started on another data folder; ` +
    `give the tool that folder (DATA_DIR=… as npm start printed under "data:"), or pass --url for the server started on ${dataDir}`
  );
}
