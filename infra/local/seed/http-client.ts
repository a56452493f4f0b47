import type { Role } from '../../../functions/http/principal.js';
import { DEMO_COMMUNITY, signDevToken } from '../dev-key.js';
import type { SeedClient } from './seed-client.js';

/** The seed talks to the running server like any front-end: HTTP, a token, an Idempotency-Key per write. */
export async function httpSeedClient(
  url: string,
  secret: string,
  role: Role = 'admin',
): Promise<SeedClient & { settled(): Promise<void> }> {
  const token = await signDevToken(secret, {
    roles: [role, 'organizer'],
    sub: 'demo-seed',
    community: DEMO_COMMUNITY,
  });
  /** The last position written on each stream: what `settled` waits for. */
  const written = new Map<string, string>();
  const remember = (answer: { status: number; body: Record<string, unknown> }) => {
    const { streamId, position } = answer.body;
    if (answer.status < 300 && typeof streamId === 'string' && typeof position === 'string')
      written.set(streamId, position);
    return answer;
  };
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
    post: async (path, body, key) => remember(await call('POST', path, body, key)),
    get: (path) => call('GET', path),
    postAs: async (identity, path, body, key) => remember(await postAs(identity, path, body, key)),
    /** Resolves once the views show every stream this client wrote, as far as it wrote it. */
    async settled() {
      for (const position of written.values()) {
        for (;;) {
          const answer = await call(
            'GET',
            `/residents?limit=1&consistentWith=${encodeURIComponent(position)}`,
          );
          if (answer.status === 200) break;
          if (answer.status !== 503) throw new Error(`waiting for the views: ${answer.status}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
  };
}
