import { describe, expect, it } from 'vitest';
import * as views from '../../domain/projections.js';

/**
 * The keys and list names views are stored under. Readers build them with these functions only; the
 * strings are pinned here because changing one would orphan every item already stored (a migration).
 */
describe('view keys and lists', () => {
  it.each([
    [views.activityKey('c1', 'A1'), { pk: 'c1#activity#A1', sk: 'detail' }],
    [views.attendeeKey('c1', 'A1', 'R1'), { pk: 'c1#activity#A1', sk: 'attendee#R1' }],
    [views.attendeesOf('c1', 'A1'), { pk: 'c1#activity#A1', skPrefix: 'attendee#' }],
    [views.activityComplianceKey('c1', 'A1'), { pk: 'c1#activity#A1', sk: 'compliance' }],
    [views.residentKey('c1', 'R1'), { pk: 'c1#resident#R1', sk: 'profile' }],
    [views.participationKey('c1', 'R1', 'A1'), { pk: 'c1#resident#R1', sk: 'activity#A1' }],
    [views.participationOf('c1', 'R1'), { pk: 'c1#resident#R1', skPrefix: 'activity#' }],
    [views.authoredKey('c1', 'R1', 'AR1'), { pk: 'c1#resident#R1', sk: 'article#AR1' }],
    [views.authoredBy('c1', 'R1'), { pk: 'c1#resident#R1', skPrefix: 'article#' }],
    [views.residentGoodDeedKey('c1', 'R1', 'D1'), { pk: 'c1#resident#R1', sk: 'deed#D1' }],
    [views.goodDeedsOf('c1', 'R1'), { pk: 'c1#resident#R1', skPrefix: 'deed#' }],
    [views.modelKey('c1', 'R1', 'M1'), { pk: 'c1#resident#R1', sk: 'model#M1' }],
    [views.modelsOf('c1', 'R1'), { pk: 'c1#resident#R1', skPrefix: 'model#' }],
    [views.partyMemberKey('c1', 'R1'), { pk: 'c1#resident#R1', sk: 'party-member' }],
    [views.planKey('c1', 'P1'), { pk: 'c1#plan#P1', sk: 'detail' }],
    [views.planTargetsKey('c1', 'P1'), { pk: 'c1#plan#P1', sk: 'targets' }],
    [views.allPlansKey('c1', 'P1'), { pk: '$plans', sk: 'c1#P1' }],
    [views.articleKey('c1', 'AR1'), { pk: 'c1#article#AR1', sk: 'detail' }],
    [views.roundKey('c1', 'G1'), { pk: 'c1#round#G1', sk: 'detail' }],
    [views.nominationKey('c1', 'N1'), { pk: 'c1#nomination#N1', sk: 'detail' }],
    [views.goodDeedKey('c1', 'D1'), { pk: 'c1#deed#D1', sk: 'detail' }],
  ])('%o', (built, stored) => {
    expect(built).toEqual(stored);
  });

  it.each([
    [views.activitiesList('c1'), 'c1#activities'],
    [views.residentsList('c1'), 'c1#residents'],
    [views.plansList('c1'), 'c1#plans'],
    [views.allPlansList(), '$all-plans'],
    [views.articlesList('c1', 'P1'), 'c1#articles#P1'],
    [views.planActivitiesList('c1', 'P1'), 'c1#plan#P1#compliance'],
    [views.partyMembersList('c1'), 'c1#party-members'],
    [views.roundsList('c1'), 'c1#rounds'],
    [views.roundNominationsList('c1', 'G1'), 'c1#round#G1#nominations'],
    [views.goodDeedsList('c1', 'P1'), 'c1#plan#P1#good-deeds'],
    [views.modelsList('c1'), 'c1#models'],
  ])('list %s', (built, stored) => {
    expect(built).toBe(stored);
  });

  it('slices of a list by sort-key prefix, as the readers query them', () => {
    expect(views.activitiesStartingBy('c1', '2026-03-31T15:59:59.999Z')).toEqual({
      list: 'c1#activities',
      to: '2026-03-31T15:59:59.999Z#~',
    });
    expect(views.activitiesStartingBy('c1')).toEqual({ list: 'c1#activities' });
    expect(views.planArticles('c1', 'P1', 'R1')).toEqual({ list: 'c1#articles#P1', from: 'R1#', to: 'R1#~' });
    expect(views.planArticles('c1', 'P1')).toEqual({ list: 'c1#articles#P1' });
    expect(views.plansOfYear('c1', 2026)).toEqual({ list: 'c1#plans', from: '2026#', to: '2026#~' });
  });
});
