import { type GoodDeed, goodDeedsList } from '../../../domain/recognition/recognition.view.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import type { ViewStore } from '../view-store.js';

export interface RecognitionQueryDeps {
  readonly views: ViewStore;
}

/** The list of good deeds of a plan, by date. */
export async function listGoodDeeds(
  deps: RecognitionQueryDeps,
  actor: Actor,
  input: PageInput & { readonly planId: string },
): Promise<Page<GoodDeed>> {
  const page = await deps.views.list<GoodDeed>({
    list: goodDeedsList(actor.community, input.planId),
    limit: input.limit,
    cursor: input.cursor,
  });
  return { items: page.items.map((i) => i.data), nextCursor: page.nextCursor };
}
