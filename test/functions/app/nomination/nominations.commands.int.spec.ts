import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDecider } from '../../../../domain/plan/plan.decider.js';
import { projections } from '../../../../domain/projections.js';
import { residentDecider } from '../../../../domain/resident/resident.decider.js';
import { isDomainError } from '../../../../domain/shared/errors.js';
import { type AggregateKind, streamIdOf } from '../../../../domain/shared/ids.js';
import { decodeEvent } from '../../../../events/index.js';
import type { DynamoDbEventStore } from '../../../../functions/adapters/dynamodb-event-store.js';
import { DynamoDbViewStore } from '../../../../functions/adapters/dynamodb-view-store.js';
import type { RoleName } from '../../../../functions/app/authorization.js';
import { CommandService } from '../../../../functions/app/command-handler.js';
import type { CommandActor } from '../../../../functions/app/execute.js';
import { requestIds } from '../../../../functions/app/idempotency.js';
import {
  decideNomination,
  endorseNomination,
  nominateFamily,
  nominationIdFor,
  recuseJudge,
  scoreNomination,
  withdrawNomination,
} from '../../../../functions/app/nomination/nominations.commands.js';
import { getRanking } from '../../../../functions/app/nomination/ranking.queries.js';
import { openRound } from '../../../../functions/app/nomination/rounds.commands.js';
import { getRound } from '../../../../functions/app/nomination/rounds.queries.js';
import { Projector } from '../../../../functions/projector/projector.js';
import { ManualClock } from '../../../support/clock.js';
import { documentClient, freshEventStore, startEngine, type TestEngine } from '../../../support/engines.js';
import { actingAs, recorded } from '../../../support/use-case-spec.js';

const C = 'c1';

describe('good family style use cases, on the event store', () => {
  let engine: TestEngine;
  let store: DynamoDbEventStore;
  let commands: CommandService;
  let views: DynamoDbViewStore;
  const clock = new ManualClock('2026-05-04T02:00:00Z');
  const deps = () => ({ commands, clock });

  const admin = actingAs(['admin'], 'A1');

  const eventsOf = async (kind: AggregateKind, id: string) =>
    (await store.readStream(streamIdOf(C, kind, id))).commits.flatMap((commit) =>
      commit.events.map((e) => ({ type: e.type, data: decodeEvent(e.type, e.schemaVersion, e.data) })),
    );
  const enroll = (residentId: string, householdId: string) =>
    recorded(commands, residentDecider, 'resident', residentId, {
      type: 'EnrollResident',
      residentId,
      name: `enc:v1:${residentId}`, // as enrolment writes it: sealed
      householdId,
    });

  let roundId: string;
  const criteria = [
    { key: 'harmony', label: 'Harmony', weight: 0.5 },
    { key: 'service', label: 'Service', weight: 0.5 },
  ];

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
    await Promise.all([
      enroll('R1', 'H1'),
      enroll('R2', 'H2'),
      enroll('R3', 'H3'),
      enroll('J1', 'H9'),
      enroll('J2', 'H1'),
    ]);
    roundId = ulid();
    const opened = await openRound(deps(), admin, {
      roundId,
      planId: 'P',
      title: 'Good families 2026',
      criteria,
      maxScore: 10,
      minJudges: 2,
      endorsementWeight: 0.2,
      endorsementCap: 50,
      judges: ['J1', 'J2'],
      nominationsClose: '2026-06-30',
      scoringCloses: '2026-07-31',
    });
    expect(isDomainError(opened.outcome)).toBe(false);
  });
  afterAll(async () => engine?.close());

  it('opens a round with bare closing dates read as the end of that day in the plan’s zone', async () => {
    const [opened] = await eventsOf('round', roundId);
    expect(opened).toMatchObject({
      type: 'RoundOpened',
      data: {
        roundId,
        nominationsClose: '2026-06-30T15:59:59.999Z',
        scoringCloses: '2026-07-31T15:59:59.999Z',
      },
    });
    const commit = (await store.readStream(streamIdOf(C, 'round', roundId))).commits[0]!;
    expect(commit.metadata).toMatchObject({ actor: 'A1', roles: ['admin'], correlationId: 'corr' });
  });

  it('opens a round under the request’s Idempotency-Key: the reserved id, the key recorded, and a takeover finds the commit', async () => {
    const reserved = ulid();
    const ids = requestIds(reserved, ulid);
    const since = new Date(clock.now().getTime() - 1000).toISOString();
    const keyed = (recoverSince?: string): CommandActor => ({
      ...admin,
      idempotencyKey: 'key-1',
      idempotency: { key: 'key-1', appendBefore: Date.parse('2030-01-01T00:00:00Z'), recoverSince },
      ids,
    });
    const input = {
      roundId: ids.next(),
      planId: 'P',
      title: 'Keyed',
      criteria,
      maxScore: 10,
      minJudges: 1,
      endorsementWeight: 0.2,
      endorsementCap: 50,
      judges: ['J1'],
      nominationsClose: '2026-06-30',
      scoringCloses: '2026-07-31',
    };
    expect(input.roundId).toBe(reserved);
    const first = await openRound(deps(), keyed(), input);
    const again = await openRound(deps(), keyed(since), input);
    expect(again).toEqual(first);
    const { commits } = await store.readStream(streamIdOf(C, 'round', reserved));
    expect(commits.map((c) => c.metadata.idempotencyKey)).toEqual(['key-1']);
  });

  it('refuses a round of a plan its stream does not know, and writes nothing', async () => {
    const id = ulid();
    const { outcome } = await openRound(deps(), admin, {
      roundId: id,
      planId: 'NOPE',
      title: 'x',
      criteria,
      maxScore: 10,
      minJudges: 1,
      endorsementWeight: 0.2,
      endorsementCap: 50,
      judges: ['J1'],
      nominationsClose: '2026-06-30',
      scoringCloses: '2026-07-31',
    });
    expect(outcome).toMatchObject({ kind: 'domain-error', code: 'plan-not-found' });
    expect(await eventsOf('round', id)).toEqual([]);
  });

  it('nominates a household once, recusing the judge who lives there', async () => {
    const nominate = () =>
      nominateFamily(deps(), actingAs(['resident'], 'R1'), {
        roundId,
        householdId: 'H1',
        familyName: 'Li',
        nominatedBy: 'R1',
        story: 'They run the reading corner.',
      });
    const { id, outcome } = await nominate();
    expect(id).toBe(nominationIdFor(roundId, 'H1'));
    expect(isDomainError(outcome)).toBe(false);
    expect((await eventsOf('nomination', id)).map((e) => e.type)).toEqual([
      'FamilyNominated',
      'JudgeRecused',
    ]);
    expect((await eventsOf('nomination', id))[1]!.data).toMatchObject({ judgeId: 'J2', automatic: true });
    expect((await nominate()).outcome).toMatchObject({ kind: 'domain-error', category: 'conflict' });
  });

  it('refuses a resident nominating in someone else’s name, and an unknown round', async () => {
    const input = { roundId, householdId: 'H2', familyName: 'Wang', nominatedBy: 'R2', story: 's' };
    await expect(nominateFamily(deps(), actingAs(['resident'], 'R1'), input)).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'forbidden',
    });
    const unknown = await nominateFamily(deps(), actingAs(['resident'], 'R2'), { ...input, roundId: ulid() });
    expect(unknown.outcome).toMatchObject({ kind: 'domain-error', code: 'round-not-found' });
    expect(await eventsOf('nomination', nominationIdFor(roundId, 'H2'))).toEqual([]);
  });

  it('endorses in the resident’s own name; staff name the resident they endorse for', async () => {
    const nominationId = nominationIdFor(roundId, 'H1');
    await endorseNomination(deps(), actingAs(['resident'], 'R2'), { nominationId, residentId: 'R3' });
    await endorseNomination(deps(), actingAs(['organizer'], 'O1'), { nominationId, residentId: 'R3' });
    const endorsed = (await eventsOf('nomination', nominationId)).filter(
      (e) => e.type === 'NominationEndorsed',
    );
    expect(endorsed.map((e) => e.data)).toEqual([{ residentId: 'R2' }, { residentId: 'R3' }]);
  });

  it('scores as the calling judge; refuses a recused one, another judge’s recusal and an unknown nomination', async () => {
    const nominationId = nominationIdFor(roundId, 'H1');
    await scoreNomination(deps(), actingAs(['judge'], 'J1'), {
      nominationId,
      scores: { harmony: 8, service: 7 },
    });
    const scored = (await eventsOf('nomination', nominationId)).at(-1)!;
    expect(scored).toEqual({
      type: 'NominationScored',
      data: { judgeId: 'J1', scores: { harmony: 8, service: 7 } },
    });
    const recused = await scoreNomination(deps(), actingAs(['judge'], 'J2'), {
      nominationId,
      scores: { harmony: 1, service: 1 },
    });
    expect(recused.outcome).toMatchObject({ kind: 'domain-error', code: 'judge-recused' });
    await expect(
      recuseJudge(deps(), actingAs(['judge'], 'J1'), { nominationId, judgeId: 'J2', reason: 'x' }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      scoreNomination(deps(), actingAs(['judge'], 'J1'), { nominationId: ulid(), scores: {} }),
    ).rejects.toMatchObject({ kind: 'not-found', code: 'not-found' });
  });

  it('ranks with each judge’s scores shown only to whom they may be shown while scoring is open', async () => {
    const projector = new Projector(views, projections);
    const { commits } = await store.readHistory({ community: C, limit: 1000 });
    for (const commit of commits) await projector.applyCommit(commit);
    const reader = (roles: RoleName[], sub: string) => ({ sub, residentId: sub, roles, community: C });
    const judgesSeenBy = async (roles: RoleName[], sub: string) =>
      (await getRanking({ views, clock }, reader(roles, sub), { roundId })).items[0]!.explanation.judges?.map(
        (j) => j.judgeId,
      );
    expect(await judgesSeenBy(['organizer'], 'O1')).toEqual(['J1']);
    expect(await judgesSeenBy(['judge'], 'J1')).toEqual(['J1']);
    expect(await judgesSeenBy(['judge'], 'J2')).toBeUndefined();
    expect(await judgesSeenBy(['resident'], 'R2')).toBeUndefined();
    expect(await getRound({ views }, reader(['resident'], 'R2'), { roundId })).toMatchObject({
      roundId,
      judges: ['J1', 'J2'],
      version: 1,
    });
    await expect(getRound({ views }, reader(['resident'], 'R2'), { roundId: ulid() })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('decides only after scoring closes, and withdraws an undecided nomination', async () => {
    const nominationId = nominationIdFor(roundId, 'H1');
    const early = await decideNomination(deps(), admin, { nominationId, outcome: 'awarded', rationale: 'r' });
    expect(early.outcome).toMatchObject({ kind: 'domain-error', code: 'scoring-still-open' });
    await nominateFamily(deps(), actingAs(['resident'], 'R3'), {
      roundId,
      householdId: 'H3',
      familyName: 'Zhao',
      nominatedBy: 'R3',
      story: 's',
    });
    const withdrawn = nominationIdFor(roundId, 'H3');
    await withdrawNomination(deps(), admin, { nominationId: withdrawn, reason: 'moved away' });
    expect((await eventsOf('nomination', withdrawn)).at(-1)).toEqual({
      type: 'NominationWithdrawn',
      data: { reason: 'moved away' },
    });
    clock.set('2026-08-01T00:00:00Z');
    await decideNomination(deps(), admin, {
      nominationId,
      outcome: 'awarded',
      rationale: 'Years of service',
    });
    expect((await eventsOf('nomination', nominationId)).at(-1)).toEqual({
      type: 'NominationDecided',
      data: { outcome: 'awarded', rationale: 'Years of service' },
    });
  });
});
