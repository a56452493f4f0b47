/**
 * An occurrence's activity id, derived from its series id and the local date the rule gave it: every
 * attempt to write the series' occurrences (a retry, a later edit completing a crashed one) names the
 * same streams, so a stream already written is found, never written twice. It keeps the series id's
 * time part (a ULID's first 10 characters) and adds 80 bits of a hash, in ULID's alphabet. Pure: no
 * crypto module in the domain, so two 64-bit FNV-1a hashes with different offsets.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

function fnv1a64(text: string, offset: bigint): bigint {
  let hash = offset;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

export function occurrenceIdOf(seriesId: string, date: string): string {
  const key = `${seriesId}#${date}`;
  let bits = (fnv1a64(key, 0xcbf29ce484222325n) << 64n) | fnv1a64(key, 0x84222325cbf29ce4n);
  let random = '';
  for (let i = 0; i < 16; i++) {
    random += CROCKFORD[Number(bits & 31n)];
    bits >>= 5n;
  }
  return seriesId.slice(0, 10).toUpperCase() + random;
}
