import { type RoleName, roles } from '../app/authorization.js';

/** The one list of roles is the application layer's (`functions/app/authorization.ts`). */
export { roles };
export type Role = RoleName;

/**
 * Who is calling: the token's subject, roles and community (the tenant every read and write is scoped
 * to), and the resident they are when the token's `resident` claim says so.
 */
export interface Principal {
  readonly sub: string;
  readonly residentId?: string;
  readonly roles: readonly Role[];
  readonly community: string;
}

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
