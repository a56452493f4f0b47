import { describe, expect, it } from 'vitest';
import {
  allPlans,
  allPlansKey,
  allPlansList,
  type PlanDetail,
  planDetails,
  planKey,
  plansList,
} from '../../../domain/plan/plan.view.js';
import { ERASED } from '../../../domain/resident/resident.view.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const created = {
  type: 'PlanCreated',
  data: {
    planId: 'P1',
    communityName: 'Maple Court',
    year: 2026,
    title: 'Work plan',
    timeZone: 'Asia/Shanghai',
  },
};
const target = (targetId: string, minimum: number) => ({
  type: 'TargetSet',
  data: {
    targetId,
    description: `at least ${minimum}`,
    metric: 'activities-held',
    category: 'party-education',
    minimum,
    per: 'year',
  },
});
const appointed = {
  type: 'OrganizingGroupAppointed',
  data: {
    leader: { name: 'Leader', email: 'lead@example.org', residentId: 'R1' },
    deputies: [{ name: 'Deputy', email: 'dep@example.org' }],
    members: [{ name: 'Member', residentId: 'R1' }],
  },
};

describe('plan-details projection', () => {
  it('shows the plan with its current targets, each as last set, ordered by id', async () => {
    const views = await project(
      [
        ['c1#plan#P1', created],
        ['c1#plan#P1', target('t2', 2)],
        ['c1#plan#P1', target('t1', 8)],
        ['c1#plan#P1', target('t2', 3)],
      ],
      [planDetails],
    );
    const item = await views.item<PlanDetail>(planKey('c1', 'P1'));
    expect(item).toMatchObject({
      placement: { list: plansList('c1'), order: ['2026', 'P1'] },
      owner: 'c1#plan#P1',
      appliedVersion: 4,
    });
    expect(item!.data).toEqual({
      ...created.data,
      createdAt: recordedAt(0),
      targets: [
        { ...target('t1', 8).data, setAt: recordedAt(2) },
        { ...target('t2', 3).data, setAt: recordedAt(3) },
      ],
      organizingGroup: null,
    });
  });

  it('shows the organizing group, and a resident in it as erased once they are erased', async () => {
    const views = await project(
      [
        ['c1#plan#P1', created],
        ['c1#plan#P1', appointed],
        ['c1#plan#P1', { type: 'OrganizingGroupMemberErased', data: { residentId: 'R1' } }],
      ],
      [planDetails],
    );
    const group = (await views.item<PlanDetail>(planKey('c1', 'P1')))!.data.organizingGroup;
    expect(group).toEqual({
      leader: { name: ERASED, residentId: 'R1', erased: true },
      deputies: [{ name: 'Deputy', email: 'dep@example.org' }],
      members: [{ name: ERASED, residentId: 'R1', erased: true }],
      appointedAt: recordedAt(1),
    });
  });

  it('ignores an erasure before any group was appointed', async () => {
    const views = await project(
      [
        ['c1#plan#P1', created],
        ['c1#plan#P1', { type: 'OrganizingGroupMemberErased', data: { residentId: 'R1' } }],
      ],
      [planDetails],
    );
    expect((await views.item<PlanDetail>(planKey('c1', 'P1')))!.data.organizingGroup).toBeNull();
  });
});

describe('all-plans projection', () => {
  it('lists every community’s plans in one place, for the scheduled reports', async () => {
    const views = await project(
      [
        ['c2#plan#P9', { ...created, data: { ...created.data, planId: 'P9', timeZone: 'UTC' } }],
        ['c1#plan#P1', created],
        ['c1#plan#P1', target('t1', 1)],
      ],
      [allPlans],
    );
    expect(await views.list(allPlansList())).toEqual([
      { community: 'c1', planId: 'P1', timeZone: 'Asia/Shanghai' },
      { community: 'c2', planId: 'P9', timeZone: 'UTC' },
    ]);
    expect(await views.item(allPlansKey('c1', 'P1'))).toMatchObject({
      owner: 'c1#plan#P1',
      appliedVersion: 1,
    });
  });
});
