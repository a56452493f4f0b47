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
    const leader = { name: 'enc:v2:1:zhou', email: 'enc:v2:1:zhou-mail', personId: 'P-ZHOU' };
    const deputy = { name: 'enc:v2:2:qian', personId: 'P-QIAN' };
    given(planDecider, [created])
      .when({
        type: 'AppointOrganizingGroup',
        planId: 'P',
        leader,
        deputies: [deputy],
        members: [],
        roster: {},
        newPersons: ['P-ZHOU', 'P-QIAN'],
      })
      .then([{ type: 'OrganizingGroupAppointed', data: { leader, deputies: [deputy], members: [] } }]);
    // Each copy is sealed differently: the same person is told by their id, not by their name.
    given(planDecider, [created])
      .when({
        type: 'AppointOrganizingGroup',
        planId: 'P',
        leader,
        deputies: [{ ...leader, name: 'enc:v2:3:zhou' }],
        members: [],
        roster: {},
        newPersons: ['P-ZHOU'],
      })
      .then({ code: 'leader-is-deputy', category: 'invalid' });
  });

  it('keeps a person the plan named before, and refuses a person id it never issued or one erased', () => {
    const zhou = { name: 'enc:v2:1:zhou', personId: 'P-ZHOU' };
    const appointed: PlanEvent = {
      type: 'OrganizingGroupAppointed',
      data: { leader: zhou, deputies: [], members: [] },
    };
    const again = (personId: string) => ({
      type: 'AppointOrganizingGroup' as const,
      planId: 'P',
      leader: { name: 'enc:v2:9:zhou', personId },
      deputies: [],
      members: [],
      roster: {},
      newPersons: [],
    });
    given(planDecider, [created, appointed])
      .when(again('P-ZHOU'))
      .then([
        {
          type: 'OrganizingGroupAppointed',
          data: { leader: { name: 'enc:v2:9:zhou', personId: 'P-ZHOU' }, deputies: [], members: [] },
        },
      ]);
    given(planDecider, [created])
      .when(again('P-ZHOU'))
      .then({ code: 'person-not-found', category: 'not-found' });
    given(planDecider, [
      created,
      appointed,
      { type: 'OrganizingGroupPersonErased', data: { personId: 'P-ZHOU' } },
    ])
      .when(again('P-ZHOU'))
      .then({ code: 'person-erased', category: 'conflict' });
    given(planDecider, [created])
      .when({ ...again('P-ZHOU'), leader: { name: 'enc:v2:9:x', personId: 'P-ZHOU', residentId: 'R1' } })
      .then({ code: 'resident-or-person', category: 'invalid' });
  });

  it('erases a person of the plan once, in the group or since gone from it; never one it did not name', () => {
    const appointed = (leader: { name: string; personId: string }): PlanEvent => ({
      type: 'OrganizingGroupAppointed',
      data: { leader, deputies: [], members: [] },
    });
    const erase = { type: 'EraseOrganizingGroupPerson' as const, planId: 'P', personId: 'P-ZHOU' };
    const erased: PlanEvent = { type: 'OrganizingGroupPersonErased', data: { personId: 'P-ZHOU' } };
    given(planDecider, [created, appointed({ name: 'enc:v2:1:zhou', personId: 'P-ZHOU' })])
      .when(erase)
      .then([erased]);
    given(planDecider, [
      created,
      appointed({ name: 'enc:v2:1:zhou', personId: 'P-ZHOU' }),
      appointed({ name: 'enc:v2:2:sun', personId: 'P-SUN' }),
    ])
      .when(erase)
      .then([erased]);
    given(planDecider, [created, appointed({ name: 'enc:v2:1:zhou', personId: 'P-ZHOU' }), erased])
      .when(erase)
      .then({ code: 'already-erased', category: 'conflict' });
    given(planDecider, [created]).when(erase).then({ code: 'person-not-found', category: 'not-found' });
    given(planDecider, []).when(erase).then({ code: 'plan-not-found', category: 'not-found' });
  });

  it('names only residents on the roster, never one who was erased', () => {
    const member = { name: 'enc:v2:…', email: 'enc:v2:…', residentId: 'R1' };
    const leader = { name: 'enc:v2:1:zhou', personId: 'P-ZHOU' };
    const appoint = (roster: Record<string, 'enrolled' | 'erased' | 'unknown'>) => ({
      type: 'AppointOrganizingGroup' as const,
      planId: 'P',
      leader,
      deputies: [],
      members: [member],
      roster,
      newPersons: ['P-ZHOU'],
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
          data: { leader, deputies: [], members: [member] },
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
