import type { Route } from '../route.js';

/** The study routes (issue 18): filled in by the capability that owns them. */
export const studyRoutes: readonly Route[] = [];
