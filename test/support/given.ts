import { expect } from 'vitest';
import type { Decider } from '../../domain/shared/decider.js';
import { type DomainError, isDomainError } from '../../domain/shared/errors.js';
import { parseStreamId } from '../../domain/shared/ids.js';
import { type Commit, type CommitMetadata, decodeEvent, GENESIS_HASH } from '../../events/index.js';
import { InMemoryEventStore } from '../../functions/adapters/memory-event-store.js';
import { CommandService } from '../../functions/app/command-handler.js';
import type { NewEvent } from '../../functions/app/ports.js';
import { ManualClock } from './clock.js';
import { spec } from './decider-spec.js';

/**
 * Emmett-style specifications at two sizes.
 *
 * A decider alone, pure (built on `spec` of decider-spec.ts):
 *   given(articleDecider, [submitted]).when(review).then([reviewed])
 *   given(articleDecider, []).when(review).then({ code: 'article-not-found' })
 *
 * Streams in an in-memory event store, a command run through the real CommandService (load, fold,
 * decide, append with a hash chain) or any use case given the harness:
 *   await given({ 'c1#article#A': [submitted] })
 *     .when({ decider: articleDecider, streamId: 'c1#article#A', command: review })
 *     .then([reviewed]);                           // the events appended to that stream
 *   await given({}).when((h) => someUseCase(h, input)).then({ 'c1#deed#D': [recorded] });
 *   await given({}).when(...).then({ code: 'resident-not-found' });   // returned or thrown
 */

/** A refusal as the harness compares it: a domain error value, or any thrown error with a `code`. */
export interface ExpectedError {
  readonly code: string;
  readonly category?: DomainError['category'];
}

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

const isExpectedError = (value: unknown): value is ExpectedError =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'code' in value;

function expectError(actual: unknown, expected: ExpectedError): void {
  const error = isDomainError(actual) ? actual : ((actual as { error?: unknown })?.error ?? actual); // a DomainRefusal carries its error
  const code = (error as { code?: unknown })?.code;
  expect(code, `expected ${expected.code}, got ${JSON.stringify(actual)}`).toBe(expected.code);
  if (expected.category) expect((error as DomainError).category).toBe(expected.category);
}

export function given<C, S, E>(
  decider: Decider<C, S, E>,
  events: readonly E[],
): { when(command: C): { then(expected: readonly E[] | ExpectedError): void } };
export function given(
  streams?: Streams,
  options?: { now?: string; metadata?: CommitMetadata },
): { when<C, S, E>(action: StreamCommand<C, S, E> | ((harness: Harness) => Promise<unknown>)): StreamThen };
export function given(
  first: Decider<unknown, unknown, unknown> | Streams = {},
  second?: readonly unknown[] | { now?: string; metadata?: CommitMetadata },
): unknown {
  if (isDecider(first)) return givenDecider(first, (second ?? []) as readonly unknown[]);
  return givenStreams(first, (second ?? {}) as { now?: string; metadata?: CommitMetadata });
}

function isDecider(value: unknown): value is Decider<unknown, unknown, unknown> {
  return typeof (value as Decider<unknown, unknown, unknown>)?.decide === 'function';
}

function givenDecider<C, S, E>(decider: Decider<C, S, E>, events: readonly E[]) {
  return {
    when(command: C) {
      const run = spec(decider).given(events).when(command);
      return {
        // biome-ignore lint/suspicious/noThenProperty: emmett's name for the assertion; never awaited
        then(expected: readonly E[] | ExpectedError) {
          if (isExpectedError(expected)) run.thenFails(expected.code, expected.category);
          else run.thenEmits(expected);
        },
      };
    },
  };
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
