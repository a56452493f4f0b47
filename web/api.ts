import { createLedgerClient } from '../client/index.js';
import { currentToken } from './session.js';

/** The typed client of this API, as the signed-in person (the page and the API share an origin). */
export const ledger = createLedgerClient(location.origin, () => currentToken() ?? '');

/** A refusal as the API words it (problem+json), or the network's silence. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
}

export const offline: Refusal = { status: 0, code: 'offline', detail: 'no network' };

/** A problem body's code and detail, whatever else came back. */
export function refusalOf(response: Response | undefined, error: unknown): Refusal {
  const problem = (error ?? {}) as { code?: unknown; detail?: unknown };
  return {
    status: response?.status ?? 0,
    code: typeof problem.code === 'string' ? problem.code : `http-${response?.status ?? 0}`,
    detail: typeof problem.detail === 'string' ? problem.detail : '',
  };
}

/** Calls the API; a network failure is an `offline` refusal, not an exception. */
export async function attempt<T>(
  call: () => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ ok: true; data: T; response: Response } | { ok: false; refusal: Refusal }> {
  try {
    const { data, error, response } = await call();
    if (response.ok && data !== undefined) return { ok: true, data, response };
    return { ok: false, refusal: refusalOf(response, error) };
  } catch {
    return { ok: false, refusal: offline };
  }
}

/** A key for one attempt at one thing: the same key again is answered once (Idempotency-Key). */
export const newKey = () => crypto.randomUUID();
