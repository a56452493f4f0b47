import { Logger } from '@aws-lambda-powertools/logger';
import { ulid } from 'ulid';
import { expect } from 'vitest';
import { projections } from '../../domain/projections.js';
import type { Decider } from '../../domain/shared/decider.js';
import { type DomainError, isDomainError } from '../../domain/shared/errors.js';
import { type AggregateKind, parseStreamId, streamIdOf } from '../../domain/shared/ids.js';
import { type Commit, type CommitMetadata, decodeEvent, GENESIS_HASH } from '../../events/index.js';
import type { AwsCallRecorder } from '../../functions/adapters/aws-calls.js';
import { derivedTicketKey, JoseCheckInTickets } from '../../functions/adapters/check-in-tickets.js';
import { InMemoryEventStore } from '../../functions/adapters/memory-event-store.js';
import type { RoleName } from '../../functions/app/authorization.js';
import type { CheckInTickets } from '../../functions/app/check-in-tickets.js';
import { type CommandAccepted, CommandService } from '../../functions/app/command-handler.js';
import type { Actor, CommandActor, CommandResult } from '../../functions/app/execute.js';
import { type RequestIds, requestIds } from '../../functions/app/idempotency.js';
import type { PersonalDataCipher } from '../../functions/app/personal-data.js';
import type { Clock, EventStore, NewEvent } from '../../functions/app/ports.js';
import type { ViewStore } from '../../functions/app/view-store.js';
import { commandServiceFor, coreDependencies } from '../../functions/composition/core.js';
import { personalDataFor } from '../../functions/composition/personal-data.js';
import { loadConfig } from '../../functions/config.js';
import { Projector } from '../../functions/projector/projector.js';
import { ManualClock } from './clock.js';
import { type ExpectedError, expectError, isExpectedError } from './decider-spec.js';
import { freshTables, type TestEngine } from './engines.js';
/**
 * The use-case level's one dialect (issue 26), at two sizes: streams in an in-memory event store
 * (`given(streams).when(action).then(...)`), and the real adapters over fresh tables of an engine
 * (`useCaseWorld(engine)`: commands, views, sealed personal data, a projector to apply).
 */

export type Streams = Readonly<Record<string, readonly NewEvent[]>>;

/** One command for one decider's stream, as a route would hand it to the command service. */
export interface StreamCommand<C, S, E> {
  readonly decider: Decider<C, S, E>;
  readonly streamId: string;
  readonly command: C | ((state: S, version: number) => C | DomainError);
  readonly metadata?: CommitMetadata;
}

/** What a use case under test may use: the store holding the given streams, and the command service. */
export interface Harness {
  readonly store: InMemoryEventStore;
  readonly commands: CommandService;
  readonly clock: ManualClock;
  readonly metadata: CommitMetadata;
  /** Every event of a stream, decoded to its current version. */
  eventsOf(streamId: string): Promise<NewEvent[]>;
}

/**
 * Streams in an in-memory event store, a command run through the real CommandService (load, fold,
 * decide, append with a hash chain) or any use case given the harness:
 *   await given({ 'c1#article#A': [submitted] })
 *     .when({ decider: articleDecider, streamId: 'c1#article#A', command: review })
 *     .then([reviewed]);                           // the events appended to that stream
 *   await given({}).when((h) => someUseCase(h, input)).then({ 'c1#deed#D': [recorded] });
 *   await given({}).when(...).then({ code: 'resident-not-found' });   // returned or thrown
 */
export function given(streams: Streams = {}, options: { now?: string; metadata?: CommitMetadata } = {}) {
  return givenStreams(streams, options);
}

export interface StreamThen {
  /**
   * The events the action appended: a list (for a StreamCommand: to its stream), or per stream (every
   * stream not named must have received nothing); or the refusal it returned or threw.
   */
  then(expected: readonly NewEvent[] | Streams | ExpectedError): Promise<Harness>;
}

/** Every commit of every community, in global order. */
async function allCommits(store: InMemoryEventStore): Promise<Commit[]> {
  const commits: Commit[] = [];
  for (const community of await store.communities()) {
    let after: string | undefined;
    do {
      const page = await store.readHistory({ community, after, limit: 1000 });
      commits.push(...page.commits);
      after = page.nextAfter;
    } while (after);
  }
  return commits;
}

function givenStreams(streams: Streams, options: { now?: string; metadata?: CommitMetadata }) {
  const clock = new ManualClock(options.now ?? '2026-05-04T02:00:00.000Z');
  const store = new InMemoryEventStore({ clock });
  const commands = new CommandService({ store, clock, sleep: async () => {} });
  const metadata = options.metadata ?? { actor: 'tester', roles: ['admin'], correlationId: 'c-given' };
  const eventsOf = async (streamId: string) =>
    (await store.readStream(streamId)).commits.flatMap((c) =>
      c.events.map((e) => ({ type: e.type, data: decodeEvent(e.type, e.schemaVersion, e.data) })),
    );
  const harness: Harness = { store, commands, clock, metadata, eventsOf };
  const seeded = (async () => {
    for (const [streamId, events] of Object.entries(streams)) {
      if (events.length === 0) continue;
      const community = parseStreamId(streamId)?.community ?? 'c1';
      await store.append({
        community,
        streamId,
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events,
        metadata,
      });
    }
  })();
  return {
    when<C, S, E>(action: StreamCommand<C, S, E> | ((h: Harness) => Promise<unknown>)): StreamThen {
      return {
        // biome-ignore lint/suspicious/noThenProperty: emmett's name; an accidental `await` is refused below
        then(expected, ...thenable: unknown[]) {
          if (typeof expected === 'function') {
            // Called by `await`, as a promise's then(resolve, reject): refuse through reject.
            (thenable[0] as (reason: unknown) => void)(
              new Error('given(...).when(...) is not a promise: call .then(expected events or error)'),
            );
            return Promise.resolve(harness);
          }
          return run(expected);
        },
      };
      async function run(expected: readonly NewEvent[] | Streams | ExpectedError): Promise<Harness> {
        await seeded;
        const before = new Map<string, number>();
        for (const commit of await allCommits(store)) before.set(commit.streamId, commit.lastVersion);
        let outcome: unknown;
        try {
          outcome =
            typeof action === 'function'
              ? await action(harness)
              : await commands.execute({
                  decider: action.decider as Decider<C, S, E & { type: string; data: unknown }>,
                  community: parseStreamId(action.streamId)?.community ?? 'c1',
                  streamId: action.streamId,
                  command: action.command,
                  metadata: action.metadata ?? metadata,
                });
        } catch (error) {
          if (!isExpectedError(expected)) throw error;
          expectError(error, expected);
          return harness;
        }
        if (isExpectedError(expected)) {
          expectError(outcome, expected);
          return harness;
        }
        if (isDomainError(outcome))
          throw new Error(`expected events, got ${outcome.code}: ${outcome.detail}`);
        const appended: Record<string, NewEvent[]> = {};
        for (const commit of await allCommits(store)) {
          const seen = before.get(commit.streamId) ?? 0;
          const fresh = commit.events.filter((e) => e.streamVersion > seen);
          if (fresh.length === 0) continue;
          appended[commit.streamId] = [
            ...(appended[commit.streamId] ?? []),
            ...fresh.map((e) => ({ type: e.type, data: decodeEvent(e.type, e.schemaVersion, e.data) })),
          ];
        }
        if (Array.isArray(expected)) {
          const streamId = typeof action === 'function' ? undefined : action.streamId;
          if (streamId) expect(appended[streamId] ?? []).toEqual(expected);
          else expect(Object.values(appended).flat()).toEqual(expected);
        } else {
          const wanted = Object.fromEntries(
            Object.entries(expected as Streams).filter(([, events]) => events.length > 0),
          );
          expect(appended).toEqual(wanted);
        }
        return harness;
      }
    },
  };
}

export const COMMUNITY = 'c1';

/** The real adapters a use case runs on, over fresh tables of an in-memory engine. */
export interface UseCaseWorld {
  readonly commands: CommandService;
  readonly events: EventStore;
  readonly views: ViewStore;
  readonly personalData: PersonalDataCipher;
  readonly clock: Clock & ManualClock;
  /** Signs and reads check-in tickets, as the sign-in sheet and a qr check-in do. */
  readonly tickets: CheckInTickets;
  /** A caller of a query; `sub` is also the resident they are, as `npm run token` issues it. */
  as(roles: Actor['roles'], sub?: string): Actor;
  /** A caller of a command, as one HTTP request without Idempotency-Key or If-Match brings it. */
  acting(roles: Actor['roles'], sub?: string): CommandActor & { readonly ids: { next(): string } };
  /** Every event of a stream, decoded, with its type. */
  eventsOf(kind: string, id: string): Promise<{ type: string; data: unknown }[]>;
  /** Applies every commit so far to the views (what the projector does behind the API). */
  project(): Promise<void>;
}

const silent = new Logger({ serviceName: 'use-case-test', logLevel: 'SILENT' });

export async function useCaseWorld(
  engine: TestEngine,
  now = '2026-05-04T02:00:00.000Z',
  /** Told of every engine call the world's adapters make (a spec counting what a query reads). */
  awsCalls?: AwsCallRecorder,
): Promise<UseCaseWorld> {
  const tables = await freshTables(engine.endpoint);
  const config = loadConfig({ ...tables, DYNAMODB_ENDPOINT: engine.endpoint });
  const clock = new ManualClock(now);
  const core = coreDependencies(config, { clock, logger: silent, ...(awsCalls ? { awsCalls } : {}) });
  const personalData = personalDataFor(config, core.client);
  const projector = new Projector(core.views, projections, silent, (community, events) =>
    personalData.revealEvents(community, events),
  );
  const projected = new Set<string>();
  const as = (roles: Actor['roles'], sub = `test-${roles[0]}`): Actor => ({
    sub,
    residentId: sub,
    roles,
    community: COMMUNITY,
  });
  return {
    commands: commandServiceFor(core),
    events: core.events,
    views: core.views,
    personalData,
    clock,
    tickets: new JoseCheckInTickets(derivedTicketKey('use-case-test-secret-0123456789abcdef')),
    as,
    acting: (roles, sub) => ({
      principal: as(roles, sub),
      correlationId: 'corr-test',
      idempotencyKey: undefined,
      idempotency: undefined,
      expectedVersion: undefined,
      ids: requestIds(undefined, () => core.ids.next()),
    }),
    async eventsOf(kind, id) {
      const slice = await core.events.readStream(`${COMMUNITY}#${kind}#${id}`);
      return slice.commits.flatMap((c) =>
        c.events.map((e) => ({ type: e.type, data: decodeEvent(e.type, e.schemaVersion, e.data) })),
      );
    },
    async project() {
      const commits: Commit[] = [];
      let after: string | undefined;
      do {
        const page = await core.events.readHistory({ community: COMMUNITY, after, limit: 1000 });
        commits.push(...page.commits.filter((c) => !projected.has(c.commitId)));
        after = page.nextAfter;
      } while (after);
      const failed = await projector.applyBatch(commits);
      if (failed.size > 0) throw new Error(`projection failed for ${[...failed].join(', ')}`);
      for (const c of commits) projected.add(c.commitId);
    },
  };
}

/** The accepted outcome of a command use case (fails the test on a refusal). */
export function accepted(result: CommandResult): CommandAccepted & { readonly id: string } {
  if ('code' in result.outcome) throw new Error(`refused: ${JSON.stringify(result.outcome)}`);
  return { ...result.outcome, id: result.id };
}

/**
 * A caller of a command on any store, as one HTTP request without Idempotency-Key or If-Match brings
 * it; `sub` is also the resident they are, as `npm run token` issues it.
 */
export const actingAs = (
  roles: RoleName[],
  sub = `test-${roles[0]}`,
  community = COMMUNITY,
): CommandActor & { ids: RequestIds } => ({
  principal: { sub, residentId: sub, roles, community },
  correlationId: 'corr',
  idempotencyKey: undefined,
  idempotency: undefined,
  expectedVersion: undefined,
  ids: requestIds(undefined, ulid),
});

/** Sets the scene through the command service, as an administrator: the command must be accepted. */
export async function recorded<Cmd, S, E extends { type: string; data: unknown }>(
  commands: CommandService,
  decider: Decider<Cmd, S, E>,
  kind: AggregateKind,
  id: string,
  command: Cmd,
  community = COMMUNITY,
): Promise<void> {
  const outcome = await commands.execute({
    decider,
    community,
    streamId: streamIdOf(community, kind, id),
    command,
    metadata: { actor: 'setup', roles: ['admin'], correlationId: 'setup' },
  });
  if (isDomainError(outcome)) throw new Error(outcome.detail);
}
