import { expect, inject } from 'vitest';
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

/** What one request may override of its caller: another token, more headers. */
export interface RequestOptions {
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** Wait first until the local projector has applied every commit (a read that must see them all). */
  readonly settled?: boolean;
  /** For `accepted`: the exact status expected (any 2xx otherwise). */
  readonly status?: number;
}

/**
 * Requests as one caller, the end-to-end files' one way to speak HTTP (issue 26): `api.as(organizer)`.
 * Every answer is still checked against the served document (by `call`).
 */
export interface Caller {
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<ApiAnswer<T>>;
  post<T = Record<string, unknown>>(
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<ApiAnswer<T>>;
  get<T = Record<string, unknown>>(path: string, options?: RequestOptions): Promise<ApiAnswer<T>>;
  /** Sets the scene: the command must be accepted (2xx), and its body is what the test goes on with. */
  accepted<T = { id: string }>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** The command must be refused with this status (and problem code): nothing else is acceptable. */
  refused(
    method: string,
    path: string,
    body: unknown,
    status: number,
    code?: string,
    options?: RequestOptions,
  ): Promise<ApiAnswer<{ code: string; detail?: string }>>;
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
  /** Requests as the caller holding `token`. */
  as(token: string): Caller;
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
  const api: TestApi = {
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
    as: (token) => callerOf(api, token),
    close: () => runtime.close(),
  };
  return api;
}

function callerOf(api: TestApi, token: string): Caller {
  const call = async <T>(method: string, path: string, body?: unknown, options: RequestOptions = {}) => {
    if (options.settled) await api.runtime.dispatcher.idle();
    return api.call<T>(method, path, { token: options.token ?? token, body, headers: options.headers });
  };
  return {
    call,
    post: (path, body, options) => call('POST', path, body, options),
    get: (path, options) => call('GET', path, undefined, options),
    async accepted<T>(path: string, body?: unknown, options?: RequestOptions) {
      const answer = await call<T>('POST', path, body, options);
      if (options?.status !== undefined) expect([path, answer.status]).toEqual([path, options.status]);
      else expect(answer.status, `${path}: ${answer.text}`).toBeGreaterThanOrEqual(200);
      expect(answer.status, `${path}: ${answer.text}`).toBeLessThan(300);
      return answer.body;
    },
    async refused(method, path, body, status, code, options) {
      const answer = await call<{ code: string; detail?: string }>(method, path, body, options);
      expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(status);
      if (code !== undefined) expect(answer.body.code, answer.text).toBe(code);
      return answer;
    },
  };
}

/** One request of a specification: who sends what. */
export interface SpecRequest {
  readonly token: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** What the answer must be: its status, and a subset of its body (a problem's `code`, an id...). */
export interface ExpectedAnswer {
  readonly status: number;
  readonly body?: Record<string, unknown>;
}

/**
 * An HTTP specification in the words of the decider's: given what was sent before, when this request
 * is sent, then this answer, and these events (by type, in order) appended to the history, or none.
 *
 *   await given(api, enrol, plan).when(register).then({ status: 201 }, ['ResidentRegistered']);
 *   await given(api).when(registerStranger).then({ status: 404, body: { code: 'resident-not-found' } }, []);
 */
export function given(api: TestApi, ...requests: readonly SpecRequest[]) {
  const send = (r: SpecRequest) =>
    api.call(r.method, r.path, { token: r.token, body: r.body, headers: r.headers });
  return {
    when: (request: SpecRequest) => ({
      // biome-ignore lint/suspicious/noThenProperty: emmett's name; an accidental `await` is refused below
      async then(expected: ExpectedAnswer, events: readonly string[]): Promise<ApiAnswer> {
        if (typeof expected === 'function')
          throw new Error('given(api).when(request) is not a promise: call .then(expected answer, events)');
        for (const r of requests) {
          const answer = await send(r);
          expect(answer.status, `given ${r.method} ${r.path}: ${answer.text}`).toBeLessThan(300);
        }
        const before = await historyTypes(api);
        const answer = await send(request);
        expect(answer.status, answer.text).toBe(expected.status);
        if (expected.body) expect(answer.body).toMatchObject(expected.body);
        const after = await historyTypes(api);
        expect(after.slice(before.length)).toEqual(events);
        return answer;
      },
    }),
  };
}

/** The types of every event in the community's history, in order. */
async function historyTypes(api: TestApi, community = DEMO_COMMUNITY): Promise<string[]> {
  const types: string[] = [];
  let after: string | undefined;
  do {
    const page = await api.runtime.deps.events.readHistory({ community, after, limit: 1000 });
    for (const commit of page.commits) for (const event of commit.events) types.push(event.type);
    after = page.nextAfter;
  } while (after);
  return types;
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
