import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as views from '../../domain/projections.js';
import { projections } from '../../domain/projections.js';
import { project } from '../support/decider-spec.js';

/** Projection specs live beside their capability's other specs, anywhere under test/domain. */
const domainSpecs = join(import.meta.dirname, '..');

describe('every live projection', () => {
  it('has a given-events → view-items spec under test/domain (named by its export)', () => {
    const specs = readdirSync(domainSpecs, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.view.unit.spec.ts'))
      .map((f) => readFileSync(join(domainSpecs, f), 'utf8'))
      .join('\n');
    const exportName = (p: (typeof projections)[number]) =>
      Object.entries(views).find(([, value]) => value === p)?.[0] ?? p.name;
    const missing = projections.map(exportName).filter((name) => !new RegExp(`\\[${name}\\]`).test(specs));
    expect(missing).toEqual([]);
  });

  it('all together: no two projections claim one item for different streams, and redelivery changes nothing', async () => {
    const enrolled = {
      type: 'ResidentEnrolled',
      data: { residentId: 'R1', name: 'R', householdId: 'H', partyMember: true },
    };
    const deed = {
      type: 'GoodDeedRecorded',
      data: {
        deedId: 'D1',
        planId: 'P1',
        residentIds: ['R1'],
        title: 't',
        description: 'd',
        date: '2026-01-01',
      },
    };
    const model = {
      type: 'ModelNamed',
      data: { modelId: 'M1', residentId: 'R1', title: 'good-neighbor', citation: 'c' },
    };
    const result = await project([
      ['c1#resident#R1', enrolled],
      ['c1#deed#D1', deed],
      ['c1#model#M1', model],
    ]);
    const snapshot = () =>
      [...result.views.items.values()]
        .map(({ revision: _r, ...i }) => i)
        .sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
    const before = snapshot();
    expect(
      before
        .filter((i) => i.pk === 'c1#resident#R1')
        .map((i) => i.sk)
        .sort(),
    ).toEqual(['deed#D1', 'model#M1', 'party-member', 'profile']);
    await result.redeliver();
    expect(snapshot()).toEqual(before);
  });
});
