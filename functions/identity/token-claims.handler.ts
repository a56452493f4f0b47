import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { ledgerClaims } from './token-claims.js';

/**
 * Lambda entry point: Cognito's pre-token-generation trigger (event version 2, the version that may
 * customise access tokens), which adds the `community` claim and, for a user linked to a resident,
 * the `resident` claim to ID and access tokens so the HTTP API's JWT authorizer passes them on.
 * Locally there is no Cognito to trigger: `npm run token` does this function's job and mints tokens
 * with the same claims.
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
