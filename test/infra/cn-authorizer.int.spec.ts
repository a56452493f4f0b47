import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config.js';
import { authorizerAuthenticator, claimsMappingFrom } from '../../functions/http/authenticator.js';
import { buildApp } from '../../infra/app.js';
import {
  type GatewayAuthorizer,
  type OidcIssuer,
  startOidcIssuer,
  verifyLikeApiGateway,
} from '../support/oidc-issuer.js';

/**
 * The cn stage's HTTP API authorizer as synthesized (issuer and audience from the stage), run
 * against a local OIDC issuer: what it lets through reaches the functions' claims mapping, with the
 * claim names the template gives the functions.
 */
describe('the cn stage authorizer, from its synthesized template, against a local OIDC issuer', () => {
  let issuer: OidcIssuer;
  let other: OidcIssuer;
  let authorizer: GatewayAuthorizer;
  let environment: Record<string, string>;

  beforeAll(async () => {
    [issuer, other] = await Promise.all([startOidcIssuer('haikou'), startOidcIssuer('elsewhere')]);
    const identity = {
      kind: 'oidc',
      issuer: issuer.issuer,
      audience: ['ledger-web'],
      communityClaim: 'ledger_community',
      rolesClaim: 'ledger_roles',
      residentClaim: 'ledger_resident',
    };
    const { stateless } = buildApp(
      new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'cn', ledger: { identity } } }),
    );
    const template = Template.fromStack(stateless);
    const [config] = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer')).map(
      (a) => a.Properties,
    );
    expect(config.AuthorizerType).toBe('JWT');
    authorizer = { issuer: config.JwtConfiguration.Issuer, audience: config.JwtConfiguration.Audience };
    const commands = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Environment.Variables.LEDGER_FUNCTION === 'commands',
    )!;
    environment = commands.Properties.Environment.Variables;
  });
  afterAll(async () => Promise.all([issuer?.close(), other?.close()]));

  const principalOf = async (token: string) => {
    const { claims } = await verifyLikeApiGateway(`Bearer ${token}`, authorizer);
    const authenticator = authorizerAuthenticator(
      claimsMappingFrom(
        loadConfig({
          AUTH_COMMUNITY_CLAIM: environment.AUTH_COMMUNITY_CLAIM,
          AUTH_ROLES_CLAIM: environment.AUTH_ROLES_CLAIM,
          AUTH_RESIDENT_CLAIM: environment.AUTH_RESIDENT_CLAIM,
        }),
      ),
    );
    return authenticator.authenticate({
      requestContext: { authorizer: { jwt: { claims } } },
    } as unknown as APIGatewayProxyEventV2);
  };
  const claims = {
    sub: 'u-1',
    ledger_community: 'haikou-binhai',
    ledger_roles: ['organizer', 'offline_access'],
  };

  it("admits the committee's token and maps its community and roles", async () => {
    expect(authorizer).toEqual({ issuer: issuer.issuer, audience: ['ledger-web'] });
    expect(await principalOf(await issuer.mint(claims, { audience: 'ledger-web' }))).toEqual({
      sub: 'u-1',
      community: 'haikou-binhai',
      roles: ['organizer'],
    });
  });

  it("reads the resident a user is from the stage's resident claim, never from sub (issue 28)", async () => {
    const resident = '01JZ8Q4W3T5X7Y9A2B4C6D8E0F';
    const token = (extra: Record<string, unknown>) =>
      issuer.mint({ ...claims, ledger_roles: ['resident'], ...extra }, { audience: 'ledger-web' });
    expect(await principalOf(await token({ ledger_resident: resident }))).toEqual({
      sub: 'u-1',
      community: 'haikou-binhai',
      roles: ['resident'],
      residentId: resident,
    });
    expect(await principalOf(await token({ sub: resident }))).not.toHaveProperty('residentId');
  });

  it('refuses a token from another issuer, for another audience, or signed by another key', async () => {
    await expect(principalOf(await other.mint(claims, { audience: 'ledger-web' }))).rejects.toThrow();
    await expect(
      principalOf(await other.mint(claims, { audience: 'ledger-web', issuer: issuer.issuer })),
    ).rejects.toThrow();
    await expect(principalOf(await issuer.mint(claims, { audience: 'another-app' }))).rejects.toThrow();
    await expect(
      principalOf(await issuer.mint(claims, { audience: 'ledger-web', key: 'foreign' })),
    ).rejects.toThrow();
    await expect(
      principalOf(await issuer.mint(claims, { audience: 'ledger-web', expiresIn: -10 })),
    ).rejects.toThrow();
  });
});
