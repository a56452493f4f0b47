import type { Role } from '../../../functions/http/principal.js';
import { DEMO_COMMUNITY, signDevToken } from '../dev-key.js';
import type { SeedClient } from './demo.js';

/** The seed talks to the running server like any front-end: HTTP, a token, an Idempotency-Key per write. */
export async function httpSeedClient(url: string, secret: string, role: Role = 'admin'): Promise<SeedClient> {
  const token = await signDevToken(secret, {
    roles: [role, 'organizer'],
    sub: 'demo-seed',
    community: DEMO_COMMUNITY,
  });
  const call = async (method: string, path: string, body?: unknown, key?: string) => {
    const response = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const tokens = new Map<string, string>();
  const postAs = async (
    identity: { sub: string; roles: Role[] },
    path: string,
    body: unknown,
    key: string,
  ) => {
    const id = `${identity.sub}|${identity.roles.join()}`;
    if (!tokens.has(id))
      tokens.set(id, await signDevToken(secret, { ...identity, community: DEMO_COMMUNITY }));
    const response = await fetch(url + path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.get(id)}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    post: (path, body, key) => call('POST', path, body, key),
    get: (path) => call('GET', path),
    postAs,
  };
}
