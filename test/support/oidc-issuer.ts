import { createServer } from 'node:http';
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

/**
 * A local OpenID Connect issuer, as a committee's own provider (Keycloak, Authing…) would be for the
 * China stage's HTTP API: `${issuer}/.well-known/openid-configuration` names the issuer and its
 * `jwks_uri`, which serves the public half of an RS256 key made at start. Tokens are signed by
 * `mint`; `key: 'foreign'` signs with a key that is not in the JWKS but carries the same `kid`, so
 * only the signature can tell it apart.
 */
export interface OidcIssuer {
  /** `http://127.0.0.1:<port>/realms/<realm>`: what the authorizer's `issuer` is set to. */
  readonly issuer: string;
  readonly jwksUri: string;
  /** The `kid` of its signing key (`<realm>-rs256`). */
  readonly kid: string;
  /** The paths asked of this issuer, in order (discovery, then keys). */
  readonly requests: string[];
  mint(claims: JWTPayload, options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export interface MintOptions {
  /** `aud`; none when omitted (then API Gateway reads `client_id`). */
  readonly audience?: string | readonly string[];
  /** Seconds from now to `exp` (negative: already expired). Default 300. */
  readonly expiresIn?: number;
  /** Seconds from now to `nbf`, when there should be one. */
  readonly notBefore?: number;
  /** Seconds from now to `iat`. Default 0. */
  readonly issuedAt?: number;
  /** `own` (in the JWKS, the default) or `foreign` (same `kid`, another key). */
  readonly key?: 'own' | 'foreign';
  /** Overrides the header's `kid` (`null`: no `kid` at all). */
  readonly kid?: string | null;
  /** Overrides `iss` (a token naming this issuer but signed elsewhere, or the reverse). */
  readonly issuer?: string;
}

export async function startOidcIssuer(realm = 'haikou'): Promise<OidcIssuer> {
  const KID = `${realm}-rs256`;
  const own = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const jwks: JSONWebKeySet = {
    keys: [{ ...(await exportJWK(own.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }],
  };
  const requests: string[] = [];
  const base = `/realms/${realm}`;
  let issuer = '';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const body =
      path === `${base}/.well-known/openid-configuration`
        ? {
            issuer,
            jwks_uri: `${issuer}/protocol/openid-connect/certs`,
            authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
            token_endpoint: `${issuer}/protocol/openid-connect/token`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
          }
        : path === `${base}/protocol/openid-connect/certs`
          ? jwks
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  issuer = `http://127.0.0.1:${port}${base}`;

  const mint = async (claims: JWTPayload, options: MintOptions = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const kid = options.kid === undefined ? KID : options.kid;
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid === null ? {} : { kid }) })
      .setIssuer(options.issuer ?? issuer)
      .setIssuedAt(now + (options.issuedAt ?? 0))
      .setExpirationTime(now + (options.expiresIn ?? 300));
    if (options.audience !== undefined) jwt = jwt.setAudience([options.audience].flat());
    if (options.notBefore !== undefined) jwt = jwt.setNotBefore(now + options.notBefore);
    const key = options.key === 'foreign' ? foreign.privateKey : own.privateKey;
    return jwt.sign(key);
  };

  return {
    issuer,
    jwksUri: `${issuer}/protocol/openid-connect/certs`,
    kid: KID,
    requests,
    mint,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Why the modelled authorizer refused a token (API Gateway itself answers 401 with no reason). */
export class GatewayRefusal extends Error {
  override name = 'GatewayRefusal';
}

export interface GatewayAuthorizer {
  /** The authorizer's `JwtConfiguration.Issuer`. */
  readonly issuer: string;
  /** The authorizer's `JwtConfiguration.Audience`. */
  readonly audience: readonly string[];
  /** The route's `AuthorizationScopes`, if it has any. */
  readonly scopes?: readonly string[];
}

/**
 * What API Gateway's HTTP API JWT authorizer does with a request's token, as AWS documents it
 * ("Control access to HTTP APIs with JWT authorizers", the evaluation workflow; the same text on
 * docs.amazonaws.cn for the China regions):
 *
 * 1. The identity source holds the token alone or prefixed with `Bearer `.
 * 2. The token is decoded; its algorithm and signature are checked against the public keys from the
 *    issuer's `jwks_uri` (found through `${issuer}/.well-known/openid-configuration`). Only RSA-based
 *    algorithms are supported; this model accepts RS256 only, what the stage's issuer signs with.
 *    API Gateway may cache the keys for up to two hours; this model fetches them for every token.
 * 3. Claims: `kid` in the header must name a key of the `jwks_uri`; `iss` must equal the configured
 *    issuer; `aud` must match one configured audience, and only when there is no `aud` is `client_id`
 *    matched instead; `exp` must be after now, `nbf` and `iat` before now (UTC); with route scopes,
 *    `scope` or `scp` must hold one of them. Any failure refuses the request (401).
 * 4. The verified claims reach the integration as strings in `requestContext.authorizer.jwt.claims`:
 *    numbers as digits, an array as `[a b]`, an object as `map[k:v]` (Go's rendering).
 *
 * Where the documentation is silent this model is the stricter: a token without `exp` is refused
 * (the API refuses it anyway), and no clock skew is allowed.
 */
export async function verifyLikeApiGateway(
  identitySource: string,
  authorizer: GatewayAuthorizer,
): Promise<{ readonly claims: Record<string, string>; readonly payload: JWTPayload }> {
  const token = identitySource.replace(/^Bearer /, '');
  const discovery = (await fetchJson(
    `${authorizer.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
  )) as { jwks_uri?: string };
  if (!discovery.jwks_uri) throw new GatewayRefusal('the discovery document names no jwks_uri');
  const jwks = (await fetchJson(discovery.jwks_uri)) as JSONWebKeySet;
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new GatewayRefusal('the token cannot be decoded');
  }
  if (!kid || !jwks.keys.some((key) => key.kid === kid))
    throw new GatewayRefusal(`kid ${kid ?? '(none)'} names no key of the jwks_uri`);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      algorithms: ['RS256'],
      issuer: authorizer.issuer,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    throw new GatewayRefusal(`invalid token: ${(error as Error).message}`);
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.iat === 'number' && payload.iat > now) throw new GatewayRefusal('iat is in the future');
  const audiences = payload.aud !== undefined ? [payload.aud].flat() : [payload.client_id].filter(Boolean);
  if (!audiences.some((a) => typeof a === 'string' && authorizer.audience.includes(a)))
    throw new GatewayRefusal(
      `${payload.aud !== undefined ? 'aud' : 'client_id'} matches no configured audience`,
    );
  if (authorizer.scopes?.length) {
    const granted = String(payload.scope ?? payload.scp ?? '').split(' ');
    if (!authorizer.scopes.some((scope) => granted.includes(scope)))
      throw new GatewayRefusal('the token holds none of the route scopes');
  }
  const claims = Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, rendered(value)]));
  return { claims, payload };
}

async function fetchJson(url: string): Promise<unknown> {
  const answer = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!answer.ok) throw new GatewayRefusal(`${url} answered ${answer.status}`);
  return answer.json();
}

/** A claim value as the authorizer hands it on: a string, arrays and objects in Go's `%v` form. */
export function rendered(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(rendered).join(' ')}]`;
  if (value !== null && typeof value === 'object')
    return `map[${Object.keys(value)
      .sort()
      .map((key) => `${key}:${rendered((value as Record<string, unknown>)[key])}`)
      .join(' ')}]`;
  return String(value);
}
