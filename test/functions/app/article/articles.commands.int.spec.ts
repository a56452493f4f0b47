import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDecider } from '../../../../domain/plan/plan.decider.js';
import { projections } from '../../../../domain/projections.js';
import { residentDecider } from '../../../../domain/resident/resident.decider.js';
import { isDomainError } from '../../../../domain/shared/errors.js';
import { streamIdOf } from '../../../../domain/shared/ids.js';
import { decodeEvent } from '../../../../events/index.js';
import type { DynamoDbEventStore } from '../../../../functions/adapters/dynamodb-event-store.js';
import { DynamoDbViewStore } from '../../../../functions/adapters/dynamodb-view-store.js';
import {
  reviewArticle,
  reviseArticle,
  submitArticle,
} from '../../../../functions/app/article/articles.commands.js';
import { getArticle, listArticles } from '../../../../functions/app/article/articles.queries.js';
import type { RoleName } from '../../../../functions/app/authorization.js';
import { CommandService } from '../../../../functions/app/command-handler.js';
import type { CommandActor } from '../../../../functions/app/execute.js';
import type { RequestIds } from '../../../../functions/app/idempotency.js';
import { Projector } from '../../../../functions/projector/projector.js';
import { ManualClock } from '../../../support/clock.js';
import { documentClient, freshEventStore, startEngine, type TestEngine } from '../../../support/engines.js';
import { actingAs, recorded } from '../../../support/use-case-spec.js';

const C = 'c1';

/** Bodies by their SHA-256, as the blob store keeps them. */
class Blobs {
  readonly stored = new Map<string, string>();
  async put(content: string) {
    const sha256 = createHash('sha256').update(content).digest('hex');
    this.stored.set(sha256, content);
    return { sha256, bytes: Buffer.byteLength(content) };
  }
  async get(sha256: string) {
    return this.stored.get(sha256);
  }
}

describe('article use cases, on the event store', () => {
  let engine: TestEngine;
  let store: DynamoDbEventStore;
  let commands: CommandService;
  let views: DynamoDbViewStore;
  const clock = new ManualClock('2026-05-04T02:00:00Z');
  const blobs = new Blobs();
  const deps = () => ({ commands, blobs, clock });

  // Each reader is the resident of their id, as a token's `resident` claim says.
  const reader = (roles: RoleName[], sub = `test-${roles[0]}`) => ({
    sub,
    residentId: sub,
    roles,
    community: C,
  });

  const eventsOf = async (id: string) =>
    (await store.readStream(streamIdOf(C, 'article', id))).commits.flatMap((commit) =>
      commit.events.map((e) => ({ type: e.type, data: decodeEvent(e.type, e.schemaVersion, e.data) })),
    );
  const submit = (actor: CommandActor & { ids: RequestIds }, authorId: string, planId = 'P') =>
    submitArticle(deps(), actor, {
      articleId: actor.ids.next(),
      planId,
      authorId,
      kind: 'theory-article',
      title: 'On reading together',
      body: `A text by ${authorId}`,
    });

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    const fresh = await freshEventStore(engine.endpoint, clock);
    store = fresh.store;
    views = new DynamoDbViewStore(documentClient(engine.endpoint), fresh.tables.VIEWS_TABLE);
    commands = new CommandService({ store, clock });
    await recorded(commands, planDecider, 'plan', 'P', {
      type: 'CreatePlan',
      planId: 'P',
      communityName: 'V',
      year: 2026,
      title: 'Plan',
      timeZone: 'Asia/Shanghai',
    });
    for (const id of ['M1', 'M2'])
      await recorded(commands, residentDecider, 'resident', id, {
        type: 'EnrollResident',
        residentId: id,
        name: `enc:v1:${id}`, // as enrolment writes it: sealed
        householdId: `H-${id}`,
        partyMember: true,
      });
  });
  afterAll(async () => engine?.close());

  it('submits a member’s own article with its body stored once and named by its SHA-256', async () => {
    const { id, outcome } = await submit(actingAs(['resident'], 'M1'), 'M1');
    expect(isDomainError(outcome)).toBe(false);
    const [submitted] = await eventsOf(id);
    const sha256 = createHash('sha256').update('A text by M1').digest('hex');
    expect(submitted).toMatchObject({
      type: 'ArticleSubmitted',
      data: { articleId: id, planId: 'P', authorId: 'M1', body: { sha256, bytes: 12 } },
    });
    expect(blobs.stored.get(sha256)).toBe('A text by M1');
  });

  it('refuses another member’s article, and a plan its stream does not know, storing nothing', async () => {
    const before = blobs.stored.size;
    await expect(submit(actingAs(['resident'], 'M1'), 'M2')).rejects.toMatchObject({ kind: 'forbidden' });
    const unknown = await submit(actingAs(['organizer']), 'M2', 'NOPE');
    expect(unknown.outcome).toMatchObject({ kind: 'domain-error', code: 'plan-not-found' });
    expect(await eventsOf(unknown.id)).toEqual([]);
    expect(blobs.stored.size).toBe(before);
  });

  it('revises as the author its stream names (no view needed), after staff asked for a revision', async () => {
    const { id } = await submit(actingAs(['resident'], 'M2'), 'M2');
    await reviewArticle(deps(), actingAs(['organizer'], 'O1'), {
      articleId: id,
      verdict: 'needs-revision',
      comments: 'Shorter, please',
    });
    await expect(
      reviseArticle(deps(), actingAs(['resident'], 'M1'), { articleId: id, body: 'not mine' }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      reviseArticle(deps(), actingAs(['resident'], 'M2'), { articleId: ulid(), body: 'x' }),
    ).rejects.toMatchObject({ kind: 'not-found', code: 'not-found' });
    const revised = await reviseArticle(deps(), actingAs(['resident'], 'M2'), {
      articleId: id,
      body: 'Shorter',
    });
    expect(isDomainError(revised.outcome)).toBe(false);
    expect((await eventsOf(id)).map((e) => [e.type, (e.data as { reviewerId?: string }).reviewerId])).toEqual(
      [
        ['ArticleSubmitted', undefined],
        ['ArticleReviewed', 'O1'],
        ['ArticleRevised', undefined],
      ],
    );
  });

  it('lists and opens articles for overseers, and for a resident only their own', async () => {
    const projector = new Projector(views, projections);
    const { commits } = await store.readHistory({ community: C, limit: 1000 });
    for (const commit of commits) await projector.applyCommit(commit);
    const query = { views, blobs };

    const all = await listArticles(query, reader(['leader']), { planId: 'P', limit: 50 });
    expect(new Set(all.items.map((a) => a.authorId))).toEqual(new Set(['M1', 'M2']));
    const own = await listArticles(query, reader(['resident'], 'M1'), { planId: 'P', limit: 50 });
    expect(own.items.map((a) => a.authorId)).toEqual(['M1']);
    expect(own.items[0]).not.toHaveProperty('body');
    await expect(
      listArticles(query, reader(['resident'], 'M1'), { planId: 'P', authorId: 'M2', limit: 50 }),
    ).rejects.toMatchObject({ kind: 'forbidden' });

    const articleId = own.items[0]!.articleId;
    const opened = await getArticle(query, reader(['auditor']), { articleId });
    expect(opened).toMatchObject({ authorId: 'M1', body: 'A text by M1', bodyBytes: 12, version: 1 });
    await expect(getArticle(query, reader(['resident'], 'M2'), { articleId })).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('dates an article the day it was written and its review the day it was made, refusing a day after today with nothing written (issue 25)', async () => {
    // 10:00 on 4 May in Shanghai: today there, whatever day it is in UTC.
    const before = blobs.stored.size;
    const ahead = await submitArticle(deps(), actingAs(['organizer']), {
      articleId: ulid(),
      planId: 'P',
      authorId: 'M1',
      kind: 'theory-article',
      title: 'Tomorrow’s thoughts',
      body: 'Not yet written',
      writtenOn: '2026-05-05',
    });
    expect(ahead.outcome).toMatchObject({ kind: 'domain-error', code: 'written-in-future' });
    expect(await eventsOf(ahead.id)).toEqual([]);
    expect(blobs.stored.size).toBe(before);

    const actor = actingAs(['organizer']);
    const { id } = await submitArticle(deps(), actor, {
      articleId: actor.ids.next(),
      planId: 'P',
      authorId: 'M1',
      kind: 'theory-article',
      title: 'Written in the winter',
      body: 'An older text',
      writtenOn: '2026-02-11',
    });
    const early = await reviewArticle(deps(), actingAs(['organizer'], 'O1'), {
      articleId: id,
      verdict: 'quality',
      reviewedOn: '2026-02-01',
    });
    expect(early.outcome).toMatchObject({ kind: 'domain-error', code: 'reviewed-before-written' });
    await reviewArticle(deps(), actingAs(['organizer'], 'O1'), {
      articleId: id,
      verdict: 'quality',
      reviewedOn: '2026-03-02',
    });
    const undated = await submit(actingAs(['resident'], 'M2'), 'M2');
    expect((await eventsOf(id)).map((e) => e.data)).toEqual([
      expect.objectContaining({ writtenOn: '2026-02-11' }),
      expect.objectContaining({ verdict: 'quality', reviewedOn: '2026-03-02' }),
    ]);
    expect((await eventsOf(undated.id))[0]!.data).toMatchObject({ writtenOn: '2026-05-04' });
  });
});
