import type { Category, Format, Window } from '../../events/index.js';
import type { IdSet } from '../shared/id-set.js';
import type { ActivityDetails } from './activity-details.js';
import type { LeaveStatus } from './study-leave.js';

/** JSON-shaped (maps, not Sets) so that a long activity's state can be snapshotted as it is. */
export type ActivityState =
  | { readonly status: 'none' }
  | ({
      readonly status: 'planned' | 'cancelled' | 'held';
      readonly planId: string;
      readonly planYear: number;
      readonly timeZone: string;
      readonly category: Category;
      readonly format: Format;
      readonly window: Window;
      readonly capacity: number | null;
      /** The plan's check-in margin when the activity was planned, in minutes. */
      readonly checkInMarginMinutes: number;
      readonly registered: IdSet;
      readonly registeredCount: number;
      /** Residents waiting for a place on a full activity, first in line first. */
      readonly waitlist: readonly string[];
      readonly attending: IdSet;
      /** Study sessions: each member's leave, and who made the session up. */
      readonly leaves: Readonly<Record<string, LeaveStatus>>;
      readonly madeUp: IdSet;
    } & ActivityDetails);

/** Snapshot shape version: bump when ActivityState changes. */
export const ACTIVITY_STATE_SCHEMA = 'activity-state-v5';
export const activitySnapshots = { schema: ACTIVITY_STATE_SCHEMA, every: 50 } as const;
