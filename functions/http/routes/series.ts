import type { Route } from '../route.js';

/** The series routes (issue 18): filled in by the capability that owns them. */
export const seriesRoutes: readonly Route[] = [];
