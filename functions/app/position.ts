import { parseStreamId } from '../../domain/shared/ids.js';

/**
 * The opaque `position` of a write: which stream and version a query must have seen before it
 * answers (`?consistentWith=`).
 */
export interface Position {
  readonly streamId: string;
  readonly version: number;
}

/** Longer than any position we issue (a stream id is a community, a kind and a ULID). */
const MAX_TOKEN_LENGTH = 400;
const MAX_VERSION = 2 ** 31 - 1;

export function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify([position.streamId, position.version])).toString('base64url');
}

/**
 * The position a token names, or `undefined` when it is not one we could have issued: the whole
 * shape is checked (a stream id of some community, kind and id; a whole version), so a made-up
 * token is refused before it costs a read.
 */
export function decodePosition(token: string): Position | undefined {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[\w-]+$/.test(token)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined; // not JSON: not a position we issued
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [streamId, version] = value as [unknown, unknown];
  if (typeof streamId !== 'string' || !parseStreamId(streamId)) return undefined;
  if (!Number.isSafeInteger(version) || (version as number) < 0 || (version as number) > MAX_VERSION)
    return undefined;
  return { streamId, version: version as number };
}
