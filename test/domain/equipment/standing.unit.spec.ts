import { describe, expect, it } from 'vitest';
import type { EquipmentRow } from '../../../domain/equipment/equipment.view.js';
import { standingOf } from '../../../domain/equipment/standing.js';

const ZONE = 'Asia/Shanghai';
const day = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
const at = (local: string) => new Date(`${local}+08:00`);
const recorded = (d: string) => new Date(`${d}T10:00:00+08:00`).toISOString();

const row: EquipmentRow = {
  equipmentId: 'V1-E1',
  venueId: 'V1',
  item: 'Pull-up bar',
  quantity: 2,
  installedOn: day('2026-01-05'),
  inspectEveryDays: 30,
  installedAt: recorded('2026-01-05'),
  inspections: [],
  maintenance: [],
};

describe('where an item stands as of an instant', () => {
  it('is not on the register before its installation was recorded', () => {
    expect(standingOf(row, ZONE, at('2026-01-05T09:00:00'))).toBeUndefined();
  });

  it('never inspected: overdue from the day after its installation’s interval ends', () => {
    expect(standingOf(row, ZONE, at('2026-02-04T23:59:00'))).toMatchObject({
      inspectionDueBy: '2026-02-04',
      overdue: [],
    });
    expect(standingOf(row, ZONE, at('2026-02-05T00:00:00'))?.overdue).toEqual([
      { reason: 'never-inspected', since: day('2026-02-05') },
    ]);
  });

  it('found unsafe: overdue until maintenance is done after it, then due again by its interval', () => {
    const unsafe = {
      ...row,
      inspections: [
        {
          inspectedOn: day('2026-01-20'),
          inspector: 'Wang',
          condition: 'unsafe' as const,
          recordedAt: recorded('2026-01-20'),
        },
      ],
      maintenance: [
        { doneOn: day('2026-01-25'), by: 'Bureau', work: 'welded', recordedAt: recorded('2026-01-25') },
      ],
    };
    expect(standingOf(unsafe, ZONE, at('2026-01-22T12:00:00'))).toMatchObject({
      status: 'in-service',
      lastInspection: { condition: 'unsafe' },
      overdue: [{ reason: 'unsafe', since: day('2026-01-20') }],
    });
    expect(standingOf(unsafe, ZONE, at('2026-01-26T12:00:00'))).toMatchObject({
      lastMaintenance: { work: 'welded' },
      overdue: [],
    });
    expect(standingOf(unsafe, ZONE, at('2026-02-20T12:00:00'))?.overdue).toEqual([
      { reason: 'inspection-due', since: day('2026-02-20') },
    ]);
  });

  it('an inspection dated after asOf, or recorded after it, has not happened yet', () => {
    const inspected = {
      ...row,
      inspections: [
        {
          inspectedOn: day('2026-02-01'),
          inspector: 'Wang',
          condition: 'needs-repair' as const,
          recordedAt: recorded('2026-02-10'),
        },
      ],
    };
    expect(standingOf(inspected, ZONE, at('2026-02-06T12:00:00'))?.overdue).toEqual([
      { reason: 'never-inspected', since: day('2026-02-05') },
    ]);
    expect(standingOf(inspected, ZONE, at('2026-02-11T12:00:00'))?.overdue).toEqual([
      { reason: 'needs-repair', since: day('2026-02-01') },
    ]);
  });

  it('a retired item is owed nothing', () => {
    const retired = {
      ...row,
      retired: { retiredOn: day('2026-01-30'), reason: 'rusted', recordedAt: recorded('2026-01-30') },
    };
    expect(standingOf(retired, ZONE, at('2026-06-01T12:00:00'))).toMatchObject({
      status: 'retired',
      retiredOn: day('2026-01-30'),
      overdue: [],
    });
    expect(standingOf(retired, ZONE, at('2026-02-06T12:00:00'))?.status).toBe('retired');
    expect(standingOf(retired, ZONE, at('2026-01-29T12:00:00'))?.status).toBe('in-service');
  });
});
