import { describe, expect, it } from 'vitest';
import type { Commit } from '../../../../events/index.js';
import { digestFindings } from '../../../../functions/app/audit/audit.queries.js';
import { chainDigests } from '../../../../functions/app/audit/digests.js';

/** Just what a digest reads of a commit: its day, its stream and its head. */
const commit = (day: string, streamId: string, hash: string) =>
  ({ recordedAt: `${day}T10:00:00.000Z`, streamId, lastVersion: 1, hash }) as unknown as Commit;

const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'];
const history = days.map((day, i) => commit(day, `demo#resident#R${i}`, `h${i}`));
const written = chainDigests(history);

const rewrite = (commits: readonly Commit[], index: number) =>
  commits.map((c, i) => (i === index ? { ...c, hash: `${c.hash}-forged` } : c));

describe('daily digest findings', () => {
  it('finds nothing while the history still gives every digest', () => {
    expect(digestFindings(written, history)).toEqual([]);
  });

  it('names a rewritten day once, and the later days that only chain it in one follow-on', () => {
    const findings = digestFindings(written, rewrite(history, 0));
    expect(findings.map((f) => [f.streamId, f.reason])).toEqual([
      ['digest 2026-03-01', 'digest mismatch'],
      ['digest 2026-03-02', 'digest mismatch follows'],
    ]);
    expect(findings[1]!.detail).toContain('2026-03-02 to 2026-03-04 (3 days)');
    expect(findings[1]!.detail).toContain('digest of 2026-03-01');
  });

  it('still names a later day rewritten on its own, and no follow-on after the last day', () => {
    const findings = digestFindings(written, rewrite(rewrite(history, 1), 3));
    expect(findings.map((f) => [f.streamId, f.reason])).toEqual([
      ['digest 2026-03-02', 'digest mismatch'],
      ['digest 2026-03-04', 'digest mismatch'],
      ['digest 2026-03-03', 'digest mismatch follows'],
    ]);
  });

  it('names a day whose commits are gone', () => {
    const findings = digestFindings(written, history.slice(0, 3));
    expect(findings.map((f) => [f.streamId, f.reason])).toEqual([['digest 2026-03-04', 'digest mismatch']]);
  });

  it('names a day whose kept ledger state was rewritten, though its digest still holds', () => {
    const rewritten = written.map((d, i) => (i === 1 ? { ...d, ledger: { ...d.ledger!, commits: 7 } } : d));
    const findings = digestFindings(rewritten, history);
    expect(findings.map((f) => [f.streamId, f.reason])).toEqual([['digest 2026-03-02', 'ledger mismatch']]);
  });
});
