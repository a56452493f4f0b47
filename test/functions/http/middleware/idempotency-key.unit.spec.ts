import { describe, expect, it } from 'vitest';
import { scopedKey } from '../../../../functions/http/middleware/idempotency.js';

describe('Idempotency-Key scoping', () => {
  it('never lets one community’s key alias another’s (community "demo#K" with key "x" vs "demo" with "K#x")', () => {
    expect(scopedKey('demo#K', 'x')).not.toBe(scopedKey('demo', 'K#x'));
    expect(scopedKey('demo', 'K#x')).toBe('demo#K#x');
    // Whatever a community name holds, the first "#" ends it.
    for (const [community, key] of [
      ['a#b', 'c'],
      ['a', 'b#c'],
      ['a%23b', 'c'],
    ] as const) {
      const scoped = scopedKey(community, key);
      expect(decodeURIComponent(scoped.slice(0, scoped.indexOf('#')))).toBe(community);
      expect(scoped.slice(scoped.indexOf('#') + 1)).toBe(key);
    }
  });
});
