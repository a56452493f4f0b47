import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activitiesStartingBy, activityKey } from '../../../../domain/activity/activity.view.js';
import { longWindowKey, longWindowsList } from '../../../../domain/activity/long-window.view.js';
import { DynamoDbViewStore } from '../../../../functions/adapters/dynamodb-view-store.js';
import { type CalendarInput, listActivities } from '../../../../functions/app/activity/calendar.queries.js';
import type { Actor } from '../../../../functions/app/execute.js';
import { documentClient, freshTables, startEngine, type TestEngine } from '../../../support/engines.js';

/**
 * The projector writes a long window's stub and its entry in parallel, so for a moment the stub may
 * still pass a filter its entry no longer does (cancelled, moved to another plan or category). The
 * calendar reads the entry for such a stub, and keeps it only if the entry passes the filters too.
 */
const COMMUNITY = 'demo';
const actor = { community: COMMUNITY, sub: 'A1', roles: ['admin'] } as unknown as Actor;
const window = { start: '2026-01-05T00:00:00.000Z', end: '2026-04-30T00:00:00.000Z' };
const owner = `${COMMUNITY}#activity#SPAN`;
const stub = {
  activityId: 'SPAN',
  planId: 'P2026',
  planYear: 2026,
  title: 'SPAN',
  category: 'festival',
  window,
  status: 'planned',
  seriesId: 'S1',
};

describe('a long window whose stub is a step behind its entry', () => {
  let engine: TestEngine;
  let views: DynamoDbViewStore;

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    const tables = await freshTables(engine.endpoint);
    views = new DynamoDbViewStore(documentClient(engine.endpoint), tables.VIEWS_TABLE);
    await views.putIfNewer({
      ref: longWindowKey(COMMUNITY, 'SPAN'),
      placement: { list: longWindowsList(COMMUNITY, 2026), order: [window.start, 'SPAN'] },
      owner,
      appliedVersion: 1,
      data: stub,
    });
  });

  /** The entry as the projector last wrote it: the stub's values with `changed` over them. */
  const entryNow = (changed: Record<string, unknown>) =>
    views.putIfNewer({
      ref: activityKey(COMMUNITY, 'SPAN'),
      placement: { list: activitiesStartingBy(COMMUNITY).list, order: [window.start, 'SPAN'] },
      owner,
      appliedVersion: 2,
      data: { ...stub, registeredCount: 0, attendanceCount: 0, ...changed },
    });
  const titles = async (filters: Omit<CalendarInput, 'limit' | 'from' | 'to'>) =>
    (
      await listActivities({ views }, actor, { from: '2026-03-01', to: '2026-03-31', limit: 10, ...filters })
    ).items.map((i) => `${i.title}:${i.status}`);

  it('is listed as its entry says when the entry still passes', async () => {
    await entryNow({ title: 'SPAN renamed' });
    expect(await titles({ status: 'planned' })).toEqual(['SPAN renamed:planned']);
  });

  it('is left out when its entry no longer passes the status, category or series asked for', async () => {
    await entryNow({ status: 'cancelled', category: 'performance', planId: 'P-other', seriesId: 'S2' });
    expect(await titles({ status: 'planned' })).toEqual([]);
    expect(await titles({ category: 'festival' })).toEqual([]);
    expect(await titles({ seriesId: 'S1' })).toEqual([]);
    expect(await titles({})).toEqual(['SPAN:cancelled']);
  });
});
