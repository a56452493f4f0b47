import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventContext, Projection, ViewDocument } from '../../domain/views/projection.js';
import { type Commit, type DomainEvent, decodeEvent } from '../../events/index.js';
import { projectedMarkerKey, type StoredView, type ViewStore } from '../app/view-store.js';

interface Touch {
  readonly projection: Projection<DomainEvent, Record<string, unknown>>;
  readonly event: DomainEvent;
  readonly context: EventContext;
  readonly commit: Commit;
}

const MAX_WRITE_ATTEMPTS = 5;
/** Streams of one batch applied at once: enough to overlap the engine's latency, few enough to stay polite. */
const STREAMS_IN_PARALLEL = 16;

/** A stream's commits of one batch in version order, each once (a batch may carry a redelivered copy). */
function inVersionOrder(commits: readonly Commit[]): Commit[] {
  const ordered: Commit[] = [];
  for (const commit of [...commits].sort((a, b) => a.firstVersion - b.firstVersion)) {
    if (commit.firstVersion > (ordered.at(-1)?.lastVersion ?? 0)) ordered.push(commit);
  }
  return ordered;
}

/** A touched item's key from its map id (`pk` NUL `sk`). */
const keyOf = (id: string) => {
  const [pk, sk] = id.split('\u0000') as [string, string];
  return { pk, sk };
};

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
    private readonly reveal?: (community: string, event: DomainEvent) => Promise<DomainEvent>,
  ) {}

  async applyCommit(commit: Commit): Promise<void> {
    await this.applyStream([commit]);
  }

  /**
   * A stream batch, as Lambda hands it over: the commits of each stream are folded together, so a
   * view item is read and written once per batch, not once per commit; streams are applied in
   * parallel, each in its own order. Returns the streams that failed (nothing of theirs after the
   * failure is marked applied; a redelivery applies it again, and what was applied is skipped).
   */
  async applyBatch(commits: readonly Commit[]): Promise<ReadonlySet<string>> {
    const byStream = new Map<string, Commit[]>();
    for (const commit of commits) {
      const list = byStream.get(commit.streamId) ?? [];
      list.push(commit);
      byStream.set(commit.streamId, list);
    }
    const failed = new Set<string>();
    const streams = [...byStream.values()];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < streams.length; i = next++) {
        const list = streams[i]!;
        try {
          await this.applyStream(inVersionOrder(list));
        } catch (error) {
          failed.add(list[0]!.streamId);
          this.logger?.warn('stream not projected; it will be retried', {
            streamId: list[0]!.streamId,
            error: error as Error,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(STREAMS_IN_PARALLEL, streams.length) }, worker));
    return failed;
  }

  /** Consecutive commits of one stream: each view item they touch is read and written once. */
  private async applyStream(commits: readonly Commit[]): Promise<void> {
    const touches = new Map<string, Touch[]>();
    for (const commit of commits) {
      for (const stored of commit.events) {
        const decoded = {
          type: stored.type,
          data: decodeEvent(stored.type, stored.schemaVersion, stored.data),
        } as DomainEvent;
        const event = this.reveal ? await this.reveal(commit.community, decoded) : decoded;
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
          for (const key of projection.keys(event, context)) {
            const id = `${key.pk}\u0000${key.sk}`;
            const list = touches.get(id) ?? [];
            list.push({ projection, event, context, commit });
            touches.set(id, list);
          }
        }
      }
    }
    // The items a batch touches are read in one BatchGetItem (a check-in touches four); a write
    // that finds its item changed since reads it again on its own.
    const ids = [...touches.keys()];
    const read =
      ids.length > 1
        ? new Map(
            (await this.views.getMany<Record<string, unknown>>(ids.map(keyOf))).map(
              (item): [string, StoredView<Record<string, unknown>>] => [`${item.pk}\u0000${item.sk}`, item],
            ),
          )
        : undefined;
    // Each item records the last commit that touched it, exactly as applying the commits one by one would.
    await Promise.all(
      [...touches].map(([id, list]) =>
        this.applyToItem(id, list, list.at(-1)!.commit, read ? { item: read.get(id) } : undefined),
      ),
    );
    await this.advanceMarker(commits.at(-1)!);
  }

  private async applyToItem(
    id: string,
    touches: readonly Touch[],
    commit: Commit,
    /** The item as the batch read found it (absent: not there), for the first attempt. */
    prefetched?: { readonly item: StoredView<Record<string, unknown>> | undefined },
  ): Promise<void> {
    const { pk, sk } = keyOf(id);
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current =
        attempt === 1 && prefetched
          ? prefetched.item
          : await this.views.get<Record<string, unknown>>({ pk, sk });
      if (current && current.owner !== commit.streamId) {
        throw new Error(`view item ${pk}/${sk} is owned by ${current.owner}, not ${commit.streamId}`);
      }
      const applied = current?.appliedVersion ?? 0;
      const pending = touches.filter((touch) => touch.context.streamVersion > applied);
      if (pending.length === 0) return;
      let document: ViewDocument<Record<string, unknown>> | null | undefined =
        current && !current.deleted
          ? { data: current.data, gsi1pk: current.gsi1pk, gsi1sk: current.gsi1sk }
          : undefined;
      for (const { projection, event, context } of pending) {
        document = projection.apply(document ?? undefined, event, context);
      }
      const item: StoredView = document
        ? { pk, sk, owner: commit.streamId, appliedVersion: commit.lastVersion, ...document }
        : { pk, sk, owner: commit.streamId, appliedVersion: commit.lastVersion, data: {}, deleted: true };
      if (await this.views.putIfUnchanged(item, current)) return;
      this.logger?.debug('view item changed under us; re-reading', { pk, sk });
    }
    throw new Error(`could not apply ${commit.streamId}@${commit.lastVersion} to ${pk}/${sk}`);
  }

  /** Where `consistentWith` waits: one conditional write, never moving backwards, no read. */
  private async advanceMarker(commit: Commit): Promise<void> {
    await this.views.putIfNewer({
      ...projectedMarkerKey(commit.community, commit.streamId),
      owner: commit.streamId,
      appliedVersion: commit.lastVersion,
      data: { commitId: commit.commitId },
    });
  }
}
