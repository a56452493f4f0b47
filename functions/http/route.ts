import type * as z from 'zod';
import type { IdempotentRun, RequestIds } from '../app/idempotency.js';
import type { NoteWrite } from '../app/session-writes.js';
import type { HttpDependencies } from './dependencies.js';
import type { Principal, Role } from './principal.js';

export interface RouteRequest<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly principal: Principal;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly correlationId: string;
  /** From `If-Match: "<version>"`, when given. */
  readonly expectedVersion: number | undefined;
  readonly idempotencyKey: string | undefined;
  /** Set when the request holds its Idempotency-Key's claim: handed to the command service. */
  readonly idempotency: IdempotentRun | undefined;
  /**
   * Ids of entities this request creates. Under an Idempotency-Key the first is reserved with the
   * key, so every attempt of the request creates the same stream.
   */
  readonly ids: RequestIds;
  /** Notes a commit in the caller's session, beside the commit (read-your-writes). */
  readonly noteWrite?: NoteWrite;
}

export interface RouteResponse {
  readonly status: number;
  readonly body?: unknown;
  /** Pre-rendered body for non-JSON answers (HTML, CSV, NDJSON). */
  readonly text?: string;
  /**
   * A binary body (a PDF): sent base64 with `isBase64Encoded`, which API Gateway and the local server
   * decode. Name its `content-type` in `headers` (and among the route's `alternatives`).
   */
  readonly bytes?: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `command` routes append events, `query` routes read views only, `public` routes need no token. */
export type RouteKind = 'command' | 'query' | 'public';

export interface Route<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  readonly method: 'GET' | 'POST';
  /** OpenAPI-style template: `/residents/{residentId}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly kind: RouteKind;
  /** Who may call it; `public` routes are served without a token. */
  readonly roles: readonly Role[];
  /**
   * Its handler only reads before its commit (or writes what no other request can name: the data
   * key of an id it issued), so under an Idempotency-Key it runs beside the key's claim, one round
   * trip sooner; the command service appends only once the claim is won.
   */
  readonly besideClaim?: boolean;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: {
    readonly status: number;
    readonly description: string;
    readonly schema?: z.ZodType;
    readonly contentType?: string;
    /**
     * Other renderings of the answer, chosen by `Accept` (declared in the OpenAPI document too). A
     * media type that is not text (`application/pdf`) is declared as binary.
     */
    readonly alternatives?: readonly { readonly contentType: string; readonly description: string }[];
  };
  handle(
    request: RouteRequest<z.output<B>, z.output<Q>, z.output<P>>,
    deps: HttpDependencies,
  ): Promise<RouteResponse>;
}

/** Declares a route with its types inferred from its schemas. */
export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  route: Route<B, Q, P>,
): Route {
  return route as unknown as Route;
}
