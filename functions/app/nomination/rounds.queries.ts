import { type RoundDetail, roundKey } from '../../../domain/nomination/nomination.view.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { StoredView, ViewStore } from '../view-store.js';

export interface RoundQueryDeps {
  readonly views: ViewStore;
}

/** The round's view item, or 404. */
export async function roundItem(
  views: ViewStore,
  community: string,
  roundId: string,
): Promise<StoredView<RoundDetail>> {
  const round = await views.get<RoundDetail>(roundKey(community, roundId));
  if (!round || round.deleted) throw appErrors.notFound(`round ${roundId}`);
  return round;
}

/** A round with its criteria, judges and closing dates, and the version it is at. */
export async function getRound(deps: RoundQueryDeps, reader: Actor, input: { readonly roundId: string }) {
  const round = await roundItem(deps.views, reader.community, input.roundId);
  return { ...round.data, version: round.appliedVersion };
}
