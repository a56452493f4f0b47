import { localDate } from '../shared/time.js';
import { addDays, startOfDay } from './calendar.js';
import type { EquipmentRow, InspectionEntry, MaintenanceEntry } from './equipment.view.js';

/**
 * Where an item of equipment stands as of an instant. A fact counts when it was recorded by then and
 * happened by then: a past `asOf` answers what the register said was due at that instant, and an
 * inspection dated after it had not happened yet.
 */

/** Why an item is overdue (the route and report answers list the same reasons). */
export const overdueReasons = ['never-inspected', 'inspection-due', 'needs-repair', 'unsafe'] as const;
export type OverdueReason = (typeof overdueReasons)[number];

export interface Overdue {
  readonly reason: OverdueReason;
  /** The first instant it was overdue. */
  readonly since: string;
}

export interface EquipmentStanding {
  readonly equipmentId: string;
  readonly venueId: string;
  readonly item: string;
  readonly quantity: number;
  readonly installedOn: string;
  readonly inspectEveryDays: number;
  readonly status: 'in-service' | 'retired';
  readonly retiredOn?: string;
  readonly lastInspection?: Omit<InspectionEntry, 'recordedAt'>;
  readonly lastMaintenance?: Omit<MaintenanceEntry, 'recordedAt'>;
  /** The last day (`yyyy-mm-dd`, venue's zone) the latest inspection, or the installation, still covers. */
  readonly inspectionDueBy?: string;
  /** Empty when nothing is overdue (and always for a retired item). */
  readonly overdue: readonly Overdue[];
}

const by = (at: string, instant: number) => Date.parse(at) <= instant;

/** The latest of some dated entries known at `instant` (on one date, the one recorded last). */
function latest<T extends { recordedAt: string }>(
  entries: readonly T[],
  dateOf: (e: T) => string,
  instant: number,
) {
  let best: T | undefined;
  for (const entry of entries) {
    if (!by(entry.recordedAt, instant) || !by(dateOf(entry), instant)) continue;
    if (!best || Date.parse(dateOf(entry)) >= Date.parse(dateOf(best))) best = entry;
  }
  return best;
}

/** Maintenance answers a finding when done after it (on the same day: recorded after it). */
function repairedAfter(maintenance: MaintenanceEntry, inspection: InspectionEntry): boolean {
  const done = Date.parse(maintenance.doneOn);
  const found = Date.parse(inspection.inspectedOn);
  return (
    done > found ||
    (done === found && Date.parse(maintenance.recordedAt) >= Date.parse(inspection.recordedAt))
  );
}

/** Whether the item was on the register at `instant` (installed, and recorded as such). */
export const installedBy = (row: EquipmentRow, instant: number) =>
  by(row.installedAt, instant) && by(row.installedOn, instant);

/** Whether the item had been retired by `instant`, as recorded then. */
export const retiredBy = (row: EquipmentRow, instant: number) =>
  row.retired !== undefined && by(row.retired.recordedAt, instant) && by(row.retired.retiredOn, instant);

/** The inspections of an item known at `instant`. */
export const inspectionsBy = (row: EquipmentRow, instant: number) =>
  row.inspections.filter((i) => by(i.recordedAt, instant) && by(i.inspectedOn, instant));

const strip = <T extends { recordedAt: string }>(entry: T | undefined) => {
  if (!entry) return undefined;
  const { recordedAt: _r, ...rest } = entry;
  return rest;
};

/** The item as of `asOf`, read in its venue's zone; undefined when it was not on the register yet. */
export function standingOf(row: EquipmentRow, timeZone: string, asOf: Date): EquipmentStanding | undefined {
  const instant = asOf.getTime();
  if (!installedBy(row, instant)) return undefined;
  const lastInspection = latest(row.inspections, (i) => i.inspectedOn, instant);
  const lastMaintenance = latest(row.maintenance, (m) => m.doneOn, instant);
  const base = {
    equipmentId: row.equipmentId,
    venueId: row.venueId,
    item: row.item,
    quantity: row.quantity,
    installedOn: row.installedOn,
    inspectEveryDays: row.inspectEveryDays,
    ...(lastInspection ? { lastInspection: strip(lastInspection) } : {}),
    ...(lastMaintenance ? { lastMaintenance: strip(lastMaintenance) } : {}),
  };
  if (retiredBy(row, instant))
    return { ...base, status: 'retired', retiredOn: row.retired!.retiredOn, overdue: [] };
  const inspectionDueBy = addDays(
    localDate(lastInspection?.inspectedOn ?? row.installedOn, timeZone),
    row.inspectEveryDays,
  );
  const overdue: Overdue[] = [];
  const dueSince = startOfDay(addDays(inspectionDueBy, 1), timeZone);
  if (dueSince.getTime() <= instant)
    overdue.push({
      reason: lastInspection ? 'inspection-due' : 'never-inspected',
      since: dueSince.toISOString(),
    });
  if (lastInspection && lastInspection.condition !== 'good') {
    const repaired = lastMaintenance && repairedAfter(lastMaintenance, lastInspection);
    if (!repaired) overdue.push({ reason: lastInspection.condition, since: lastInspection.inspectedOn });
  }
  return { ...base, status: 'in-service', inspectionDueBy, overdue };
}
