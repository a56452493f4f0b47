import { expect } from 'vitest';
import { projections as everyProjection } from '../../domain/projections.js';
import type { Decider } from '../../domain/shared/decider.js';
import { fold } from '../../domain/shared/decider.js';
import { type DomainError, isDomainError } from '../../domain/shared/errors.js';
import type { DocumentRef, ListRef, Placement, Projection } from '../../domain/shared/projection.js';
import { type Commit, type DomainEvent, GENESIS_HASH } from '../../events/index.js';
import { InMemoryEventStore } from '../../functions/adapters/memory-event-store.js';
import { InMemoryViewStore } from '../../functions/adapters/memory-view-store.js';
import type { NewEvent } from '../../functions/app/ports.js';
import { Projector } from '../../functions/projector/projector.js';
import { ManualClock } from './clock.js';

/**
 * The decider and view level's one dialect (issue 26), emmett style, pure:
 *   given(articleDecider, [submitted]).when(review).then([reviewed])
 *   given(articleDecider, []).when(review).then({ code: 'article-not-found' })
 *   given(activityDecider, [planned]).when(hold).state()      // the state after the decision
 * and for views, given a timeline of commits, the items the projector writes: `project(timeline)`.
 */

/** A refusal as a spec compares it: a domain error value, or any thrown error with a `code`. */
export interface ExpectedError {
  readonly code: string;
  readonly category?: DomainError['category'];
}

export const isExpectedError = (value: unknown): value is ExpectedError =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'code' in value;

export function expectError(actual: unknown, expected: ExpectedError): void {
  const error = isDomainError(actual) ? actual : ((actual as { error?: unknown })?.error ?? actual); // a DomainRefusal carries its error
  const code = (error as { code?: unknown })?.code;
  expect(code, `expected ${expected.code}, got ${JSON.stringify(actual)}`).toBe(expected.code);
  if (expected.category) expect((error as DomainError).category).toBe(expected.category);
}

export function given<C, S, E>(decider: Decider<C, S, E>, events: readonly E[]) {
  const state = fold(decider, events);
  return {
    when(command: C) {
      const decision = decider.decide(command, state);
      return {
        // biome-ignore lint/suspicious/noThenProperty: emmett's name for the assertion; never awaited
        then(expected: readonly E[] | ExpectedError) {
          if (isExpectedError(expected)) {
            expect(
              isDomainError(decision),
              `expected ${expected.code}, got events ${JSON.stringify(decision)}`,
            ).toBe(true);
            expectError(decision, expected);
            return;
          }
          if (isDomainError(decision))
            throw new Error(`expected events, got ${decision.code}: ${decision.detail}`);
          expect(decision).toEqual(expected);
        },
        /** The state the decision leads to (it must be accepted). */
        state(): S {
          if (isDomainError(decision)) throw new Error(`decision failed: ${decision.code}`);
          return fold(decider, decision, state);
        },
      };
    },
  };
}

/** What happened, in order: each entry is one commit (one event, or several) on a stream. */
export type Timeline = readonly (readonly [streamId: string, events: NewEvent | readonly NewEvent[]])[];

const START = Date.parse('2026-03-02T01:00:00.000Z');
/** The instant the n-th commit of a timeline (from 0) is recorded at: one minute apart. */
export const recordedAt = (n: number) => new Date(START + n * 60_000).toISOString();

/** A view item as a spec compares it: the document, its owner stream and the version it applied. */
export interface ProjectedItem<D> {
  readonly data: D;
  readonly placement?: Placement;
  readonly owner: string;
  readonly appliedVersion: number;
  readonly deleted?: boolean;
}

/**
 * Given events → the view items: the timeline is sealed into commits by the in-memory event store
 * (real bodies, versions and recorded instants) and applied by the Projector to an in-memory view
 * store, with only the projections named (by default every live view, as in production).
 */
export async function project(
  timeline: Timeline,
  projections: readonly Pick<Projection<DomainEvent>, 'name' | 'touches'>[] = everyProjection,
) {
  const clock = new ManualClock(new Date(START));
  const store = new InMemoryEventStore({ clock });
  const commits: Commit[] = [];
  const heads = new Map<string, { version: number; hash: string }>();
  for (const [streamId, events] of timeline) {
    const head = heads.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
    const commit = await store.append({
      community: streamId.split('#')[0]!,
      streamId,
      expectedVersion: head.version,
      prevHash: head.hash,
      events: Array.isArray(events) ? events : [events as NewEvent],
      metadata: { actor: 'organizer-1', roles: ['organizer'], correlationId: 'c-projection' },
    });
    heads.set(streamId, { version: commit.lastVersion, hash: commit.hash });
    commits.push(commit);
    clock.advance(60_000);
  }
  const views = new InMemoryViewStore();
  const projector = new Projector(
    views,
    projections as readonly Projection<DomainEvent, Record<string, unknown>>[],
  );
  for (const commit of commits) await projector.applyCommit(commit);
  return {
    views,
    commits,
    /** Applies the commits again, in order: redelivery must change nothing. */
    redeliver: async () => {
      for (const commit of commits) await projector.applyCommit(commit);
    },
    async item<D>(ref: DocumentRef): Promise<ProjectedItem<D> | undefined> {
      const stored = await views.get<D>(ref);
      if (!stored) return undefined;
      const { revision: _revision, ref: _ref, ...item } = stored;
      return item;
    },
    /** The data of a list's items, in list order (as queries read them). */
    async list<D>(list: ListRef): Promise<D[]> {
      return (await views.list<D>({ list, limit: 1000 })).items.map((i) => i.data);
    },
  };
}
