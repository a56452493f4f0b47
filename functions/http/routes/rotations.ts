import type { Route } from '../route.js';

/** The rotation routes (issue 18): filled in by the capability that owns them. */
export const rotationRoutes: readonly Route[] = [];
