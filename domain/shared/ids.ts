/** Branded ids: a ResidentId cannot be passed where an ActivityId is expected. */
declare const brand: unique symbol;
export type Branded<T, B extends string> = T & { readonly [brand]: B };

export type CommunityId = Branded<string, 'CommunityId'>;
export type ResidentId = Branded<string, 'ResidentId'>;
export type HouseholdId = Branded<string, 'HouseholdId'>;

export const asCommunityId = (value: string) => value as CommunityId;
export const asResidentId = (value: string) => value as ResidentId;
export const asHouseholdId = (value: string) => value as HouseholdId;

/** Aggregates have one stream each; the tenant prefix keeps communities apart at the key level. */
export type AggregateKind =
  | 'resident'
  | 'plan'
  | 'activity'
  | 'article'
  | 'round'
  | 'nomination'
  | 'deed'
  | 'model'
  | 'report';

export function streamIdOf(community: CommunityId | string, kind: AggregateKind, id: string): string {
  return `${community}#${kind}#${id}`;
}

export function parseStreamId(streamId: string): { community: string; kind: string; id: string } | undefined {
  const [community, kind, ...rest] = streamId.split('#');
  if (!community || !kind || rest.length === 0) return undefined;
  return { community, kind, id: rest.join('#') };
}
