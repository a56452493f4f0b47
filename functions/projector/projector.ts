import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventContext, Projection, ViewDocument } from '../../domain/views/projection.js';
import { type Commit, type DomainEvent, decodeEvent } from '../../events/index.js';
import { projectedMarkerKey, type StoredView, type ViewStore } from '../app/view-store.js';

interface Touch {
  readonly projection: Projection<DomainEvent, Record<string, unknown>>;
  readonly event: DomainEvent;
  readonly context: EventContext;
}

const MAX_WRITE_ATTEMPTS = 5;

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
    const touches = new Map<string, Touch[]>();
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
          list.push({ projection, event, context });
          touches.set(id, list);
        }
      }
    }
    await Promise.all([...touches].map(([id, list]) => this.applyToItem(id, list, commit)));
    await this.advanceMarker(commit);
  }

  private async applyToItem(id: string, touches: readonly Touch[], commit: Commit): Promise<void> {
    const [pk, sk] = id.split('\u0000') as [string, string];
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.views.get<Record<string, unknown>>({ pk, sk });
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
      if (await this.views.putIfUnchanged(item, current?.appliedVersion)) return;
      this.logger?.debug('view item changed under us; re-reading', { pk, sk });
    }
    throw new Error(`could not apply ${commit.streamId}@${commit.lastVersion} to ${pk}/${sk}`);
  }

  private async advanceMarker(commit: Commit): Promise<void> {
    const key = projectedMarkerKey(commit.community, commit.streamId);
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.views.get(key);
      if (current && current.appliedVersion >= commit.lastVersion) return;
      const marker: StoredView = {
        ...key,
        owner: commit.streamId,
        appliedVersion: commit.lastVersion,
        data: { commitId: commit.commitId },
      };
      if (await this.views.putIfUnchanged(marker, current?.appliedVersion)) return;
    }
  }
}
