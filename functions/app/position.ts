/**
 * The opaque `position` of a write: which stream and version a query must have seen before it
 * answers (`?consistentWith=`).
 */
export interface Position {
  readonly streamId: string;
  readonly version: number;
}

export function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify([position.streamId, position.version])).toString('base64url');
}

export function decodePosition(token: string): Position | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1])) {
      return { streamId: value[0], version: value[1] as number };
    }
  } catch {
    // fall through: not a position we issued
  }
  return undefined;
}
