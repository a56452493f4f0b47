import { ApplicationError } from '../app/errors.js';
import type { Router } from '../http/router.js';
import type { HttpMiddleware } from './context.js';

export function routing(router: Router): HttpMiddleware {
  return {
    before: (request) => {
      const { method, path } = request.event.requestContext.http;
      const found = router.match(method.toUpperCase(), request.event.rawPath ?? path);
      if (!found) throw new ApplicationError(404, 'no-such-route', `no route for ${method} ${path}`);
      if ('allowed' in found) {
        throw new ApplicationError(405, 'method-not-allowed', `${method} is not allowed on ${path}`, {
          allowed: found.allowed,
        });
      }
      request.context.ledger.match = found;
    },
  };
}
