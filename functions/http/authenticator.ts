import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jwtVerify } from 'jose';
import { isCommunity } from '../../domain/shared/ids.js';
import { ApplicationError } from '../app/errors.js';
import { COMMUNITY_ATTRIBUTE, COMMUNITY_CLAIM } from '../identity/token-claims.js';
import { isRole, type Principal } from './principal.js';

export interface Authenticator {
  authenticate(event: APIGatewayProxyEventV2): Promise<Principal>;
}

const unauthorized = (detail: string) => new ApplicationError('unauthenticated', 'unauthorized', detail);

type Claims = Record<string, unknown>;

/**
 * Roles arrive as a JSON array (`roles`), or as Cognito groups, which API Gateway's JWT authorizer
 * flattens into a string like `[admin organizer]`.
 */
export function rolesFromClaims(claims: Claims): Principal['roles'] {
  const raw = claims.roles ?? claims['cognito:groups'];
  let values: unknown[] = [];
  if (Array.isArray(raw)) values = raw;
  else if (typeof raw === 'string') values = raw.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  return values.filter((v): v is string => typeof v === 'string').filter(isRole);
}

/**
 * `exp` in seconds since the epoch: a number in a verified JWT, a string in API Gateway's claims.
 * A token that never expires is refused: a leaked one would be good forever.
 */
function expiresAt(claims: Claims): number | undefined {
  const exp = claims.exp;
  const seconds = typeof exp === 'string' && /^\d{1,12}$/.test(exp) ? Number(exp) : exp;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) ? seconds : undefined;
}

export function principalFromClaims(claims: Claims, now: Date = new Date()): Principal {
  const sub = claims.sub;
  const community = claims[COMMUNITY_CLAIM] ?? claims[COMMUNITY_ATTRIBUTE];
  const exp = expiresAt(claims);
  if (exp === undefined) throw unauthorized('the token has no expiry (exp)');
  if (exp * 1000 <= now.getTime()) throw unauthorized('the token has expired');
  if (typeof sub !== 'string' || sub === '') throw unauthorized('the token has no subject');
  if (typeof community !== 'string' || community === '') throw unauthorized('the token names no community');
  // Checked, not trusted: the community becomes the prefix of every key this request reads or writes.
  if (!isCommunity(community)) throw unauthorized('the token names no valid community');
  return { sub, community, roles: rolesFromClaims(claims) };
}

/** On AWS: API Gateway's JWT authorizer has verified the token; its claims are in the request context. */
export const authorizerClaimsAuthenticator: Authenticator = {
  async authenticate(event) {
    const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt
      ?.claims;
    if (!claims) throw unauthorized('missing or invalid bearer token');
    return principalFromClaims(claims);
  },
};

export const LOCAL_ISSUER = 'community-culture-ledger-local';
export const LOCAL_AUDIENCE = 'community-culture-ledger-api';

/** Locally: the handler verifies the bearer token itself, against the dev key only this machine has. */
export function localJwtAuthenticator(secret: Uint8Array): Authenticator {
  // Imported once: given the raw secret, jose imports it again for every token it verifies.
  const key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return {
    async authenticate(event) {
      const header = event.headers?.authorization ?? event.headers?.Authorization;
      const match = header?.match(/^Bearer\s+(\S+)$/i);
      if (!match) throw unauthorized('missing bearer token');
      try {
        const { payload } = await jwtVerify(match[1]!, await key, {
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          algorithms: ['HS256'],
          requiredClaims: ['exp'],
        });
        return principalFromClaims(payload as Claims);
      } catch (error) {
        if (error instanceof ApplicationError) throw error;
        throw unauthorized('invalid or expired bearer token');
      }
    },
  };
}
