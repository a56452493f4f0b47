import { DEFAULT_TIME_ZONE, inPeriod, type PeriodBounds } from '../shared/time.js';
import type { EquipmentRow, VenueDetail } from './equipment.view.js';
import { inspectionsBy, installedBy, retiredBy, standingOf } from './standing.js';

/**
 * The target "every item inspected each month" (metric `equipment-inspected`), judged like every
 * compliance row: for one target and one period, as the history said at `asOf`.
 *
 * - `required`: the items in service through the period: installed by its first day and not retired
 *   before it ended. An item installed later in the month was checked when it was installed and is
 *   first due a full interval later (as the overdue answer says); an item retired during the month
 *   is nobody's duty any more.
 * - `actual`: those of them inspected inside the period (at least `minimum` times, default once).
 * - `evidence`: their equipment ids, sorted.
 * - `status`: `met` when every one is; else `missed` once the period is over; else `at-risk` when an
 *   item still to be inspected is already overdue as of `asOf` (its interval ran out, or it was never
 *   inspected since installation past its interval); else `open`.
 */

/** What the evaluator reads: the community's equipment rows and their venues (for each venue's zone). */
export interface EquipmentInspectionFacts {
  readonly equipment: readonly EquipmentRow[];
  readonly venues: readonly Pick<VenueDetail, 'venueId' | 'timeZone'>[];
}

/** The fields of a target the row repeats; `minimum` is the inspections each item needs in the period. */
export interface InspectionTarget<M extends string = string> {
  readonly targetId: string;
  readonly description: string;
  readonly metric: M;
  readonly minimum?: number;
}

/** The shape of a compliance row (`ComplianceItem` of domain/compliance), for this metric. */
export interface InspectionComplianceItem<M extends string = string> {
  readonly targetId: string;
  readonly description: string;
  readonly metric: M;
  readonly period: string;
  readonly required: number;
  readonly actual: number;
  readonly status: 'met' | 'missed' | 'at-risk' | 'open';
  /** The equipment ids inspected in the period. */
  readonly evidence: readonly string[];
}

/** Whether the item is someone's duty to inspect in the period, as the register said at `instant`. */
function inServiceThrough(row: EquipmentRow, period: PeriodBounds, instant: number): boolean {
  if (!installedBy(row, instant) || Date.parse(row.installedOn) > period.start.getTime()) return false;
  return !(retiredBy(row, instant) && Date.parse(row.retired!.retiredOn) < period.end.getTime());
}

export function equipmentInspectedItem<M extends string>(
  target: InspectionTarget<M>,
  period: PeriodBounds,
  facts: EquipmentInspectionFacts,
  asOf: Date,
): InspectionComplianceItem<M> {
  const instant = asOf.getTime();
  const needed = Math.max(1, target.minimum ?? 1);
  const zones = new Map(facts.venues.map((v) => [v.venueId, v.timeZone]));
  const required = facts.equipment.filter((row) => inServiceThrough(row, period, instant));
  const inspected = (row: EquipmentRow) =>
    inspectionsBy(row, instant).filter((i) => inPeriod(i.inspectedOn, period)).length >= needed;
  const evidence = required
    .filter(inspected)
    .map((row) => row.equipmentId)
    .sort();
  const pending = required.filter((row) => !inspected(row));
  const overdueNow = pending.some((row) =>
    standingOf(row, zones.get(row.venueId) ?? DEFAULT_TIME_ZONE, asOf)?.overdue.some(
      (o) => o.reason === 'inspection-due' || o.reason === 'never-inspected',
    ),
  );
  const status =
    evidence.length >= required.length
      ? 'met'
      : period.end.getTime() <= instant
        ? 'missed'
        : overdueNow
          ? 'at-risk'
          : 'open';
  return {
    targetId: target.targetId,
    description: target.description,
    metric: target.metric,
    period: period.period,
    required: required.length,
    actual: evidence.length,
    status,
    evidence,
  };
}
