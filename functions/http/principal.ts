export const roles = ['admin', 'organizer', 'resident', 'judge', 'leader', 'auditor'] as const;
export type Role = (typeof roles)[number];

/** Who is calling: the token's subject, roles and community (the tenant every read and write is scoped to). */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly community: string;
}

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
