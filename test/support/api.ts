import { inject } from 'vitest';
import type { Role } from '../../functions/http/principal.js';
import { DEMO_COMMUNITY, signDevToken } from '../../infra/local/dev-key.js';
import { bundleDirsIn, type HandlerSource } from '../../infra/local/handlers.js';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../infra/local/runtime.js';
import { ContractChecker, onMismatch } from './contract.js';

export interface ApiAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
  /** The body as sent (a PDF is binary: `text` would mangle it). */
  readonly bytes: Uint8Array;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

/** A started local server (in-memory engine) and a small client, as a front-end would use it. */
export interface TestApi {
  readonly runtime: LocalRuntime;
  readonly url: string;
  token(roles: Role | Role[], options?: { sub?: string; community?: string }): Promise<string>;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: CallOptions,
  ): Promise<ApiAnswer<T>>;
  close(): Promise<void>;
}

/**
 * Which handlers the suite runs: from source, or (the `bundled` project) from the bundles `cdk synth`
 * built, so a bundling mistake fails here and not on Lambda.
 */
function handlerSource(): HandlerSource {
  if (process.env.LEDGER_HANDLERS !== 'bundles') return { kind: 'source' };
  return { kind: 'bundles', dirs: bundleDirsIn(inject('cdkOut')) };
}

export async function startApi(options: LocalRuntimeOptions = {}): Promise<TestApi> {
  const runtime = await startLocalRuntime({ logLevel: 'SILENT', handlers: handlerSource(), ...options });
  let contract: ContractChecker | undefined;
  return {
    runtime,
    url: runtime.url,
    token: (roles, opts = {}) =>
      signDevToken(runtime.secret, {
        roles: Array.isArray(roles) ? roles : [roles],
        sub: opts.sub ?? `test-${Array.isArray(roles) ? roles[0] : roles}`,
        community: opts.community ?? DEMO_COMMUNITY,
      }),
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.rawBody;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(runtime.url + path, { method, headers, body });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = new TextDecoder().decode(bytes);
      let parsed: unknown = text;
      if (/^application\/(?:[\w.-]+\+)?json/.test(response.headers.get('content-type') ?? ''))
        parsed = text ? JSON.parse(text) : undefined;
      // Every answer a test sees is checked against the document the server serves.
      contract ??= await ContractChecker.of(runtime.url);
      onMismatch(contract.check(method, path, response.status, response.headers.get('content-type'), parsed));
      return { status: response.status, headers: response.headers, body: parsed as never, text, bytes };
    },
    close: () => runtime.close(),
  };
}

/** Counts every commit stored in the community's history (what "nothing written" is checked against). */
export async function commitCount(api: TestApi, community = DEMO_COMMUNITY): Promise<number> {
  let count = 0;
  let after: string | undefined;
  do {
    const page = await api.runtime.deps.events.readHistory({ community, after, limit: 1000 });
    count += page.commits.length;
    after = page.nextAfter;
  } while (after);
  return count;
}
