import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/http/authenticator.js';
import type { Role } from '../../functions/http/principal.js';
import { COMMUNITY_CLAIM } from '../../functions/identity/token-claims.js';
import { dataDirOf } from './shell-tool.js';

/** The community `npm run seed` fills, and the one tokens are for unless `--community` says otherwise. */
export const DEMO_COMMUNITY = 'demo';

/**
 * The local signing key lives in the data folder, made on first use: nothing in the repository can
 * sign a token, and only this machine's server accepts tokens signed with it.
 */
export function devSigningSecret(dataDir: string): string {
  const file = join(dataDir, 'dev-signing-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

export interface TokenRequest {
  readonly roles: readonly Role[];
  readonly sub: string;
  readonly community: string;
  readonly expiresIn?: string;
}

export async function signDevToken(secret: string, request: TokenRequest): Promise<string> {
  return new SignJWT({ roles: request.roles, [COMMUNITY_CLAIM]: request.community })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(secret));
}

/**
 * The shell command that signs a token with this data folder's key: `npm run -s token --`, with
 * `DATA_DIR=…` in front when the folder is not the default, so the printed hint works as printed.
 */
export function tokenCommand(dataDir: string, defaultDir = dataDirOf({})): string {
  const prefix = resolve(dataDir) === defaultDir ? '' : `DATA_DIR=${JSON.stringify(resolve(dataDir))} `;
  return `${prefix}npm run -s token --`;
}
