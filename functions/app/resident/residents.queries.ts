import { type ResidentProfile, residentKey, residentsList } from '../../../domain/resident/resident.view.js';
import { assertMayRead, seesContactDetails } from '../authorization.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import type { ViewStore } from '../view-store.js';

export interface ResidentQueryDeps {
  readonly views: ViewStore;
}

/** A resident's record as its reader may see it, with the version of the view it was read from. */
export type ResidentAsSeen = ResidentProfile & { readonly version: number };

/**
 * The record as this caller may see it: phone and email only for staff and the resident themself
 * (least exposure: judges, leaders and auditors need who someone is, not how to reach them).
 */
export function residentAsSeenBy(actor: Actor, profile: ResidentProfile): ResidentProfile {
  if (seesContactDetails(actor, profile.residentId)) return profile;
  const { phone: _phone, email: _email, ...withheld } = profile;
  return withheld;
}

/** A resident's record: the record readers, and the resident themself (404 when not enrolled). */
export async function getResident(
  deps: ResidentQueryDeps,
  actor: Actor,
  input: { residentId: string },
): Promise<ResidentAsSeen> {
  assertMayRead(
    actor,
    'residentRecordReaders',
    input.residentId,
    'a resident may read only their own record',
  );
  const item = await deps.views.get<ResidentProfile>(residentKey(actor.community, input.residentId));
  if (!item || item.deleted) throw appErrors.notFound(`resident ${input.residentId}`);
  return { ...residentAsSeenBy(actor, item.data), version: item.appliedVersion };
}

/** The community roster, by name. */
export async function listResidents(
  deps: ResidentQueryDeps,
  actor: Actor,
  input: PageInput,
): Promise<Page<ResidentAsSeen>> {
  const page = await deps.views.list<ResidentProfile>({
    list: residentsList(actor.community),
    limit: input.limit,
    cursor: input.cursor,
  });
  return {
    items: page.items.map((item) => ({
      ...residentAsSeenBy(actor, item.data),
      version: item.appliedVersion,
    })),
    nextCursor: page.nextCursor,
  };
}
