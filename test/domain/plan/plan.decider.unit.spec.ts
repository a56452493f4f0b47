import { describe, it } from 'vitest';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import type { PlanEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

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
    given(planDecider, [])
      .when({ type: 'CreatePlan', ...created.data } as never)
      .then([created]);
    given(planDecider, [created])
      .when({ type: 'CreatePlan', ...created.data } as never)
      .then({ code: 'plan-already-exists', category: 'conflict' });
  });

  it('sets a target, and records a change, but not a repeat', () => {
    given(planDecider, [created])
      .when({ type: 'SetTarget', planId: 'P', target: studyTarget })
      .then([{ type: 'TargetSet', data: studyTarget }]);
    given(planDecider, [created, { type: 'TargetSet', data: studyTarget }])
      .when({ type: 'SetTarget', planId: 'P', target: studyTarget })
      .then([]);
    given(planDecider, [created, { type: 'TargetSet', data: studyTarget }])
      .when({ type: 'SetTarget', planId: 'P', target: { ...studyTarget, minimum: 3 } })
      .then([{ type: 'TargetSet', data: { ...studyTarget, minimum: 3 } }]);
  });

  it('refuses targets on a plan that does not exist', () => {
    given(planDecider, [])
      .when({ type: 'SetTarget', planId: 'P', target: studyTarget })
      .then({ code: 'plan-not-found', category: 'not-found' });
  });

  it('needs a category for activity metrics and refuses one for articles', () => {
    const { category: _c, ...noCategory } = studyTarget;
    given(planDecider, [created])
      .when({ type: 'SetTarget', planId: 'P', target: noCategory })
      .then({ code: 'target-needs-category', category: 'invalid' });
    given(planDecider, [created])
      .when({ type: 'SetTarget', planId: 'P', target: { ...studyTarget, metric: 'articles-per-member' } })
      .then({ code: 'target-takes-no-category', category: 'invalid' });
  });

  it('appoints an organizing group whose leader is not also a deputy', () => {
    const leader = { name: 'Director Zhou', email: 'zhou@example.org' };
    given(planDecider, [created])
      .when({
        type: 'AppointOrganizingGroup',
        planId: 'P',
        leader,
        deputies: [{ name: 'Deputy Qian' }],
        members: [],
        roster: {},
      })
      .then([
        {
          type: 'OrganizingGroupAppointed',
          data: { leader, deputies: [{ name: 'Deputy Qian' }], members: [] },
        },
      ]);
    given(planDecider, [created])
      .when({
        type: 'AppointOrganizingGroup',
        planId: 'P',
        leader,
        deputies: [leader],
        members: [],
        roster: {},
      })
      .then({ code: 'leader-is-deputy', category: 'invalid' });
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
    given(planDecider, [created])
      .when(appoint({}))
      .then({ code: 'resident-not-found', category: 'not-found' });
    given(planDecider, [created])
      .when(appoint({ R1: 'erased' }))
      .then({ code: 'resident-erased', category: 'conflict' });
    given(planDecider, [created])
      .when(appoint({ R1: 'enrolled' }))
      .then([
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
    given(planDecider, [created, appointed]).when(erase).then([erased]);
    given(planDecider, [created, appointed, erased]).when(erase).then([]);
    given(planDecider, [created]).when(erase).then([]);
    // A plan that never came to be (an appointment refused after its keys were made) shows no one.
    given(planDecider, []).when(erase).then([]);
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
      given(planDecider, [created, { type: 'TargetSet', data: studyTarget }])
        .when({ type: 'SetTarget', planId: 'P', target })
        .then([{ type: 'TargetSet', data: target }]);
    }
  });

  it('refuses a format alone on a metric that takes no category', () => {
    const { category: _c, ...noCategory } = studyTarget;
    given(planDecider, [created])
      .when({ type: 'SetTarget', planId: 'P', target: { ...noCategory, metric: 'members-study' } })
      .then({ code: 'target-takes-no-category', category: 'invalid' });
    const { format: _f, ...plain } = noCategory;
    given(planDecider, [created])
      .when({ type: 'SetTarget', planId: 'P', target: { ...plain, metric: 'members-study' } })
      .then([{ type: 'TargetSet', data: { ...plain, metric: 'members-study' } }]);
  });
});
