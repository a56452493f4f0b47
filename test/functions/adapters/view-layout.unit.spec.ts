import { describe, expect, it } from 'vitest';
import * as views from '../../../domain/projections.js';
import {
  documentsFor,
  groupKeyOf,
  keyOf,
  listKeyOf,
  listRefOf,
  refOf,
  sliceKeysOf,
} from '../../../functions/adapters/view-layout.js';
import { projectedMarkerKey } from '../../../functions/app/view-store.js';

/**
 * Where the view store keeps each view's documents and lists. Views name them by their own ids; the
 * table's strings are pinned here because changing one would orphan every item already stored (a
 * migration).
 */
describe('view keys and lists', () => {
  it.each([
    [keyOf(views.activityKey('c1', 'A1')), { pk: 'c1#activity#A1', sk: 'detail' }],
    [keyOf(views.attendeeKey('c1', 'A1', 'R1')), { pk: 'c1#activity#A1', sk: 'attendee#R1' }],
    [keyOf(views.longWindowKey('c1', 'A1')), { pk: 'c1#activity#A1', sk: 'long-window' }],
    [groupKeyOf(views.attendeesOf('c1', 'A1')), { pk: 'c1#activity#A1', skPrefix: 'attendee#' }],
    [keyOf(views.activityComplianceKey('c1', 'A1')), { pk: 'c1#activity#A1', sk: 'compliance' }],
    [keyOf(views.residentKey('c1', 'R1')), { pk: 'c1#resident#R1', sk: 'profile' }],
    [keyOf(views.participationKey('c1', 'R1', 'A1')), { pk: 'c1#resident#R1', sk: 'activity#A1' }],
    [groupKeyOf(views.participationOf('c1', 'R1')), { pk: 'c1#resident#R1', skPrefix: 'activity#' }],
    [keyOf(views.authoredKey('c1', 'R1', 'AR1')), { pk: 'c1#resident#R1', sk: 'article#AR1' }],
    [groupKeyOf(views.authoredBy('c1', 'R1')), { pk: 'c1#resident#R1', skPrefix: 'article#' }],
    [keyOf(views.residentGoodDeedKey('c1', 'R1', 'D1')), { pk: 'c1#resident#R1', sk: 'deed#D1' }],
    [groupKeyOf(views.goodDeedsOf('c1', 'R1')), { pk: 'c1#resident#R1', skPrefix: 'deed#' }],
    [keyOf(views.modelKey('c1', 'R1', 'M1')), { pk: 'c1#resident#R1', sk: 'model#M1' }],
    [groupKeyOf(views.modelsOf('c1', 'R1')), { pk: 'c1#resident#R1', skPrefix: 'model#' }],
    [keyOf(views.partyMemberKey('c1', 'R1')), { pk: 'c1#resident#R1', sk: 'party-member' }],
    [keyOf(views.planKey('c1', 'P1')), { pk: 'c1#plan#P1', sk: 'detail' }],
    [keyOf(views.planTargetsKey('c1', 'P1')), { pk: 'c1#plan#P1', sk: 'targets' }],
    [keyOf(views.allPlansKey('c1', 'P1')), { pk: '$plans', sk: 'c1#P1' }],
    [keyOf(views.articleKey('c1', 'AR1')), { pk: 'c1#article#AR1', sk: 'detail' }],
    [keyOf(views.roundKey('c1', 'G1')), { pk: 'c1#round#G1', sk: 'detail' }],
    [keyOf(views.nominationKey('c1', 'N1')), { pk: 'c1#nomination#N1', sk: 'detail' }],
    [keyOf(views.goodDeedKey('c1', 'D1')), { pk: 'c1#deed#D1', sk: 'detail' }],
  ])('%o', (built, stored) => {
    expect(built).toEqual(stored);
  });

  it.each([
    [listKeyOf(views.activitiesList('c1')), 'c1#activities'],
    [listKeyOf(views.residentsList('c1')), 'c1#residents'],
    [listKeyOf(views.plansList('c1')), 'c1#plans'],
    [listKeyOf(views.allPlansList()), '$all-plans'],
    [listKeyOf(views.articlesList('c1', 'P1')), 'c1#articles#P1'],
    [listKeyOf(views.planActivitiesList('c1', 'P1')), 'c1#plan#P1#compliance'],
    [listKeyOf(views.partyMembersList('c1')), 'c1#party-members'],
    [listKeyOf(views.roundsList('c1')), 'c1#rounds'],
    [listKeyOf(views.roundNominationsList('c1', 'G1')), 'c1#round#G1#nominations'],
    [listKeyOf(views.goodDeedsList('c1', 'P1')), 'c1#plan#P1#good-deeds'],
    [listKeyOf(views.modelsList('c1')), 'c1#models'],
    [listKeyOf(views.longWindowsList('c1', 2026)), 'c1#long-windows#2026'],
  ])('list %s', (built, stored) => {
    expect(built).toBe(stored);
  });

  it('slices of a list by sort-key prefix, as the readers query them', () => {
    expect(sliceKeysOf(views.activitiesStartingBy('c1', '2026-03-31T15:59:59.999Z'))).toEqual({
      list: 'c1#activities',
      to: '2026-03-31T15:59:59.999Z#~',
    });
    expect(sliceKeysOf(views.activitiesStartingBy('c1'))).toEqual({ list: 'c1#activities' });
    expect(sliceKeysOf(views.planArticles('c1', 'P1', 'R1'))).toEqual({
      list: 'c1#articles#P1',
      from: 'R1#',
      to: 'R1#~',
    });
    expect(sliceKeysOf(views.planArticles('c1', 'P1'))).toEqual({ list: 'c1#articles#P1' });
    expect(sliceKeysOf(views.plansOfYear('c1', 2026))).toEqual({
      list: 'c1#plans',
      from: '2026#',
      to: '2026#~',
    });
  });

  it('reads every stored key back as the document it holds, and every list key as its list', () => {
    const documents = [
      views.activityKey('c1', 'A1'),
      views.attendeeKey('c1', 'A1', 'R1'),
      views.longWindowKey('c1', 'A1'),
      views.participationKey('c1', 'R1', 'A1'),
      views.allPlansKey('c1', 'P1'),
      views.instructorSessionKey('c1', 'I1', '2026-03-01', 'S1'),
      projectedMarkerKey('c1', 'c1#activity#A1'),
    ];
    for (const ref of documents) expect(refOf(keyOf(ref))).toEqual(ref);
    const lists = [
      views.activitiesList('c1'),
      views.allPlansList(),
      views.articlesList('c1', 'P1'),
      views.planActivitiesList('c1', 'P1'),
      views.roundNominationsList('c1', 'G1'),
      views.longWindowsList('c1', 2026),
    ];
    for (const list of lists) expect(listRefOf(listKeyOf(list))).toEqual(list);
  });

  it('answers a read of several documents once each, named as they were asked for', () => {
    const asked = views.attendeeKey('c1', 'A1', 'R#1');
    const stored = { ...keyOf(asked), owner: 'c1#activity#A1', appliedVersion: 1, data: {} };
    expect(documentsFor([asked, asked, views.activityKey('c1', 'A2')], [stored])).toEqual([
      { ref: asked, owner: 'c1#activity#A1', appliedVersion: 1, data: {} },
    ]);
  });
});
