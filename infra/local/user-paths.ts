import { resolve } from 'node:path';

/**
 * A path the user typed, read from the folder they typed it in: `npm run` starts scripts in the
 * project's root, and says where the user was in INIT_CWD.
 */
export function fromWhereTheUserIs(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.INIT_CWD ?? process.cwd(), path);
}
