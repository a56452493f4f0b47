import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create as deployedCommands } from '../../functions/composition/commands.handler.js';
import { loadConfig } from '../../functions/config.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/http/authenticator.js';
import { lambdaContext } from '../../infra/local/api-gateway-event.js';
import { defaultTableNames } from '../../infra/local/create-tables.js';
import { DEMO_COMMUNITY, signDevToken } from '../../infra/local/dev-key.js';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';
import { type OidcIssuer, startOidcIssuer, verifyLikeApiGateway } from '../support/oidc-issuer.js';

type Answer = Record<string, unknown> & { id: string; code: string; detail: string };
type Attendee = { residentId: string; method: string };

/** A user pool's `sub`: its own id for the user, never a resident's. */
const COGNITO_SUB = '5b7c4e1a-90d2-4f3e-8c6b-1a2d3e4f5a6b';
const PAGES_CLIENT = '4n8s2kq7c1v5m3p9r6t0w2y4z8';

/**
 * Issue 28: on AWS a resident signs in through the user pool, whose `sub` is not their id in the
 * ledger. The resident they are travels in the `resident` claim, which only the deployment sets
 * (Cognito's pre-token-generation trigger, from an attribute only administrators write; locally
 * `npm run token`), and that claim, not `sub`, is whom they act for.
 */
describe('a resident acts as the resident their account is linked to, whatever its sub (issue 28)', () => {
  let api: TestApi;
  let organizer: string;
  const residents: string[] = [];
  let now: string;
  let later: string;
  let ticket: string;
  // Thursday 10 September 2026, 10:00 in Shanghai.
  const clock = new ManualClock('2026-09-10T02:00:00Z');

  beforeAll(async () => {
    api = await startApi({ clock });
    organizer = await api.token('organizer');
    const admin = await api.token('admin');
    const planId = (
      await api
        .as(admin)
        .accepted('/plans', { communityName: '金星社区', year: 2026, title: '2026年文化服务' })
    ).id;
    for (let i = 0; i < 2; i++)
      residents.push(
        (await api.as(admin).accepted('/residents', { name: `居民${i}`, householdId: `H-${i}` })).id,
      );
    const activity = (start: string, end: string) =>
      api.as(organizer).accepted('/activities', {
        planId,
        category: 'legal-education',
        format: 'lecture',
        title: '宪法宣传讲座',
        window: { start, end },
      });
    now = (await activity('2026-09-10T09:30:00+08:00', '2026-09-10T11:30:00+08:00')).id;
    later = (await activity('2026-09-20T09:30:00+08:00', '2026-09-20T11:30:00+08:00')).id;
    ticket = (await api.as(organizer).get<{ ticket: string }>(`/activities/${now}/check-in-link`)).body
      .ticket;
  });
  afterAll(async () => api?.close());

  const checkIn = (token: string, residentId: string) =>
    api.as(token).post<Answer>(`/activities/${now}/attendance`, { residentId, method: 'qr', ticket });

  it("checks in from the QR code as the claim's resident, with a sub that is no resident's (local tokens)", async () => {
    const linked = await signDevToken(api.runtime.secret, {
      roles: ['resident'],
      sub: COGNITO_SUB,
      resident: residents[0],
      community: DEMO_COMMUNITY,
    });
    expect((await checkIn(linked, residents[0]!)).status).toBe(201);
    const shown = await api.as(organizer).get<{ attendees: Attendee[] }>(`/activities/${now}`);
    expect(shown.body.attendees).toEqual([
      expect.objectContaining({ residentId: residents[0], method: 'qr' }),
    ]);
    // The claim is whom they act for: not another resident.
    expect((await checkIn(linked, residents[1]!)).status).toBe(403);
  });

  it('refuses a token without the claim even when its sub is the resident id, and a forged claim', async () => {
    const unlinked = await signDevToken(api.runtime.secret, {
      roles: ['resident'],
      sub: residents[1]!,
      resident: null,
      community: DEMO_COMMUNITY,
    });
    const refused = await checkIn(unlinked, residents[1]!);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/not linked to a resident of the ledger; ask an administrator/);
    // The same claims, signed by a key that is not the server's: refused before anything is read.
    const forged = await new SignJWT({
      roles: ['resident'],
      community: DEMO_COMMUNITY,
      resident: residents[1],
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(COGNITO_SUB)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-servers-key-0123456789abcdef'));
    expect((await checkIn(forged, residents[1]!)).status).toBe(401);
    const shown = await api.as(organizer).get<{ attendees: Attendee[] }>(`/activities/${now}`);
    expect(shown.body.attendees.map((a) => a.residentId)).toEqual([residents[0]]);
  });

  describe('on AWS: the user pool signs, the JWT authorizer verifies, the commands function reads the claim', () => {
    let pool: OidcIssuer;
    let commands: ReturnType<typeof deployedCommands>;
    beforeAll(async () => {
      // The user pool's issuer and JWKS, as API Gateway finds them (RS256, discovery document).
      pool = await startOidcIssuer('ap-southeast-1_AbCdEfGhI');
      // The commands function as the stack configures it (AUTH_MODE authorizer), on the same tables.
      commands = deployedCommands(
        loadConfig({
          ...defaultTableNames,
          DYNAMODB_ENDPOINT: api.runtime.endpoint,
          AUTH_MODE: 'authorizer',
        }),
        { clock, logger: new Logger({ logLevel: 'SILENT' }) },
      );
    });
    afterAll(async () => pool?.close());

    /** An access token of the pages' client as Cognito issues it after the trigger: no aud, client_id. */
    const accessToken = (claims: Record<string, unknown>, key: 'own' | 'foreign' = 'own') =>
      pool.mint(
        {
          sub: COGNITO_SUB,
          'cognito:groups': ['resident'],
          token_use: 'access',
          scope: 'openid',
          client_id: PAGES_CLIENT,
          username: COGNITO_SUB,
          community: DEMO_COMMUNITY,
          ...claims,
        },
        { key },
      );

    /** What API Gateway does with the request: verify, then hand the claims on as strings. */
    const register = async (token: string, residentId: string) => {
      const { claims } = await verifyLikeApiGateway(`Bearer ${token}`, {
        issuer: pool.issuer,
        audience: [PAGES_CLIENT],
      });
      const path = `/activities/${later}/registrations`;
      const event = {
        version: '2.0',
        routeKey: `POST ${path}`,
        rawPath: path,
        rawQueryString: '',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ residentId }),
        isBase64Encoded: false,
        requestContext: {
          http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'phone' },
          authorizer: { jwt: { claims, scopes: null } },
          requestId: `r-${Math.random()}`,
          routeKey: `POST ${path}`,
          stage: '$default',
          time: new Date().toUTCString(),
          timeEpoch: Date.now(),
        },
      } as unknown as APIGatewayProxyEventV2;
      const answer = (await commands(event, lambdaContext('commands'))) as APIGatewayProxyStructuredResultV2;
      return { status: answer.statusCode, body: JSON.parse(answer.body ?? '{}') as Answer };
    };

    it("registers the resident of the pool's claim, and no one else", async () => {
      const linked = await accessToken({ resident: residents[1] });
      const registered = await register(linked, residents[1]!);
      expect(registered.status).toBe(201);
      expect(registered.body).toMatchObject({ status: 'registered' });
      expect((await register(linked, residents[0]!)).status).toBe(403);
    });

    it('refuses a pool token without the claim, and never lets a forged one through', async () => {
      const unlinked = await register(await accessToken({}), residents[0]!);
      expect(unlinked.status).toBe(403);
      expect(unlinked.body.detail).toMatch(/not linked to a resident/);
      // A token claiming a resident, not signed by the pool: the authorizer refuses it (API Gateway's 401).
      await expect(
        register(await accessToken({ resident: residents[0] }, 'foreign'), residents[0]!),
      ).rejects.toThrow(/signature verification failed/);
    });
  });
});
