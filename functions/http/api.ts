import type { HttpDependencies } from './dependencies.js';
import { createHttpHandler } from './pipeline.js';
import { routes } from './routes/index.js';

/**
 * Two functions share the route table: commands may append to the Events table, queries may only
 * read views. API Gateway (and the local server) send each route to its function by `kind`.
 */
export function createApiHandlers(deps: HttpDependencies) {
  return {
    commands: createHttpHandler(routes, deps, (route) => route.kind === 'command', 'Commands'),
    queries: createHttpHandler(routes, deps, (route) => route.kind !== 'command', 'Queries'),
  };
}
