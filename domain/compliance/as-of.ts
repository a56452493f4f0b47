import type { Target } from '../../events/index.js';
import type { PeriodBounds } from '../shared/time.js';
import type { ActivityComplianceRow } from './compliance.view.js';

export type ComplianceStatus = 'met' | 'missed' | 'at-risk' | 'open';

export const recordedBy = (at: string, instant: number) => Date.parse(at) <= instant;

/** Whether one of these recorded intervals is open at `instant`. */
export const openAt = (intervals: readonly { from: string; to?: string }[], instant: number) =>
  intervals.some((i) => recordedBy(i.from, instant) && (i.to === undefined || !recordedBy(i.to, instant)));

/** An activity as the history had recorded it at `instant` (undefined if not yet planned). */
export function activityAsOf(row: ActivityComplianceRow, instant: number) {
  if (!recordedBy(row.plannedAt, instant)) return undefined;
  const window = row.windows.filter((w) => recordedBy(w.recordedAt, instant)).at(-1)!.window;
  const held = row.held && recordedBy(row.held.recordedAt, instant) ? row.held : undefined;
  const cancelled = row.cancelledAt !== undefined && recordedBy(row.cancelledAt, instant);
  const signedIn = openAt(row.signedIn, instant);
  return { ...row, window, held, cancelled, signedIn };
}

export type ActivityAsOf = NonNullable<ReturnType<typeof activityAsOf>>;

/**
 * The version of a target that judges a period: the one in force when the period ended (a later
 * change does not rewrite a closed period), or, for a target first set after the period, its first
 * version. Only versions recorded by `instant` exist.
 */
export function targetForPeriod(
  versions: readonly (Target & { recordedAt: string })[],
  period: PeriodBounds,
  instant: number,
) {
  const known = versions.filter((v) => recordedBy(v.recordedAt, instant));
  if (known.length === 0) return undefined;
  const inForce = known.filter((v) => Date.parse(v.recordedAt) < period.end.getTime()).at(-1);
  return inForce ?? known[0]!;
}

export const periodEnded = (period: PeriodBounds, instant: number) => period.end.getTime() <= instant;

/**
 * Could this planned activity still count in the period, judged at `instant`? Its window must reach
 * into what is left of the period (which also keeps it holdable inside its window).
 */
export function stillPossible(activity: ActivityAsOf, period: PeriodBounds, instant: number): boolean {
  if (activity.cancelled || activity.held) return false;
  const from = Math.max(instant, period.start.getTime());
  return Date.parse(activity.window.end) >= from && Date.parse(activity.window.start) < period.end.getTime();
}

/** Met once reached; missed once the period is over; before that open while reachable, else at risk. */
export function status(
  actual: number,
  required: number,
  period: PeriodBounds,
  instant: number,
  reachable: boolean,
): ComplianceStatus {
  if (actual >= required) return 'met';
  if (periodEnded(period, instant)) return 'missed';
  return reachable ? 'open' : 'at-risk';
}
