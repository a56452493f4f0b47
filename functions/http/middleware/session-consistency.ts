import type { EventStore } from '../../app/ports.js';
import type { Position } from '../../app/position.js';
import { SESSION_WINDOW_MS, type SessionWrites } from '../../app/session-writes.js';
import { type Backoff, waitForViews } from '../../app/view-freshness.js';
import { projectedMarkerKey, type ViewStore } from '../../app/view-store.js';
import type { HttpMiddleware } from './context.js';

export interface SessionConsistencyOptions {
  /** How long a query waits for the views to show the caller's writes before answering 503. */
  readonly waitMs: number;
  /** Writes older than this are taken as projected: the projector keeps up within a second or two. */
  readonly windowMs?: number;
  readonly backoff?: Backoff;
}

/**
 * Read your own writes with no parameter (session consistency): a command remembers the caller's
 * position; a later query of the same caller waits until the views have applied each of their recent
 * writes. `consistentWith` still names someone else's write (and then this waits for nothing more).
 */
export function sessionConsistency(
  sessions: SessionWrites,
  views: ViewStore,
  events: Pick<EventStore, 'head'>,
  options: SessionConsistencyOptions,
): HttpMiddleware {
  const windowMs = options.windowMs ?? SESSION_WINDOW_MS;
  const backoff = options.backoff ?? { firstMs: 10, maxMs: 250 };

  /**
   * A write is noted beside its commit, so a note may name a commit that failed: the views never
   * reach it. Once, when the views are behind, the streams say where they end. A note past a stream's
   * end takes the place of the caller's earlier write of that stream (a failed command after a landed
   * one): the wait falls back to the stream's end, which holds the landed write, however many events
   * the failed command decided (its note is its base version plus that many). A failed creation
   * waits for nothing.
   */
  async function existing(positions: readonly Position[]): Promise<Position[]> {
    const found = await Promise.all(positions.map((p) => events.head(p.streamId)));
    return positions
      .map((p, i) => ({ streamId: p.streamId, version: Math.min(p.version, found[i]!) }))
      .filter((p) => p.version > 0);
  }

  async function waitFor(community: string, positions: readonly Position[]): Promise<void> {
    let pending = [...positions];
    let checked = false;
    await waitForViews(
      async () => {
        // One batch read of the markers, however many streams the caller wrote.
        const markers = await views.getMany(pending.map((p) => projectedMarkerKey(community, p.streamId)));
        const appliedOf = new Map(markers.map((m) => [m.owner, m.appliedVersion]));
        pending = pending.filter((p) => (appliedOf.get(p.streamId) ?? 0) < p.version);
        if (pending.length > 0 && !checked) {
          checked = true;
          pending = await existing(pending);
        }
        return pending.length === 0;
      },
      options.waitMs,
      backoff,
      'the views have not caught up with your last changes yet; retry shortly',
    );
  }

  return {
    before: async (request) => {
      const { match, principal } = request.context.ledger;
      if (!principal || match?.route.kind !== 'query') return;
      if (request.event.queryStringParameters?.consistentWith !== undefined) return;
      const recent = await sessions.recent(principal, windowMs);
      if (recent.length > 0) await waitFor(principal.community, recent);
    },
    after: async (request) => {
      const { match, principal } = request.context.ledger;
      const response = request.response;
      if (!principal || match?.route.kind !== 'command' || !response || typeof response !== 'object') return;
      if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300 || !response.body) return;
      // A replay of an Idempotency-Key's first answer: that answer noted the write already.
      if (response.headers?.['idempotent-replayed'] === 'true') return;
      let answer: { streamId?: unknown; version?: unknown; events?: unknown };
      try {
        answer = JSON.parse(response.body);
      } catch {
        return;
      }
      if (typeof answer.streamId !== 'string' || typeof answer.version !== 'number' || answer.version <= 0)
        return;
      // Noted beside its commit already (the usual path): no second round trip.
      if (request.context.ledger.notedWrites?.has(`${answer.streamId}@${answer.version}`)) return;
      await sessions.record(principal, { streamId: answer.streamId, version: answer.version });
    },
  };
}
