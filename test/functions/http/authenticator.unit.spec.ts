import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ApplicationError } from '../../../functions/app/errors.js';
import { authorizerClaimsAuthenticator } from '../../../functions/http/authenticator.js';

/** The event API Gateway's JWT authorizer hands on: claims as strings, groups flattened. */
const withClaims = (claims: Record<string, string>) =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2;

const inAnHour = String(Math.floor(Date.now() / 1000) + 3600);
const valid = { sub: 'u-1', 'cognito:groups': '[admin organizer]', community: 'demo', exp: inAnHour };

async function refusal(claims: Record<string, string>) {
  try {
    await authorizerClaimsAuthenticator.authenticate(withClaims(claims));
    return undefined;
  } catch (error) {
    return error instanceof ApplicationError ? error.kind : error;
  }
}

describe('claims from the API Gateway authorizer (issue 14)', () => {
  it('maps valid claims to the principal', async () => {
    await expect(authorizerClaimsAuthenticator.authenticate(withClaims(valid))).resolves.toEqual({
      sub: 'u-1',
      community: 'demo',
      roles: ['admin', 'organizer'],
    });
  });

  it('a token without exp is refused with 401 on AWS too, and so is an expired one', async () => {
    const { exp: _exp, ...withoutExp } = valid;
    expect(await refusal(withoutExp)).toBe('unauthenticated');
    expect(await refusal({ ...valid, exp: 'soon' })).toBe('unauthenticated');
    expect(await refusal({ ...valid, exp: String(Math.floor(Date.now() / 1000) - 1) })).toBe(
      'unauthenticated',
    );
  });

  it('a token issued more than 60 s ahead of our clock is refused with 401; a little skew is tolerated', async () => {
    const inSeconds = (s: number) => String(Math.floor(Date.now() / 1000) + s);
    expect(await refusal({ ...valid, iat: inSeconds(86_400) })).toBe('unauthenticated');
    expect(await refusal({ ...valid, iat: inSeconds(120) })).toBe('unauthenticated');
    expect(await refusal({ ...valid, iat: 'yesterday' })).toBe('unauthenticated');
    expect(await refusal({ ...valid, iat: inSeconds(30) })).toBeUndefined();
    expect(await refusal({ ...valid, iat: inSeconds(-3600) })).toBeUndefined();
  });

  it.each(['demo#K', 'DEMO', 'demo/x', ' demo', 'a'.repeat(64)])(
    'tenant aliasing: community %j is refused with 401',
    async (community) => {
      expect(await refusal({ ...valid, community })).toBe('unauthenticated');
    },
  );

  it('custom:community (the Cognito attribute) is held to the same format', async () => {
    const { community: _c, ...rest } = valid;
    expect(await refusal({ ...rest, 'custom:community': 'demo#K' })).toBe('unauthenticated');
    await expect(
      authorizerClaimsAuthenticator.authenticate(withClaims({ ...rest, 'custom:community': 'demo-2' })),
    ).resolves.toMatchObject({ community: 'demo-2' });
  });

  it('the resident the caller is comes from the resident claim (else custom:resident), never from sub (issue 28)', async () => {
    const resident = '01JZ8Q4W3T5X7Y9A2B4C6D8E0F';
    const linked = { ...valid, 'cognito:groups': '[resident]', resident };
    await expect(authorizerClaimsAuthenticator.authenticate(withClaims(linked))).resolves.toEqual({
      sub: 'u-1',
      community: 'demo',
      roles: ['resident'],
      residentId: resident,
    });
    // An ID token carries the attribute itself.
    await expect(
      authorizerClaimsAuthenticator.authenticate(withClaims({ ...valid, 'custom:resident': resident })),
    ).resolves.toMatchObject({ residentId: resident });
    // No claim: no resident, whatever the sub looks like.
    const unlinked = await authorizerClaimsAuthenticator.authenticate(
      withClaims({ ...valid, sub: resident }),
    );
    expect(unlinked).not.toHaveProperty('residentId');
  });

  it.each([`[${'01JZ8Q4W3T5X7Y9A2B4C6D8E0F'} R2]`, 'demo#resident#R1', '', 'R 1'])(
    'a resident claim %j that names no single resident is refused with 401',
    async (resident) => {
      expect(await refusal({ ...valid, resident })).toBe('unauthenticated');
    },
  );
});
