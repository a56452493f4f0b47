export const roles = ['admin', 'organizer', 'resident', 'judge', 'leader', 'auditor'] as const;
export type Role = (typeof roles)[number];

/** Who is calling: the token's subject, roles and community (the tenant every read and write is scoped to). */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly community: string;
}

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/**
 * A community (tenant) name: lowercase letters, digits and dashes. It prefixes every key we store
 * (`<community>#…`), so it may hold no `#` or anything else that could make two tenants' keys meet.
 */
export const COMMUNITY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const isCommunity = (value: unknown): value is string =>
  typeof value === 'string' && COMMUNITY_PATTERN.test(value);
