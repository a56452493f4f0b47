/** DynamoDB's smallest number by magnitude; a write holding a smaller one fails ("Number underflow"). */
const SMALLEST_DYNAMODB_NUMBER = 1e-130;

/**
 * A view is computed from events the store already accepted, so whatever numbers they carry must be
 * writable: a magnitude below DynamoDB's range (a judge's score of 5e-324) is kept as 0, which every
 * answer rounds it to anyway. Without this, such an event failed its projection on every retry and
 * blocked its stream.
 */
export function storable(value: unknown): unknown {
  if (typeof value === 'number') return value !== 0 && Math.abs(value) < SMALLEST_DYNAMODB_NUMBER ? 0 : value;
  if (Array.isArray(value)) return value.map(storable);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) copy[name] = storable(inner);
    return copy;
  }
  return value;
}
