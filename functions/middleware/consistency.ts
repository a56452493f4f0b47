import { ApplicationError } from '../app/errors.js';
import { decodePosition } from '../app/position.js';
import type { ViewStore } from '../app/view-store.js';
import { projectedMarkerKey } from '../app/view-store.js';
import type { HttpMiddleware } from './context.js';

/**
 * `?consistentWith=<position>` on a query: wait until the projector has applied that write, so a
 * front-end reads its own writes; answer 503 (retry) if the views are further behind than `waitMs`.
 */
export function consistency(views: ViewStore, waitMs: number, pollMs = 20): HttpMiddleware {
  return {
    before: async (request) => {
      const token = request.event.queryStringParameters?.consistentWith;
      const { match, principal } = request.context.ledger;
      if (token === undefined || match!.route.kind !== 'query' || !principal) return;
      const position = decodePosition(token);
      if (!position?.streamId.startsWith(`${principal.community}#`)) {
        throw new ApplicationError(
          400,
          'invalid-position',
          'consistentWith is not a position this community was given',
        );
      }
      const deadline = Date.now() + waitMs;
      for (;;) {
        const marker = await views.get(projectedMarkerKey(principal.community, position.streamId));
        if (marker && marker.appliedVersion >= position.version) return;
        if (Date.now() > deadline) {
          throw new ApplicationError(
            503,
            'views-behind',
            'the views have not caught up with that write yet; retry shortly',
          );
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
  };
}
