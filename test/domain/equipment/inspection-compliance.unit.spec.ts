import { describe, expect, it } from 'vitest';
import type { EquipmentRow } from '../../../domain/equipment/equipment.view.js';
import {
  type EquipmentInspectionFacts,
  equipmentInspectedItem,
} from '../../../domain/equipment/inspection-compliance.js';
import { periodBounds } from '../../../domain/shared/time.js';

const ZONE = 'Asia/Shanghai';
/** Midnight of a day in Shanghai, as stored. */
const day = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
/** An instant in Shanghai. */
const at = (local: string) => new Date(`${local}+08:00`);

const row = (id: string, more: Partial<EquipmentRow> = {}): EquipmentRow => ({
  equipmentId: id,
  venueId: 'V1',
  item: `item ${id}`,
  quantity: 1,
  installedOn: day('2026-01-05'),
  inspectEveryDays: 31,
  installedAt: '2026-01-05T02:00:00.000Z',
  inspections: [],
  maintenance: [],
  ...more,
});
const inspection = (date: string, recorded = `${date}T10:00:00+08:00`) => ({
  inspectedOn: day(date),
  inspector: 'Wang',
  condition: 'good' as const,
  recordedAt: new Date(recorded).toISOString(),
});
const facts = (...equipment: EquipmentRow[]): EquipmentInspectionFacts => ({
  equipment,
  venues: [{ venueId: 'V1', timeZone: ZONE }],
});
const target = {
  targetId: 'equipment',
  description: 'every item inspected each month',
  metric: 'equipment-inspected',
};
const march = periodBounds('2026-03', ZONE);

describe('equipment-inspected: every item inspected each month', () => {
  it('is met when every item in service was inspected in the month; evidence names them', () => {
    const item = equipmentInspectedItem(
      target,
      march,
      facts(
        row('E2', { inspections: [inspection('2026-03-20')] }),
        row('E1', { inspections: [inspection('2026-03-02')] }),
      ),
      at('2026-04-10T12:00:00'),
    );
    expect(item).toEqual({
      ...target,
      period: '2026-03',
      required: 2,
      actual: 2,
      status: 'met',
      evidence: ['E1', 'E2'],
    });
  });

  it('is missed once the month is over with one item not inspected in it', () => {
    const item = equipmentInspectedItem(
      target,
      march,
      facts(
        row('E1', { inspections: [inspection('2026-03-02')] }),
        row('E2', { inspections: [inspection('2026-02-27'), inspection('2026-04-01')] }),
      ),
      at('2026-04-10T12:00:00'),
    );
    expect(item).toMatchObject({ required: 2, actual: 1, status: 'missed', evidence: ['E1'] });
  });

  it('inside the month: open while the items still to inspect are within their interval, at-risk once one is overdue', () => {
    const equipment = facts(
      row('E1', { inspections: [inspection('2026-03-02')] }),
      row('E2', { inspections: [inspection('2026-02-10')] }),
    );
    // E2's inspection of 10 February covers it to 13 March (31 days).
    expect(equipmentInspectedItem(target, march, equipment, at('2026-03-13T20:00:00'))).toMatchObject({
      required: 2,
      actual: 1,
      status: 'open',
    });
    expect(equipmentInspectedItem(target, march, equipment, at('2026-03-14T08:00:00'))).toMatchObject({
      required: 2,
      actual: 1,
      status: 'at-risk',
    });
  });

  it('judges the history recorded by asOf: an inspection entered later does not count yet', () => {
    const late = row('E1', { inspections: [inspection('2026-03-30', '2026-04-02T09:00:00')] });
    expect(equipmentInspectedItem(target, march, facts(late), at('2026-04-01T09:00:00'))).toMatchObject({
      actual: 0,
      status: 'missed',
    });
    expect(equipmentInspectedItem(target, march, facts(late), at('2026-04-03T09:00:00'))).toMatchObject({
      actual: 1,
      status: 'met',
      evidence: ['E1'],
    });
  });

  it('requires only the items in service through the month: installed by its first day, not retired in it', () => {
    const equipment = facts(
      row('E1', { inspections: [inspection('2026-03-05')] }),
      row('installed-on-the-1st', {
        installedOn: day('2026-03-01'),
        inspections: [inspection('2026-03-10')],
      }),
      row('installed-mid-month', { installedOn: day('2026-03-12'), installedAt: '2026-03-12T02:00:00.000Z' }),
      row('retired-in-march', {
        retired: { retiredOn: day('2026-03-15'), reason: 'broken', recordedAt: '2026-03-15T02:00:00.000Z' },
      }),
      row('recorded-later', { installedAt: '2026-05-01T02:00:00.000Z' }),
    );
    expect(equipmentInspectedItem(target, march, equipment, at('2026-04-10T12:00:00'))).toMatchObject({
      required: 2,
      actual: 2,
      status: 'met',
      evidence: ['E1', 'installed-on-the-1st'],
    });
  });

  it('a month with nothing in service is met; a target minimum asks for that many inspections per item', () => {
    expect(equipmentInspectedItem(target, march, facts(), at('2026-03-10T12:00:00'))).toMatchObject({
      required: 0,
      actual: 0,
      status: 'met',
    });
    const once = facts(row('E1', { inspections: [inspection('2026-03-02')] }));
    expect(
      equipmentInspectedItem({ ...target, minimum: 2 }, march, once, at('2026-04-10T12:00:00')),
    ).toMatchObject({ actual: 0, status: 'missed' });
  });
});
