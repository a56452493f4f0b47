import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { ledgerClaims } from './token-claims.js';

/**
 * Lambda entry point: Cognito's pre-token-generation trigger (event version 2), which adds the
 * `community` claim to ID and access tokens so the HTTP API's JWT authorizer passes it on. Locally
 * `npm run token` mints tokens with the same claim; there is no Cognito to trigger.
 */
export const handler = async (event: PreTokenGenerationV2TriggerEvent) => {
  const claims = ledgerClaims(event.request.userAttributes);
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
};
