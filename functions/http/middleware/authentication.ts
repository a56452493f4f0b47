import { ApplicationError } from '../../app/errors.js';
import type { Authenticator } from '../authenticator.js';
import type { HttpMiddleware } from './context.js';

/** Token first (401), then the route's roles (403). Public routes (docs, OpenAPI) skip both. */
export function authentication(authenticator: Authenticator): HttpMiddleware {
  return {
    before: async (request) => {
      const route = request.context.ledger.match!.route;
      if (route.kind === 'public') return;
      const principal = await authenticator.authenticate(request.event);
      if (!principal.roles.some((role) => route.roles.includes(role))) {
        throw new ApplicationError(
          'forbidden',
          'forbidden',
          `this needs one of the roles: ${route.roles.join(', ')}`,
        );
      }
      request.context.ledger.principal = principal;
    },
  };
}
