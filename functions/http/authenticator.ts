import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jwtVerify } from 'jose';
import { isCommunity } from '../../domain/shared/ids.js';
import { ApplicationError } from '../app/errors.js';
import type { Config } from '../config.js';
import {
  COMMUNITY_ATTRIBUTE,
  COMMUNITY_CLAIM,
  RESIDENT_ATTRIBUTE,
  RESIDENT_CLAIM,
} from '../identity/token-claims.js';
import { isRole, type Principal } from './principal.js';

export interface Authenticator {
  authenticate(event: APIGatewayProxyEventV2): Promise<Principal>;
}

const unauthorized = (detail: string) => new ApplicationError('unauthenticated', 'unauthorized', detail);

type Claims = Record<string, unknown>;

/**
 * Which claims say the caller's community, roles and resident: each list is tried in order and the
 * first claim present is read. The default is Cognito's (our `community` claim, else the
 * `custom:community` attribute; `roles`, else `cognito:groups`; `resident`, else `custom:resident`);
 * another OIDC provider (Keycloak, Authing…) names its own with AUTH_COMMUNITY_CLAIM, AUTH_ROLES_CLAIM
 * and AUTH_RESIDENT_CLAIM. Names are top-level claim names, taken literally
 * (`https://ledger.example/roles` is one name): API Gateway's HTTP API hands a nested claim such as
 * Keycloak's `realm_access` on as a flattened string (`map[roles:[…]]`), so a provider maps the roles
 * to a top-level claim of their own (in Keycloak a "User Realm Role" mapper with that claim name).
 */
export interface ClaimsMapping {
  readonly community: readonly string[];
  readonly roles: readonly string[];
  readonly resident: readonly string[];
}

export const cognitoClaimsMapping: ClaimsMapping = {
  community: [COMMUNITY_CLAIM, COMMUNITY_ATTRIBUTE],
  roles: ['roles', 'cognito:groups'],
  resident: [RESIDENT_CLAIM, RESIDENT_ATTRIBUTE],
};

/** The mapping the environment asks for; what is not set keeps Cognito's. */
export function claimsMappingFrom(
  config: Pick<Config, 'AUTH_COMMUNITY_CLAIM' | 'AUTH_ROLES_CLAIM' | 'AUTH_RESIDENT_CLAIM'>,
): ClaimsMapping {
  return {
    resident: config.AUTH_RESIDENT_CLAIM ? [config.AUTH_RESIDENT_CLAIM] : cognitoClaimsMapping.resident,
    community: config.AUTH_COMMUNITY_CLAIM ? [config.AUTH_COMMUNITY_CLAIM] : cognitoClaimsMapping.community,
    roles: config.AUTH_ROLES_CLAIM ? [config.AUTH_ROLES_CLAIM] : cognitoClaimsMapping.roles,
  };
}

const firstOf = (claims: Claims, names: readonly string[]) =>
  names.map((name) => claims[name]).find((value) => value !== undefined && value !== null);

/** A string claim holding a list: `[admin organizer]` (API Gateway's rendering of an array), JSON, or words. */
function listIn(raw: string): unknown[] {
  const text = raw.trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: API Gateway's own rendering, read below.
    }
  }
  return text.replace(/^\[|\]$/g, '').split(/[\s,]+/);
}

/**
 * Roles arrive as a JSON array (a verified token's `roles`), or as API Gateway's JWT authorizer
 * renders an array claim (Cognito groups, a Keycloak roles mapper): a string like `[admin organizer]`;
 * a JSON array in a string and a space- or comma-separated string are read too. Values that are not
 * our roles (Keycloak's `offline_access`…) are left out.
 */
export function rolesFromClaims(
  claims: Claims,
  names: readonly string[] = cognitoClaimsMapping.roles,
): Principal['roles'] {
  const raw = firstOf(claims, names);
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? listIn(raw) : [];
  return [...new Set(values.filter((v): v is string => typeof v === 'string').filter(isRole))];
}

/**
 * `exp` in seconds since the epoch: a number in a verified JWT, a string in API Gateway's claims.
 * A token that never expires is refused: a leaked one would be good forever.
 */
function expiresAt(claims: Claims): number | undefined {
  return secondsOf(claims.exp);
}

/** A NumericDate claim: a number in a verified JWT, a string of digits in API Gateway's claims. */
function secondsOf(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) ? seconds : undefined;
}

/** Clocks differ a little between an issuer and us; a token issued further ahead than this is refused. */
const ISSUED_AHEAD_TOLERANCE_SECONDS = 60;

/**
 * What a resident claim may hold: an id without spaces, brackets or `#` (a list rendered by the
 * authorizer, or a key separator, is no resident). Local tokens may name test ids, so no ULID is asked.
 */
const RESIDENT_REFERENCE = /^[A-Za-z0-9_-]{1,64}$/;

export function principalFromClaims(
  claims: Claims,
  mapping: ClaimsMapping = cognitoClaimsMapping,
  now: Date = new Date(),
): Principal {
  const sub = claims.sub;
  const community = firstOf(claims, mapping.community);
  const exp = expiresAt(claims);
  if (exp === undefined) throw unauthorized('the token has no expiry (exp)');
  if (exp * 1000 <= now.getTime()) throw unauthorized('the token has expired');
  // A token dated ahead was minted on a wrong clock, or to outlive its intended window.
  if (claims.iat !== undefined) {
    const iat = secondsOf(claims.iat);
    if (iat === undefined) throw unauthorized('the token has an invalid issue time (iat)');
    if (iat - ISSUED_AHEAD_TOLERANCE_SECONDS > now.getTime() / 1000)
      throw unauthorized('the token is issued in the future (iat)');
  }
  if (typeof sub !== 'string' || sub === '') throw unauthorized('the token has no subject');
  if (typeof community !== 'string' || community === '')
    throw unauthorized(`the token names no community (claim ${mapping.community.join(' or ')})`);
  // Checked, not trusted: the community becomes the prefix of every key this request reads or writes.
  if (!isCommunity(community)) throw unauthorized('the token names no valid community');
  const principal = { sub, community, roles: rolesFromClaims(claims, mapping.roles) };
  // The resident the caller is comes from the deployment's claim only, never from `sub`: a Cognito
  // user's `sub` is the pool's id, and a token without the claim acts for no resident at all.
  const residentId = firstOf(claims, mapping.resident);
  if (residentId === undefined) return principal;
  if (typeof residentId !== 'string' || !RESIDENT_REFERENCE.test(residentId))
    throw unauthorized(`the token names no valid resident (claim ${mapping.resident.join(' or ')})`);
  return { ...principal, residentId };
}

/** On AWS: API Gateway's JWT authorizer has verified the token; its claims are in the request context. */
export function authorizerAuthenticator(mapping: ClaimsMapping = cognitoClaimsMapping): Authenticator {
  return {
    async authenticate(event) {
      const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt
        ?.claims;
      if (!claims) throw unauthorized('missing or invalid bearer token');
      return principalFromClaims(claims, mapping);
    },
  };
}

/** The authorizer's claims read with Cognito's names. */
export const authorizerClaimsAuthenticator: Authenticator = authorizerAuthenticator();

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
