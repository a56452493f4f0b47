import { type RotationDetail, rotationKey, rotationsList } from '../../../domain/rotation/rotation.view.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import type { ViewStore } from '../view-store.js';

export interface RotationQueryDeps {
  readonly views: ViewStore;
}

export type RotationSeen = RotationDetail & { readonly version: number };

/** A rotation: the slots as they stand (swaps applied), the draw as drawn, the swaps. */
export async function getRotation(
  deps: RotationQueryDeps,
  reader: Actor,
  input: { readonly rotationId: string },
): Promise<RotationSeen> {
  const item = await deps.views.get<RotationDetail>(rotationKey(reader.community, input.rotationId));
  if (!item || item.deleted) throw appErrors.notFound(`rotation ${input.rotationId}`);
  return { ...item.data, version: item.appliedVersion };
}

/** A plan's rotations, by when they were announced. */
export async function listRotations(
  deps: RotationQueryDeps,
  reader: Actor,
  input: PageInput & { readonly planId: string },
): Promise<Page<RotationSeen>> {
  const page = await deps.views.list<RotationDetail>({
    list: rotationsList(reader.community, input.planId),
    limit: input.limit,
    cursor: input.cursor,
  });
  return {
    items: page.items.map((i) => ({ ...i.data, version: i.appliedVersion })),
    nextCursor: page.nextCursor,
  };
}
