import type { Route } from '../route.js';

/** The equipment routes (issue 18): filled in by the capability that owns them. */
export const equipmentRoutes: readonly Route[] = [];
