import { parseStreamId } from '../../../domain/shared/ids.js';
import { ApplicationError } from '../../app/errors.js';
import type { EventStore } from '../../app/ports.js';
import { decodePosition, type Position } from '../../app/position.js';
import { type Backoff, waitForViews } from '../../app/view-freshness.js';
import type { ViewStore } from '../../app/view-store.js';
import { projectedMarkerKey } from '../../app/view-store.js';
import type { HttpMiddleware } from './context.js';

const invalidPosition = () =>
  new ApplicationError(
    'invalid-input',
    'invalid-position',
    'consistentWith is not a position this community was given',
  );

const DEFAULT_BACKOFF: Backoff = { firstMs: 20, maxMs: 500 };

/**
 * `?consistentWith=<position>` on a query: wait until the projector has applied that write, so a
 * front-end reads its own writes; answer 503 (retry) if the views are further behind than `waitMs`.
 *
 * Only positions this community was given are waited for: one of another community, a malformed
 * one, or one past the end of its stream (the views can never reach it) is refused at once with
 * 400, instead of holding the request for `waitMs` of reads.
 */
export function consistency(
  views: ViewStore,
  events: Pick<EventStore, 'readStream'>,
  waitMs: number,
  backoff: Backoff = DEFAULT_BACKOFF,
): HttpMiddleware {
  /** The projector lags the store: the commits after the marker say how far the stream really goes. */
  async function exists(position: Position, projectedVersion: number): Promise<boolean> {
    const unprojected = await events.readStream(position.streamId, { fromVersion: projectedVersion + 1 });
    return unprojected.version >= position.version;
  }

  return {
    before: async (request) => {
      const token = request.event.queryStringParameters?.consistentWith;
      const { match, principal } = request.context.ledger;
      if (token === undefined || match!.route.kind !== 'query' || !principal) return;
      const position = decodePosition(token);
      if (!position || parseStreamId(position.streamId)?.community !== principal.community)
        throw invalidPosition();
      const marker = projectedMarkerKey(principal.community, position.streamId);
      let checked = false;
      await waitForViews(
        async () => {
          const applied = (await views.get(marker))?.appliedVersion ?? 0;
          if (applied >= position.version) return true;
          // The marker sits on a commit boundary (the projector applies whole commits), so reading
          // from just after it sees every commit the views have yet to apply.
          if (!checked) {
            if (!(await exists(position, applied))) throw invalidPosition();
            checked = true;
          }
          return false;
        },
        waitMs,
        backoff,
        'the views have not caught up with that write yet; retry shortly',
      );
    },
  };
}
