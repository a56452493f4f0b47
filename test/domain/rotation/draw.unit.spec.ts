import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSlots, seedKnownFrom, seedOfDay, shuffledRoster } from '../../../domain/rotation/draw.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const keys = ['school-1', 'school-2', 'police', 'hospital', 'kindergarten'];
const rotationId = '01JR0TAT10N000000000000000';
const seed = '992a93455c71fedd36ac9bbc439952c041cf61445958472af479269b8d873513';

describe('the rotation draw (fisher-yates-sha256-v1)', () => {
  it('gives a fixed seed a fixed order: the one a separate Python implementation of the README gives', () => {
    // python3: see README "Rotations: the draw anyone can recompute" (same seed, id and roster).
    expect(shuffledRoster({ seed, rotationId, keys }, sha256)).toEqual([
      'school-1',
      'kindergarten',
      'school-2',
      'police',
      'hospital',
    ]);
    expect(shuffledRoster({ seed: '0'.repeat(64), rotationId, keys }, sha256)).toEqual([
      'hospital',
      'police',
      'school-2',
      'school-1',
      'kindergarten',
    ]);
  });

  it('depends on the seed, the rotation and the announced roster order, and on nothing else', () => {
    const order = shuffledRoster({ seed, rotationId, keys }, sha256);
    expect(shuffledRoster({ seed, rotationId, keys }, sha256)).toEqual(order);
    expect(shuffledRoster({ seed, rotationId: `${rotationId.slice(0, -1)}1`, keys }, sha256)).not.toEqual(
      order,
    );
  });

  it('is a permutation of the roster, and each slot count is ⌊s/n⌋ or ⌈s/n⌉ with a participant’s slots n apart', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 120 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (roster, slots, digest) => {
          const order = shuffledRoster({ seed: digest, rotationId, keys: roster }, sha256);
          expect([...order].sort()).toEqual([...roster].sort());
          const assigned = assignSlots(order, slots);
          const counts = new Map<string, number[]>();
          for (const { slot, participant } of assigned)
            counts.set(participant, [...(counts.get(participant) ?? []), slot]);
          for (const key of roster) {
            const mine = counts.get(key) ?? [];
            expect([Math.floor(slots / roster.length), Math.ceil(slots / roster.length)]).toContain(
              mine.length,
            );
            for (let i = 1; i < mine.length; i++) expect(mine[i]! - mine[i - 1]!).toBe(roster.length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is near uniform: over many seeds each participant leads the order about equally often', () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const digest = createHash('sha256').update(String(i)).digest('hex');
      const first = shuffledRoster({ seed: digest, rotationId, keys }, sha256)[0]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const key of keys) expect(Math.abs((firsts.get(key) ?? 0) - 1000)).toBeLessThan(150);
  });

  it('takes the chain’s digest at the end of the seed day: that day’s, or the last earlier day that had commits', () => {
    const chain = [
      { day: '2026-03-01', digest: 'a'.repeat(64) },
      { day: '2026-03-03', digest: 'b'.repeat(64) },
    ];
    expect(seedOfDay(chain, '2026-03-03')).toEqual({
      day: '2026-03-03',
      digestDay: '2026-03-03',
      digest: 'b'.repeat(64),
    });
    expect(seedOfDay(chain, '2026-03-02')).toEqual({
      day: '2026-03-02',
      digestDay: '2026-03-01',
      digest: 'a'.repeat(64),
    });
    expect(seedOfDay(chain, '2026-02-28')).toBeUndefined();
    expect(seedKnownFrom('2026-12-31')).toBe('2027-01-01T00:00:00.000Z');
  });
});
