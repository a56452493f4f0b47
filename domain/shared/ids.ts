/**
 * A community (tenant) name: lowercase letters, digits and dashes. It prefixes every key we store
 * (`<community>#…`), so it may hold no `#` or anything else that could make two tenants' keys meet.
 */
export const COMMUNITY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const isCommunity = (value: unknown): value is string =>
  typeof value === 'string' && COMMUNITY_PATTERN.test(value);

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
  | 'report'
  | 'series'
  | 'rotation'
  | 'venue'
  | 'instructor'
  | 'book';

export function streamIdOf(community: string, kind: AggregateKind, id: string): string {
  return `${community}#${kind}#${id}`;
}

/** The entity id a stream is named by (`<community>#<kind>#<id>` → `<id>`): what views key their items by. */
export function entityIdOf(streamId: string): string {
  return parseStreamId(streamId)?.id ?? '';
}

export function parseStreamId(streamId: string): { community: string; kind: string; id: string } | undefined {
  const [community, kind, ...rest] = streamId.split('#');
  if (!community || !kind || rest.length === 0) return undefined;
  return { community, kind, id: rest.join('#') };
}
