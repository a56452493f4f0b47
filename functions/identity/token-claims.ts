import { COMMUNITY_PATTERN } from '../../domain/shared/ids.js';

/** The claim every token carries to say which community its holder acts in. */
export const COMMUNITY_CLAIM = 'community';
/** Where Cognito keeps it on the user: a custom attribute set by an administrator, never by the user. */
export const COMMUNITY_ATTRIBUTE = 'custom:community';

/**
 * The claim that says which resident of the ledger the holder is. A Cognito user's `sub` is the
 * pool's own id, not a resident's: the link is made by an administrator (`npm run admin -- link`)
 * in this attribute, which no app client may write, and the trigger copies it into the tokens.
 */
export const RESIDENT_CLAIM = 'resident';
export const RESIDENT_ATTRIBUTE = 'custom:resident';

/** A resident's id as the ledger makes it (a ULID): the only shape a link may hold. */
export const RESIDENT_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export class NoCommunity extends Error {}
export class BadResidentLink extends Error {}

/**
 * The claims our API needs beyond Cognito's own (`sub`, `cognito:groups` as roles): the community,
 * copied from the user's attribute, and the resident the user is, when an administrator has linked
 * one (staff who are no resident have none). A user without a community gets no token at all rather
 * than a token every route would refuse; so does one whose link is not a resident id, which only a
 * mistake could have written.
 */
export function ledgerClaims(userAttributes: Record<string, string | undefined>): Record<string, string> {
  const community = userAttributes[COMMUNITY_ATTRIBUTE]?.trim();
  if (!community) throw new NoCommunity('this user belongs to no community; ask an administrator to set one');
  // The API refuses any other shape (it would let one community's keys alias another's): no token at all.
  if (!COMMUNITY_PATTERN.test(community))
    throw new NoCommunity(
      `"${community}" is not a community name (${COMMUNITY_PATTERN}); ask an administrator to fix it`,
    );
  const resident = userAttributes[RESIDENT_ATTRIBUTE]?.trim();
  if (!resident) return { [COMMUNITY_CLAIM]: community };
  if (!RESIDENT_ID_PATTERN.test(resident))
    throw new BadResidentLink(
      `"${resident}" is not a resident id; ask an administrator to link the account again`,
    );
  return { [COMMUNITY_CLAIM]: community, [RESIDENT_CLAIM]: resident };
}
