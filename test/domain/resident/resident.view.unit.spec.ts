import { describe, expect, it } from 'vitest';
import {
  ERASED,
  type ResidentProfile,
  residentKey,
  residentProfiles,
  residentsList,
} from '../../../domain/resident/resident.view.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const enrolled = (residentId: string, name: string) => ({
  type: 'ResidentEnrolled',
  data: {
    residentId,
    name,
    householdId: 'H-3',
    partyMember: true,
    branch: 'First',
    phone: '139',
    email: 'a@b.cn',
  },
});

describe('resident-profiles projection', () => {
  it('shows an enrolled resident’s card, listed by lower-cased name', async () => {
    const views = await project([['c1#resident#R1', enrolled('R1', 'Zhang Wei')]], [residentProfiles]);
    expect(await views.item<ResidentProfile>(residentKey('c1', 'R1'))).toEqual({
      data: { ...enrolled('R1', 'Zhang Wei').data, enrolledAt: recordedAt(0) },
      placement: { list: residentsList('c1'), order: ['zhang wei', 'R1'] },
      owner: 'c1#resident#R1',
      appliedVersion: 1,
    });
  });

  it('lists residents by name, never another community’s', async () => {
    const views = await project(
      [
        ['c1#resident#R1', enrolled('R1', 'Zhang Wei')],
        ['c1#resident#R2', enrolled('R2', 'an Li')],
        ['c2#resident#R3', enrolled('R3', 'Bo Yu')],
      ],
      [residentProfiles],
    );
    expect((await views.list<ResidentProfile>(residentsList('c1'))).map((r) => r.residentId)).toEqual([
      'R2',
      'R1',
    ]);
  });

  it('erases the name, phone and email, keeping the rest, and moves the card out of name order', async () => {
    const views = await project(
      [
        ['c1#resident#R1', enrolled('R1', 'Zhang Wei')],
        ['c1#resident#R1', { type: 'ResidentPersonalDataErased', data: { residentId: 'R1' } }],
      ],
      [residentProfiles],
    );
    const item = await views.item<ResidentProfile>(residentKey('c1', 'R1'));
    expect(item).toMatchObject({ placement: { order: [ERASED, 'R1'] }, appliedVersion: 2 });
    expect(item!.data).toEqual({
      residentId: 'R1',
      name: ERASED,
      householdId: 'H-3',
      partyMember: true,
      branch: 'First',
      enrolledAt: recordedAt(0),
      erased: true,
    });
  });

  it('changes nothing when the commits are delivered again', async () => {
    const views = await project([['c1#resident#R1', enrolled('R1', 'Zhang Wei')]], [residentProfiles]);
    const before = await views.item(residentKey('c1', 'R1'));
    await views.redeliver();
    expect(await views.item(residentKey('c1', 'R1'))).toEqual(before);
  });
});
