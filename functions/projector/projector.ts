import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventContext, Projection, ViewDocument } from '../../domain/shared/projection.js';
import { type Commit, type DomainEvent, decodeEvent } from '../../events/index.js';
import type { RevealEvents } from '../app/personal-data.js';
import type { AppliedWrites } from '../app/session-writes.js';
import { projectedMarkerKey, type StoredView, type ViewStore } from '../app/view-store.js';
import { groupedBy, inVersionOrder, itemIdOf, itemKeyOf } from './commit-batch.js';

interface Touch {
  readonly projection: Projection<DomainEvent, Record<string, unknown>>;
  readonly event: DomainEvent;
  readonly context: EventContext;
  readonly commit: Commit;
}

const MAX_WRITE_ATTEMPTS = 5;
/** Streams of one batch applied at once: enough to overlap the engine's latency, few enough to stay polite. */
const STREAMS_IN_PARALLEL = 16;

/** A stream's commits of one batch, and the view items they touch (by map id), in order. */
interface StreamWork {
  readonly commits: readonly Commit[];
  readonly touches: Map<string, Touch[]>;
}

/**
 * Applies commits to the views. Each view item is owned by one stream and remembers the last
 * version it applied; writes are conditional on that version, so redelivered or duplicated commits
 * change nothing, and two projector instances never overwrite each other.
 */
export class Projector {
  constructor(
    private readonly views: ViewStore,
    private readonly projections: readonly Projection<DomainEvent, Record<string, unknown>>[],
    private readonly logger?: Logger,
    /** Decrypts personal data for the views (absent: views see what the events hold). */
    private readonly reveal?: RevealEvents,
    /** Told of each stream's commits once applied: their authors' sessions learn it (read-your-writes). */
    private readonly sessions?: AppliedWrites,
  ) {}

  /** One commit, as a batch of one; throws if it could not be applied. */
  async applyCommit(commit: Commit): Promise<void> {
    const failed = await this.applyBatch([commit], { rethrow: true });
    if (failed.size > 0) throw new Error(`${commit.streamId}@${commit.lastVersion} not projected`);
  }

  /**
   * A stream batch, as Lambda hands it over. What the whole batch needs is read at once: the data
   * keys of every resident it names (one batched read) and every view item it touches, except those
   * of streams the batch starts (version 1: their items cannot exist yet, and a write conditional on
   * that finds out if they do). A stream's commits are folded together, so an item is written once
   * per batch; streams are applied in parallel, each in its own order. Returns the streams that
   * failed (nothing of theirs after the failure is marked applied; a redelivery applies it again,
   * and what was applied is skipped).
   */
  async applyBatch(
    commits: readonly Commit[],
    options: { rethrow?: boolean } = {},
  ): Promise<ReadonlySet<string>> {
    const byStream = groupedBy(commits, (commit) => commit.streamId);
    const ordered = [...byStream.values()].map(inVersionOrder);
    let work: StreamWork[];
    let read: ReadonlyMap<string, StoredView<Record<string, unknown>>>;
    try {
      const revealed = await this.revealAll(ordered.flat());
      work = ordered.map((list) => ({ commits: list, touches: this.touchesOf(list, revealed) }));
      read = await this.readTouched(work);
    } catch (error) {
      if (options.rethrow) throw error;
      this.logger?.warn('batch not projected; it will be retried', { error: error as Error });
      return new Set(byStream.keys());
    }
    const failed = new Set<string>();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < work.length; i = next++) {
        const stream = work[i]!;
        try {
          await this.applyStream(stream, read);
        } catch (error) {
          if (options.rethrow) throw error;
          failed.add(stream.commits[0]!.streamId);
          this.logger?.warn('stream not projected; it will be retried', {
            streamId: stream.commits[0]!.streamId,
            error: error as Error,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(STREAMS_IN_PARALLEL, work.length) }, worker));
    return failed;
  }

  /** Every commit's events decoded and, per community, revealed with one read of the keys they need. */
  private async revealAll(commits: readonly Commit[]): Promise<Map<Commit, DomainEvent[]>> {
    const decoded = new Map<Commit, DomainEvent[]>();
    for (const commit of commits) {
      decoded.set(
        commit,
        commit.events.map(
          (stored) =>
            ({
              type: stored.type,
              data: decodeEvent(stored.type, stored.schemaVersion, stored.data),
            }) as DomainEvent,
        ),
      );
    }
    if (!this.reveal) return decoded;
    const reveal = this.reveal;
    await Promise.all(
      [...groupedBy(commits, (commit) => commit.community)].map(async ([community, list]) => {
        const events = list.flatMap((commit) => decoded.get(commit)!);
        const shown = await reveal(community, events);
        let at = 0;
        for (const commit of list) {
          const count = decoded.get(commit)!.length;
          decoded.set(commit, shown.slice(at, at + count));
          at += count;
        }
      }),
    );
    return decoded;
  }

  /** The view items one stream's commits touch, each with the events that touch it, in order. */
  private touchesOf(commits: readonly Commit[], revealed: ReadonlyMap<Commit, DomainEvent[]>) {
    const touches = new Map<string, Touch[]>();
    for (const commit of commits) {
      commit.events.forEach((stored, index) => {
        const event = revealed.get(commit)![index]!;
        const context: EventContext = {
          community: commit.community,
          streamId: commit.streamId,
          streamVersion: stored.streamVersion,
          eventId: stored.eventId,
          commitId: commit.commitId,
          recordedAt: commit.recordedAt,
          actor: commit.metadata.actor,
        };
        for (const projection of this.projections) {
          for (const ref of projection.touches(event, context)) {
            const id = itemIdOf(ref);
            const list = touches.get(id) ?? [];
            list.push({ projection, event, context, commit });
            touches.set(id, list);
          }
        }
      });
    }
    return touches;
  }

  /** One batched read of the items the batch touches, but for those of streams it starts. */
  private async readTouched(work: readonly StreamWork[]) {
    const ids = work
      .filter(({ commits }) => commits[0]!.firstVersion > 1)
      .flatMap(({ touches }) => [...touches.keys()]);
    const items = ids.length > 0 ? await this.views.getMany<Record<string, unknown>>(ids.map(itemKeyOf)) : [];
    return new Map(
      items.map((item): [string, StoredView<Record<string, unknown>>] => [itemIdOf(item.ref), item]),
    );
  }

  /** Consecutive commits of one stream: each view item they touch written once, then its marker. */
  private async applyStream(
    { commits, touches }: StreamWork,
    read: ReadonlyMap<string, StoredView<Record<string, unknown>>>,
  ): Promise<void> {
    // Each item records the last commit that touched it, exactly as applying the commits one by one would.
    await Promise.all(
      [...touches].map(([id, list]) =>
        this.applyToItem(id, list, list.at(-1)!.commit, { item: read.get(id) }),
      ),
    );
    // Both only after the items: whoever reads either may read the views.
    await Promise.all([this.advanceMarker(commits.at(-1)!), this.sessions?.applied(commits)]);
  }

  private async applyToItem(
    id: string,
    touches: readonly Touch[],
    commit: Commit,
    /** The item as the batch read found it (absent: not there), for the first attempt. */
    prefetched?: { readonly item: StoredView<Record<string, unknown>> | undefined },
  ): Promise<void> {
    const ref = itemKeyOf(id);
    const where = `${ref.view} ${ref.id.join('/')} of ${ref.community}`;
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current =
        attempt === 1 && prefetched ? prefetched.item : await this.views.get<Record<string, unknown>>(ref);
      if (current && current.owner !== commit.streamId) {
        throw new Error(`view item ${where} is owned by ${current.owner}, not ${commit.streamId}`);
      }
      const applied = current?.appliedVersion ?? 0;
      const pending = touches.filter((touch) => touch.context.streamVersion > applied);
      if (pending.length === 0) return;
      let document: ViewDocument<Record<string, unknown>> | null | undefined =
        current && !current.deleted
          ? { data: current.data, ...(current.placement ? { placement: current.placement } : {}) }
          : undefined;
      for (const { projection, event, context } of pending) {
        document = projection.evolve(document ?? undefined, event, context);
      }
      const item: StoredView = document
        ? { ref, owner: commit.streamId, appliedVersion: commit.lastVersion, ...document }
        : { ref, owner: commit.streamId, appliedVersion: commit.lastVersion, data: {}, deleted: true };
      if (await this.views.putIfUnchanged(item, current)) return;
      this.logger?.debug('view item changed under us; re-reading', { view: ref.view, id: ref.id });
    }
    throw new Error(`could not apply ${commit.streamId}@${commit.lastVersion} to ${where}`);
  }

  /** Where `consistentWith` waits: one conditional write, never moving backwards, no read. */
  private async advanceMarker(commit: Commit): Promise<void> {
    await this.views.putIfNewer({
      ref: projectedMarkerKey(commit.community, commit.streamId),
      owner: commit.streamId,
      appliedVersion: commit.lastVersion,
      data: { commitId: commit.commitId },
    });
  }
}
