import { COMMUNITY_PATTERN } from '../../domain/shared/ids.js';

/** The claim every token carries to say which community its holder acts in. */
export const COMMUNITY_CLAIM = 'community';
/** Where Cognito keeps it on the user: a custom attribute set by an administrator, never by the user. */
export const COMMUNITY_ATTRIBUTE = 'custom:community';

export class NoCommunity extends Error {}

/**
 * The claims our API needs beyond Cognito's own (`sub`, `cognito:groups` as roles): the community,
 * copied from the user's attribute. A user without one gets no token at all rather than a token
 * every route would refuse.
 */
export function ledgerClaims(userAttributes: Record<string, string | undefined>): Record<string, string> {
  const community = userAttributes[COMMUNITY_ATTRIBUTE]?.trim();
  if (!community) throw new NoCommunity('this user belongs to no community; ask an administrator to set one');
  // The API refuses any other shape (it would let one community's keys alias another's): no token at all.
  if (!COMMUNITY_PATTERN.test(community))
    throw new NoCommunity(
      `"${community}" is not a community name (${COMMUNITY_PATTERN}); ask an administrator to fix it`,
    );
  return { [COMMUNITY_CLAIM]: community };
}
