import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ApplicationError } from '../../../functions/app/errors.js';
import { loadConfig } from '../../../functions/config.js';
import {
  authorizerAuthenticator,
  claimsMappingFrom,
  cognitoClaimsMapping,
  principalFromClaims,
  rolesFromClaims,
} from '../../../functions/http/authenticator.js';

/** The event API Gateway's JWT authorizer hands on: every claim a string. */
const withClaims = (claims: Record<string, string>) =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2;

const inAnHour = String(Math.floor(Date.now() / 1000) + 3600);

/** A Keycloak access token's claims after API Gateway: the realm's roles nested, hence flattened. */
const keycloak = {
  sub: '8f6a2c1e-4b7d-4e0a-9c55-2d1f0b7a9e31',
  exp: inAnHour,
  iss: 'https://id.haikou.example.cn/realms/haikou',
  azp: 'ledger-web',
  typ: 'Bearer',
  realm_access: 'map[roles:[offline_access uma_authorization organizer]]',
  ledger_community: 'haikou-binhai',
  ledger_roles: '[organizer offline_access leader]',
};

const keycloakMapping = claimsMappingFrom(
  loadConfig({ AUTH_COMMUNITY_CLAIM: 'ledger_community', AUTH_ROLES_CLAIM: 'ledger_roles' }),
);

async function refusal(claims: Record<string, string>) {
  try {
    await authorizerAuthenticator(keycloakMapping).authenticate(withClaims(claims));
    return undefined;
  } catch (error) {
    return error instanceof ApplicationError ? `${error.kind}: ${error.message}` : error;
  }
}

describe('claims mapping for an OIDC provider other than Cognito (issue 30)', () => {
  it('unset, it is Cognito’s: community, else custom:community; roles, else cognito:groups; resident, else custom:resident', () => {
    expect(claimsMappingFrom(loadConfig({}))).toEqual(cognitoClaimsMapping);
    expect(cognitoClaimsMapping).toEqual({
      community: ['community', 'custom:community'],
      roles: ['roles', 'cognito:groups'],
      resident: ['resident', 'custom:resident'],
    });
    expect(claimsMappingFrom(loadConfig({ AUTH_ROLES_CLAIM: 'groups' }))).toEqual({
      community: ['community', 'custom:community'],
      roles: ['groups'],
      resident: ['resident', 'custom:resident'],
    });
    expect(claimsMappingFrom(loadConfig({ AUTH_RESIDENT_CLAIM: 'ledger_resident' })).resident).toEqual([
      'ledger_resident',
    ]);
  });

  it('a principal from Keycloak-style claims with the configured names; roles not ours are left out', async () => {
    await expect(
      authorizerAuthenticator(keycloakMapping).authenticate(withClaims(keycloak)),
    ).resolves.toEqual({
      sub: keycloak.sub,
      community: 'haikou-binhai',
      roles: ['organizer', 'leader'],
    });
  });

  it('the configured names alone: Cognito’s claims in the same token are not read', async () => {
    const { ledger_community: _c, ledger_roles: _r, ...rest } = keycloak;
    expect(await refusal({ ...rest, community: 'haikou-binhai' })).toMatch(
      /^unauthenticated: .*names no community \(claim ledger_community\)/,
    );
    expect(
      principalFromClaims({ ...keycloak, roles: '[admin]', 'cognito:groups': '[admin]' }, keycloakMapping)
        .roles,
    ).toEqual(['organizer', 'leader']);
  });

  it('refused when the community claim is missing or malformed', async () => {
    const { ledger_community: _c, ...without } = keycloak;
    expect(await refusal(without)).toMatch(/^unauthenticated/);
    // A group mapper's array, flattened; another tenant's key prefix; a path; empty.
    for (const community of ['[haikou-binhai]', 'haikou#K', 'haikou/binhai', 'Haikou', ''])
      expect(await refusal({ ...keycloak, ledger_community: community })).toMatch(/^unauthenticated/);
  });

  it('a verified token’s own types are read too (an array claim, a numeric exp)', () => {
    const now = new Date();
    expect(
      principalFromClaims(
        {
          sub: 'u-1',
          exp: Math.floor(now.getTime() / 1000) + 60,
          ledger_community: 'haikou-binhai',
          ledger_roles: ['judge', 'resident', 'judge'],
        },
        keycloakMapping,
        now,
      ),
    ).toEqual({ sub: 'u-1', community: 'haikou-binhai', roles: ['judge', 'resident'] });
    const exp = Math.floor(now.getTime() / 1000) + 60;
    expect(() =>
      principalFromClaims({ sub: 'u-1', exp, ledger_community: ['haikou-binhai'] }, keycloakMapping, now),
    ).toThrow(/names no community/);
  });

  it.each([
    ['an array', ['admin', 'auditor']],
    ['API Gateway’s rendering of an array', '[admin auditor]'],
    ['a JSON array in a string', '["admin","auditor"]'],
    ['space-separated', 'admin auditor'],
    ['comma-separated', 'admin, auditor'],
    ['words with one not ours', 'admin auditor offline_access'],
  ])('roles as %s', (_form, value) => {
    expect(rolesFromClaims({ ledger_roles: value }, ['ledger_roles'])).toEqual(['admin', 'auditor']);
  });

  it('a nested claim is not read through a dotted name: API Gateway flattened it already', () => {
    const mapping = claimsMappingFrom(
      loadConfig({ AUTH_COMMUNITY_CLAIM: 'ledger_community', AUTH_ROLES_CLAIM: 'realm_access.roles' }),
    );
    expect(principalFromClaims(keycloak, mapping).roles).toEqual([]);
    expect(
      rolesFromClaims({ 'https://ledger.example/roles': '[leader]' }, ['https://ledger.example/roles']),
    ).toEqual(['leader']);
  });

  it('no roles claim is no roles, not a refusal', () => {
    const { ledger_roles: _r, ...without } = keycloak;
    expect(principalFromClaims(without, keycloakMapping).roles).toEqual([]);
  });
});
