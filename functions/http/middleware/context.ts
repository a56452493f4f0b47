import type { MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { IdempotentRun } from '../../app/idempotency.js';
import type { Principal } from '../principal.js';
import type { MatchedRoute } from '../router.js';

/** What the middlewares learn about a request, in the order they learn it. */
export interface RequestState {
  correlationId: string;
  match?: MatchedRoute;
  principal?: Principal;
  input?: { body: unknown; query: unknown; params: unknown; expectedVersion: number | undefined };
  idempotency?: {
    key: string;
    scopedKey: string;
    acquired: boolean;
    reservedId: string;
    run: IdempotentRun;
    /**
     * Set while a command runs beside its key's claim: the claim's outcome for this request, once
     * known: held with the proposed id (`own`: what the command read stands), held over a holder
     * that stopped (`taken-over`: run again as the takeover), or the first answer to replay.
     */
    pending?: Promise<'own' | 'taken-over' | APIGatewayProxyStructuredResultV2>;
  };
  /** Positions the command noted in the caller's session beside its commits (`stream@version`). */
  notedWrites?: Set<string>;
}

export interface LedgerContext extends Context {
  ledger: RequestState;
}

export type HttpMiddleware = MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  Error,
  LedgerContext
>;

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  return headers[name] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
}
