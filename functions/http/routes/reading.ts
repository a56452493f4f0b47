import type { Route } from '../route.js';

/** The reading routes (issue 18): filled in by the capability that owns them. */
export const readingRoutes: readonly Route[] = [];
