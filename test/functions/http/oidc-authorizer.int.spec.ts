import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/config.js';
import { authorizerAuthenticator, claimsMappingFrom } from '../../../functions/http/authenticator.js';
import {
  type GatewayAuthorizer,
  type OidcIssuer,
  rendered,
  startOidcIssuer,
  verifyLikeApiGateway,
} from '../../support/oidc-issuer.js';

/** A Keycloak-style access token: realm roles nested, the ledger's own claims mapped to top level. */
const keycloakClaims = {
  sub: '8f6a2c1e-4b7d-4e0a-9c55-2d1f0b7a9e31',
  typ: 'Bearer',
  azp: 'ledger-web',
  preferred_username: 'li.wei',
  realm_access: { roles: ['offline_access', 'organizer'] },
  ledger_community: 'haikou-binhai',
  ledger_roles: ['organizer', 'offline_access', 'leader'],
};

/** The stage's environment for the commands and queries functions. */
const authenticator = authorizerAuthenticator(
  claimsMappingFrom(
    loadConfig({ AUTH_COMMUNITY_CLAIM: 'ledger_community', AUTH_ROLES_CLAIM: 'ledger_roles' }),
  ),
);

const eventWith = (claims: Record<string, string>) =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2;

describe('the HTTP API JWT authorizer against a local OIDC issuer (issue 30)', () => {
  let issuer: OidcIssuer;
  let other: OidcIssuer;
  let authorizer: GatewayAuthorizer;
  beforeAll(async () => {
    [issuer, other] = await Promise.all([startOidcIssuer('haikou'), startOidcIssuer('elsewhere')]);
    authorizer = { issuer: issuer.issuer, audience: ['ledger-api'] };
  });
  afterAll(async () => Promise.all([issuer?.close(), other?.close()]));

  const refusal = async (token: string, config: GatewayAuthorizer = authorizer) =>
    verifyLikeApiGateway(token, config).then(
      () => 'accepted',
      (error: Error) => `${error.name}: ${error.message}`,
    );

  it('accepts its token for the audience, found through discovery, and the API reads the principal', async () => {
    const token = await issuer.mint(keycloakClaims, { audience: ['ledger-api', 'account'] });
    issuer.requests.length = 0;
    const { claims } = await verifyLikeApiGateway(`Bearer ${token}`, authorizer);
    expect(issuer.requests).toEqual([
      '/realms/haikou/.well-known/openid-configuration',
      '/realms/haikou/protocol/openid-connect/certs',
    ]);
    // As the integration receives them: strings, arrays and objects flattened.
    expect(claims).toMatchObject({
      iss: issuer.issuer,
      aud: '[ledger-api account]',
      ledger_roles: '[organizer offline_access leader]',
      realm_access: 'map[roles:[offline_access organizer]]',
    });
    expect(claims.exp).toMatch(/^\d{10}$/);
    await expect(authenticator.authenticate(eventWith(claims))).resolves.toEqual({
      sub: keycloakClaims.sub,
      community: 'haikou-binhai',
      roles: ['organizer', 'leader'],
    });
  });

  it('reads client_id only when the token has no aud (Keycloak and Cognito access tokens)', async () => {
    const withClientId = await issuer.mint({ ...keycloakClaims, client_id: 'ledger-api' });
    await expect(verifyLikeApiGateway(withClientId, authorizer)).resolves.toBeDefined();
    const audWins = await issuer.mint(
      { ...keycloakClaims, client_id: 'ledger-api' },
      { audience: 'account' },
    );
    expect(await refusal(audWins)).toMatch(/aud matches no configured audience/);
  });

  it('refuses a token from another issuer, or naming another, or claiming this one with another key', async () => {
    expect(await refusal(await other.mint(keycloakClaims, { audience: 'ledger-api' }))).toMatch(
      /kid elsewhere-rs256 names no key/,
    );
    expect(
      await refusal(await issuer.mint(keycloakClaims, { audience: 'ledger-api', issuer: other.issuer })),
    ).toMatch(/unexpected "iss" claim value/);
    const impostor = await other.mint(keycloakClaims, { audience: 'ledger-api', issuer: issuer.issuer });
    expect(await refusal(impostor)).toMatch(/^GatewayRefusal: kid elsewhere-rs256 names no key/);
    // The authorizer of another stage, pointed at the other issuer, refuses this issuer's tokens.
    const token = await issuer.mint(keycloakClaims, { audience: 'ledger-api' });
    expect(await refusal(token, { issuer: other.issuer, audience: ['ledger-api'] })).toMatch(/names no key/);
  });

  it('refuses a token for another audience, and one with neither aud nor client_id', async () => {
    expect(await refusal(await issuer.mint(keycloakClaims, { audience: 'another-api' }))).toMatch(
      /aud matches no configured audience/,
    );
    expect(await refusal(await issuer.mint(keycloakClaims))).toMatch(
      /client_id matches no configured audience/,
    );
  });

  it('refuses a token signed by a key not in the JWKS, under the right kid or another', async () => {
    expect(
      await refusal(await issuer.mint(keycloakClaims, { audience: 'ledger-api', key: 'foreign' })),
    ).toMatch(/signature verification failed/);
    expect(
      await refusal(await issuer.mint(keycloakClaims, { audience: 'ledger-api', kid: 'rotated-away' })),
    ).toMatch(/kid rotated-away names no key/);
    expect(await refusal(await issuer.mint(keycloakClaims, { audience: 'ledger-api', kid: null }))).toMatch(
      /kid \(none\) names no key/,
    );
  });

  it('refuses an expired token, one not yet valid, and one issued in the future', async () => {
    expect(
      await refusal(await issuer.mint(keycloakClaims, { audience: 'ledger-api', expiresIn: -5 })),
    ).toMatch(/"exp" claim timestamp check failed/);
    expect(
      await refusal(await issuer.mint(keycloakClaims, { audience: 'ledger-api', notBefore: 120 })),
    ).toMatch(/"nbf" claim timestamp check failed/);
    expect(
      await refusal(await issuer.mint(keycloakClaims, { audience: 'ledger-api', issuedAt: 120 })),
    ).toMatch(/iat is in the future/);
  });

  it('refuses what is not RS256: an unsigned token, and one signed with a shared secret', async () => {
    const unsigned = new UnsecuredJWT(keycloakClaims)
      .setIssuer(issuer.issuer)
      .setAudience('ledger-api')
      .setExpirationTime('5m')
      .encode();
    expect(await refusal(unsigned)).toMatch(/^GatewayRefusal/);
    const hs256 = await new SignJWT(keycloakClaims)
      .setProtectedHeader({ alg: 'HS256', kid: issuer.kid })
      .setIssuer(issuer.issuer)
      .setAudience('ledger-api')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));
    expect(await refusal(hs256)).toMatch(/"alg" \(Algorithm\) Header Parameter value not allowed/);
  });

  it('holds a route to its scopes when it has any (scope or scp)', async () => {
    const scoped = { ...authorizer, scopes: ['ledger/write'] };
    const token = (scope: string) => issuer.mint({ ...keycloakClaims, scope }, { audience: 'ledger-api' });
    await expect(verifyLikeApiGateway(await token('openid ledger/write'), scoped)).resolves.toBeDefined();
    expect(await refusal(await token('openid profile'), scoped)).toMatch(/none of the route scopes/);
  });

  it('a token it accepts still needs the community claim the stage names', async () => {
    const { ledger_community: _c, ...withoutCommunity } = keycloakClaims;
    const { claims } = await verifyLikeApiGateway(
      await issuer.mint(withoutCommunity, { audience: 'ledger-api' }),
      authorizer,
    );
    await expect(authenticator.authenticate(eventWith(claims))).rejects.toThrow(/names no community/);
    const grouped = await verifyLikeApiGateway(
      await issuer.mint(
        { ...keycloakClaims, ledger_community: ['haikou-binhai'] },
        { audience: 'ledger-api' },
      ),
      authorizer,
    );
    expect(grouped.claims.ledger_community).toBe('[haikou-binhai]');
    await expect(authenticator.authenticate(eventWith(grouped.claims))).rejects.toThrow(/no valid community/);
  });

  it('renders claims as the authorizer does', () => {
    expect(rendered({ b: [1, true], a: 'x' })).toBe('map[a:x b:[1 true]]');
    expect(rendered(1767225600)).toBe('1767225600');
  });
});
