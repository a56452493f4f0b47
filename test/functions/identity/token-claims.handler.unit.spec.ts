import type { PreTokenGenerationHostedAuthV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/identity/token-claims.handler.js';

const RESIDENT = '01JZ8Q4W3T5X7Y9A2B4C6D8E0F';
const COGNITO_SUB = '5b7c4e1a-90d2-4f3e-8c6b-1a2d3e4f5a6b';

/**
 * The event Cognito sends the trigger (version 2_0) when a resident signs in through the managed
 * login, shaped as the developer guide's "Pre token generation Lambda trigger" shows it: the user's
 * attributes (custom ones with their `custom:` prefix, `sub` the pool's own id), the groups, the
 * scopes the pages' client asked for, and an empty response for the function to fill.
 */
const managedLoginSignIn = (
  attributes: Record<string, string>,
): PreTokenGenerationHostedAuthV2TriggerEvent => ({
  version: '2',
  triggerSource: 'TokenGeneration_HostedAuth',
  region: 'ap-southeast-1',
  userPoolId: 'ap-southeast-1_AbCdEfGhI',
  userName: COGNITO_SUB,
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '4n8s2kq7c1v5m3p9r6t0w2y4z8' },
  request: {
    userAttributes: {
      sub: COGNITO_SUB,
      'cognito:user_status': 'CONFIRMED',
      email_verified: 'true',
      email: 'li.fang@example.org',
      ...attributes,
    },
    groupConfiguration: { groupsToOverride: ['resident'], iamRolesToOverride: [], preferredRole: undefined },
    scopes: ['openid'],
  },
  response: { claimsAndScopeOverrideDetails: {} },
});

describe("Cognito's pre-token-generation trigger (v2): the resident an account is linked to (issue 28)", () => {
  it('adds the linked resident, beside the community, to the ID and the access token', async () => {
    const answer = await handler(
      managedLoginSignIn({ 'custom:community': 'venus', 'custom:resident': RESIDENT }),
    );
    const claims = { community: 'venus', resident: RESIDENT };
    expect(answer.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    });
    // The rest of the event goes back as Cognito sent it.
    expect(answer.userName).toBe(COGNITO_SUB);
    expect(answer.request.userAttributes.sub).toBe(COGNITO_SUB);
  });

  it('adds no resident for an account linked to none (staff who are no resident)', async () => {
    const answer = await handler(managedLoginSignIn({ 'custom:community': 'venus', 'custom:resident': ' ' }));
    expect(answer.response.claimsAndScopeOverrideDetails.accessTokenGeneration).toEqual({
      claimsToAddOrOverride: { community: 'venus' },
    });
  });

  it('gives no token to an account whose link is not a resident id (only a mistake could write one)', async () => {
    for (const resident of ['R-1', `${RESIDENT}#x`, RESIDENT.toLowerCase(), `[${RESIDENT}]`])
      await expect(
        handler(managedLoginSignIn({ 'custom:community': 'venus', 'custom:resident': resident })),
      ).rejects.toThrow(/not a resident id; ask an administrator to link the account again/);
  });
});
