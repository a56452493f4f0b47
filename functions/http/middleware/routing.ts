import { ApplicationError } from '../../app/errors.js';
import type { Route } from '../route.js';
import type { Router } from '../router.js';
import type { HttpMiddleware } from './context.js';

export function routing(router: Router, serves: (route: Route) => boolean): HttpMiddleware {
  return {
    before: (request) => {
      const { method, path } = request.event.requestContext.http;
      const found = router.match(method.toUpperCase(), request.event.rawPath ?? path);
      if (!found) throw new ApplicationError('not-found', 'no-such-route', `no route for ${method} ${path}`);
      if ('allowed' in found) {
        throw new ApplicationError(
          'method-not-allowed',
          'method-not-allowed',
          `${method} is not allowed on ${path}`,
          {
            allowed: found.allowed,
          },
        );
      }
      if ('undecodable' in found) {
        throw new ApplicationError(
          'invalid-input',
          'invalid-path',
          `the path parameter ${found.undecodable} is not valid percent-encoding`,
        );
      }
      // A route that belongs to another function never runs here, even if a request is misrouted to us.
      if (!serves(found.route))
        throw new ApplicationError('not-found', 'no-such-route', `no route for ${method} ${path}`);
      request.context.ledger.match = found;
    },
  };
}
