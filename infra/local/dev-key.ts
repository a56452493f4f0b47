import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/http/authenticator.js';
import type { Role } from '../../functions/http/principal.js';
import { COMMUNITY_CLAIM, RESIDENT_CLAIM } from '../../functions/identity/token-claims.js';
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
  /**
   * The resident the holder is (the `resident` claim): by default the subject, as locally a person's
   * subject is their resident id; `null` for a token that is no resident's.
   */
  readonly resident?: string | null;
}

/**
 * A token as the stage's identity provider would issue it. On AWS, Cognito's pre-token-generation
 * trigger (`functions/identity/token-claims.handler.ts`) adds `community` and `resident`; locally
 * there is no Cognito, so this does the trigger's job: the API reads the same claims either way.
 */
export async function signDevToken(secret: string, request: TokenRequest): Promise<string> {
  const resident = request.resident === undefined ? request.sub : request.resident;
  return new SignJWT({
    roles: request.roles,
    [COMMUNITY_CLAIM]: request.community,
    ...(resident === null ? {} : { [RESIDENT_CLAIM]: resident }),
  })
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
