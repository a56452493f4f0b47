import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { canonicalJson } from '../../../events/index.js';
import { ApplicationError } from '../../app/errors.js';
import {
  ClaimNotWon,
  type IdempotencyClaim,
  type IdempotencyStore,
  type StoredResponse,
} from '../../app/idempotency.js';
import type { Clock, CrashHook, Ids } from '../../app/ports.js';
import { type HttpMiddleware, header } from './context.js';
import { problemFor } from './problem.js';

const MAX_KEY_LENGTH = 128;

export interface IdempotencyOptions {
  readonly ids: Ids;
  readonly clock: Clock;
  readonly crashHook?: CrashHook;
  /** How long a retry waits for the first request with its key to finish before answering 409. */
  readonly waitMs?: number;
  readonly pollMs?: number;
  /** How a poll's pause passes (real time by default): a test on a manual clock moves the clock here. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function replay(response: StoredResponse, correlationId: string): APIGatewayProxyStructuredResultV2 {
  return {
    // The first answer created something; the replay only reports it.
    statusCode: response.status === 201 ? 200 : response.status,
    headers: {
      'content-type': 'application/json',
      'idempotent-replayed': 'true',
      'x-correlation-id': correlationId,
    },
    body: JSON.stringify(response.body),
  };
}

/**
 * Keys of different communities can never meet: the community is percent-encoded, so it holds no
 * `#`, and whatever follows the first `#` is the caller's key.
 */
export function scopedKey(community: string, key: string): string {
  return `${encodeURIComponent(community)}#${key}`;
}

/** How long before its lock ends a holder stops starting appends: the time an append may take to land. */
const APPEND_MARGIN_MS = 5_000;

/** A short lock (tests) keeps two thirds of itself for the command; a long one all but the margin. */
function appendDeadline(lockedUntil: number, now: number): number {
  return lockedUntil - Math.min(APPEND_MARGIN_MS, (lockedUntil - now) / 3);
}

/**
 * `Idempotency-Key` on commands: one commit per (community, key). The same key with the same body
 * replays the first answer; with another body it is refused (422); while the first is still running,
 * a retry waits for its answer. The key is bound to the commit itself (its metadata records it, and
 * a creation's new id is reserved with the claim), so a retry that takes over from a holder that
 * died after appending finds that commit instead of deciding again.
 */
export function idempotency(store: IdempotencyStore, options: IdempotencyOptions): HttpMiddleware {
  const waitMs = options.waitMs ?? 10_000;
  const pollMs = options.pollMs ?? 25;
  const sleep = options.sleep ?? realSleep;
  return {
    before: async (request) => {
      const state = request.context.ledger;
      const key = header(request.event, 'idempotency-key');
      if (key === undefined || state.match!.route.kind !== 'command') return;
      if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
        throw new ApplicationError(
          'invalid-input',
          'invalid-idempotency-key',
          `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`,
        );
      }
      const { method, path } = request.event.requestContext.http;
      const fingerprint = createHash('sha256')
        .update(`${method} ${request.event.rawPath ?? path}\n${canonicalJson(state.input!.body ?? null)}`)
        .digest('hex');
      const scoped = scopedKey(state.principal!.community, key);
      const deadline = options.clock.now().getTime() + waitMs;
      /** The claim's answer for this request: held (the state says how), or the first answer to replay. */
      const settle = async (
        first: Promise<IdempotencyClaim>,
      ): Promise<Extract<IdempotencyClaim, { state: 'acquired' }> | APIGatewayProxyStructuredResultV2> => {
        for (let claim = await first; ; claim = await store.claim(scoped, fingerprint, options.ids.next())) {
          if (claim.state === 'acquired') {
            state.idempotency = {
              key,
              scopedKey: scoped,
              acquired: true,
              reservedId: claim.reservedId,
              run: {
                key,
                recoverSince: claim.takenOver ? claim.claimedSince : undefined,
                appendBefore: appendDeadline(claim.lockedUntil, options.clock.now().getTime()),
              },
            };
            await options.crashHook?.(claim.takenOver ? 'taken-over' : 'claimed');
            return claim;
          }
          if (claim.fingerprint !== fingerprint) {
            throw new ApplicationError(
              'unprocessable',
              'idempotency-key-reused',
              'this Idempotency-Key was used with a different request',
            );
          }
          if (claim.state === 'completed') return replay(claim.response, state.correlationId);
          if (options.clock.now().getTime() > deadline) {
            throw new ApplicationError(
              'conflict',
              'idempotent-request-in-progress',
              'a request with this Idempotency-Key is still running',
            );
          }
          await sleep(pollMs);
        }
      };
      const proposedId = options.ids.next();
      const claiming = settle(store.claim(scoped, fingerprint, proposedId));
      if (!state.match!.route.besideClaim) {
        const claim = await claiming;
        if ('state' in claim) return;
        request.response = claim;
        return request.response;
      }
      // Beside the claim: the handler reads now, with the id proposed to the claim, and its run
      // appends only once the claim is this request's own (no append is allowed before: 0).
      let appendBefore = 0;
      const pending = claiming.then((claim) => {
        if (!('state' in claim)) return claim;
        const own = !claim.takenOver && claim.reservedId === proposedId;
        if (own) appendBefore = state.idempotency!.run.appendBefore;
        return own ? ('own' as const) : ('taken-over' as const);
      });
      // Awaited by the pipeline; this keeps a refusal from being reported unhandled meanwhile.
      pending.catch(() => undefined);
      state.idempotency = {
        key,
        scopedKey: scoped,
        acquired: false,
        reservedId: proposedId,
        run: {
          key,
          get appendBefore() {
            return appendBefore;
          },
          won: async () => {
            if ((await pending) !== 'own') throw new ClaimNotWon();
          },
        },
        pending,
      };
    },
    after: async (request) => {
      const claim = request.context.ledger.idempotency;
      const response = request.response;
      if (!claim?.acquired || !response || typeof response !== 'object') return;
      const status = response.statusCode ?? 200;
      if (status >= 200 && status < 300) {
        await options.crashHook?.('answered');
        await store.complete(claim.scopedKey, { status, body: JSON.parse(response.body ?? 'null') });
      } else {
        await store.release(claim.scopedKey);
      }
    },
    onError: async (request) => {
      const claim = request.context.ledger?.idempotency;
      if (!claim?.acquired) return;
      // A refused command wrote nothing: free the key so a corrected retry is not stuck with the
      // refusal. Any other failure may have appended: keep the claim, and let the next retry take it
      // over at once and look for the commit first.
      if (problemFor(request.error).status < 500) await store.release(claim.scopedKey);
      else await store.abandon(claim.scopedKey);
    },
  };
}
