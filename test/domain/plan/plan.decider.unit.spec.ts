import { describe, it } from 'vitest';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import type { PlanEvent } from '../../../events/index.js';
import { spec } from '../../support/decider-spec.js';

const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId: 'P',
    communityName: 'Venus',
    year: 2026,
    title: 'Cultural services 2026',
    timeZone: 'Asia/Shanghai',
  },
};
const studyTarget = {
  targetId: 'study-quarterly',
  description: 'At least 2 centralized study sessions a quarter',
  metric: 'activities-held' as const,
  category: 'party-education' as const,
  format: 'study-session' as const,
  minimum: 2,
  per: 'quarter' as const,
};

describe('plan decider', () => {
  it('creates a plan once', () => {
    spec(planDecider)
      .given([])
      .when({ type: 'CreatePlan', ...created.data } as never)
      .thenEmits([created]);
    spec(planDecider)
      .given([created])
      .when({ type: 'CreatePlan', ...created.data } as never)
      .thenFails('plan-already-exists', 'conflict');
  });

  it('sets a target, and records a change, but not a repeat', () => {
    spec(planDecider)
      .given([created])
      .when({ type: 'SetTarget', planId: 'P', target: studyTarget })
      .thenEmits([{ type: 'TargetSet', data: studyTarget }]);
    spec(planDecider)
      .given([created, { type: 'TargetSet', data: studyTarget }])
      .when({ type: 'SetTarget', planId: 'P', target: studyTarget })
      .thenEmits([]);
    spec(planDecider)
      .given([created, { type: 'TargetSet', data: studyTarget }])
      .when({ type: 'SetTarget', planId: 'P', target: { ...studyTarget, minimum: 3 } })
      .thenEmits([{ type: 'TargetSet', data: { ...studyTarget, minimum: 3 } }]);
  });

  it('refuses targets on a plan that does not exist', () => {
    spec(planDecider)
      .given([])
      .when({ type: 'SetTarget', planId: 'P', target: studyTarget })
      .thenFails('plan-not-found', 'not-found');
  });

  it('needs a category for activity metrics and refuses one for articles', () => {
    const { category: _c, ...noCategory } = studyTarget;
    spec(planDecider)
      .given([created])
      .when({ type: 'SetTarget', planId: 'P', target: noCategory })
      .thenFails('target-needs-category', 'invalid');
    spec(planDecider)
      .given([created])
      .when({ type: 'SetTarget', planId: 'P', target: { ...studyTarget, metric: 'articles-per-member' } })
      .thenFails('target-takes-no-category', 'invalid');
  });

  it('appoints an organizing group whose leader is not also a deputy', () => {
    const leader = { name: 'Director Zhou', email: 'zhou@example.org' };
    spec(planDecider)
      .given([created])
      .when({
        type: 'AppointOrganizingGroup',
        planId: 'P',
        leader,
        deputies: [{ name: 'Deputy Qian' }],
        members: [],
        roster: {},
      })
      .thenEmits([
        {
          type: 'OrganizingGroupAppointed',
          data: { leader, deputies: [{ name: 'Deputy Qian' }], members: [] },
        },
      ]);
    spec(planDecider)
      .given([created])
      .when({
        type: 'AppointOrganizingGroup',
        planId: 'P',
        leader,
        deputies: [leader],
        members: [],
        roster: {},
      })
      .thenFails('leader-is-deputy', 'invalid');
  });

  it('names only residents on the roster, never one who was erased', () => {
    const member = { name: 'enc:v2:…', email: 'enc:v2:…', residentId: 'R1' };
    const appoint = (roster: Record<string, 'enrolled' | 'erased' | 'unknown'>) => ({
      type: 'AppointOrganizingGroup' as const,
      planId: 'P',
      leader: { name: 'Director Zhou' },
      deputies: [],
      members: [member],
      roster,
    });
    spec(planDecider).given([created]).when(appoint({})).thenFails('resident-not-found', 'not-found');
    spec(planDecider)
      .given([created])
      .when(appoint({ R1: 'erased' }))
      .thenFails('resident-erased', 'conflict');
    spec(planDecider)
      .given([created])
      .when(appoint({ R1: 'enrolled' }))
      .thenEmits([
        {
          type: 'OrganizingGroupAppointed',
          data: { leader: { name: 'Director Zhou' }, deputies: [], members: [member] },
        },
      ]);
  });

  it('erases a resident from the current organizing group once, and only if the group names them', () => {
    const appointed: PlanEvent = {
      type: 'OrganizingGroupAppointed',
      data: {
        leader: { name: 'x', residentId: 'R1' },
        deputies: [],
        members: [{ name: 'y', residentId: 'R1' }],
      },
    };
    const erase = { type: 'EraseOrganizingGroupMember' as const, planId: 'P', residentId: 'R1' };
    const erased: PlanEvent = { type: 'OrganizingGroupMemberErased', data: { residentId: 'R1' } };
    spec(planDecider).given([created, appointed]).when(erase).thenEmits([erased]);
    spec(planDecider).given([created, appointed, erased]).when(erase).thenEmits([]);
    spec(planDecider).given([created]).when(erase).thenEmits([]);
    // A plan that never came to be (an appointment refused after its keys were made) shows no one.
    spec(planDecider).given([]).when(erase).thenEmits([]);
  });
});

describe('plan decider: what counts as a change of target', () => {
  it('records a change of any one field of a target: description, metric, category, format, minimum or period', () => {
    const changes = [
      { description: 'Two study sessions each quarter' },
      { metric: 'held-within-window' as const },
      { category: 'civic-education' as const },
      { format: 'lecture' as const },
      { minimum: 1 },
      { per: 'month' as const },
    ];
    for (const change of changes) {
      const target = { ...studyTarget, ...change };
      spec(planDecider)
        .given([created, { type: 'TargetSet', data: studyTarget }])
        .when({ type: 'SetTarget', planId: 'P', target })
        .thenEmits([{ type: 'TargetSet', data: target }]);
    }
  });

  it('refuses a format alone on a metric that takes no category', () => {
    const { category: _c, ...noCategory } = studyTarget;
    spec(planDecider)
      .given([created])
      .when({ type: 'SetTarget', planId: 'P', target: { ...noCategory, metric: 'members-study' } })
      .thenFails('target-takes-no-category', 'invalid');
    const { format: _f, ...plain } = noCategory;
    spec(planDecider)
      .given([created])
      .when({ type: 'SetTarget', planId: 'P', target: { ...plain, metric: 'members-study' } })
      .thenEmits([{ type: 'TargetSet', data: { ...plain, metric: 'members-study' } }]);
  });
});
