import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Commit, type CommitBody, canonicalJson, GENESIS_HASH } from '../../../events/index.js';
import { commitHash } from '../../../functions/app/audit/hashing.js';
import { commitBody, type VerificationResult } from '../../../functions/app/audit/verification.js';
import { ChainVerifier } from '../../../functions/app/audit/verify.js';
import { verifyExport } from '../../../functions/audit/ndjson.js';

const ACTIVITY = 'demo#activity#LANTERNS';
const RESIDENT = 'demo#resident#LI-WEI';

/** A stream's commits, one event each, chained as the store chains them. */
function chainOf(streamId: string, length: number, day: number): Commit[] {
  const commits: Commit[] = [];
  let prevHash = GENESIS_HASH;
  for (let version = 1; version <= length; version++) {
    const body: CommitBody = {
      commitId: `01J${day}${streamId.length}${String(version).padStart(3, '0')}`,
      community: 'demo',
      streamId,
      firstVersion: version,
      lastVersion: version,
      recordedAt: `2026-03-0${day}T10:${String(version).padStart(2, '0')}:00Z`,
      metadata: { actor: 'organizer', roles: ['organizer'], correlationId: `c-${version}` },
      events: [
        {
          eventId: `e-${streamId}-${version}`,
          type: version === 1 ? 'ActivityPlanned' : 'ResidentAttended',
          schemaVersion: 1,
          streamVersion: version,
          data: { residentId: `R${version}`, method: 'qr' },
        },
      ],
    };
    const hash = commitHash(prevHash, canonicalJson(body));
    commits.push({ ...body, prevHash, hash });
    prevHash = hash;
  }
  return commits;
}

/** The activity's six commits in global order, with another stream's commits interleaved. */
function history(): Commit[] {
  const activity = chainOf(ACTIVITY, 6, 1);
  const resident = chainOf(RESIDENT, 3, 2);
  return [
    activity[0]!,
    resident[0]!,
    activity[1]!,
    activity[2]!,
    resident[1]!,
    ...activity.slice(3),
    resident[2]!,
  ];
}

const dir = mkdtempSync(join(tmpdir(), 'ccl-verify-'));
let files = 0;

/** Both ways an auditor verifies: the commits as the server reads them, and an exported file offline. */
async function verifyBothWays(commits: readonly Commit[], lines?: readonly string[]) {
  const verifier = new ChainVerifier();
  for (const commit of commits) verifier.add(commit);
  const inMemory = verifier.finish();
  const file = join(dir, `history-${++files}.ndjson`);
  writeFileSync(file, `${(lines ?? commits.map((c) => JSON.stringify(c))).join('\n')}\n`);
  return { inMemory, offline: await verifyExport(file) };
}

const findings = (result: VerificationResult) =>
  result.failures.map((f) => ({ streamId: f.streamId, version: f.version, reason: f.reason }));

/** Every range a finding names reads low..high. */
function rangesReadUpwards(result: VerificationResult) {
  for (const f of result.failures) {
    for (const [, low, high] of f.detail.matchAll(/(\d+)\.\.(\d+)/g)) {
      expect(Number(low), f.detail).toBeLessThanOrEqual(Number(high));
    }
  }
}

const at = (commits: readonly Commit[], streamId: string, version: number) =>
  commits.findIndex((c) => c.streamId === streamId && c.firstVersion === version);

describe('verification names one finding per break, never a cascade', () => {
  it('finds nothing wrong in an untouched history, nor when a stream’s commits arrive slightly out of order', async () => {
    const clean = history();
    const swapped = [...clean];
    const third = at(clean, ACTIVITY, 3);
    const fourth = at(clean, ACTIVITY, 4);
    [swapped[third], swapped[fourth]] = [clean[fourth]!, clean[third]!];
    for (const commits of [clean, swapped]) {
      const { inMemory, offline } = await verifyBothWays(commits);
      expect(inMemory).toMatchObject({ ok: true, failures: [], checkedCommits: 9, streams: 2 });
      expect(offline).toEqual(inMemory);
    }
  });

  it('a removed commit is one gap, named at the missing version, and the commits after it are not blamed', async () => {
    const commits = history();
    commits.splice(at(commits, ACTIVITY, 3), 1);
    const { inMemory, offline } = await verifyBothWays(commits);
    expect(inMemory.ok).toBe(false);
    expect(inMemory.failures).toEqual([
      {
        streamId: ACTIVITY,
        version: 3,
        reason: 'gap',
        detail: 'version 3 is missing (version 4 follows it)',
      },
    ]);
    expect(offline.failures).toEqual(inMemory.failures);
  });

  it('two removed commits in a row are one gap whose range reads low..high', async () => {
    const commits = history();
    commits.splice(at(commits, ACTIVITY, 3), 1);
    commits.splice(at(commits, ACTIVITY, 4), 1);
    const { inMemory, offline } = await verifyBothWays(commits);
    expect(inMemory.failures).toEqual([
      {
        streamId: ACTIVITY,
        version: 3,
        reason: 'gap',
        detail: 'versions 3..4 are missing (version 5 follows them)',
      },
    ]);
    rangesReadUpwards(inMemory);
    expect(offline.failures).toEqual(inMemory.failures);
  });

  it('a removed first commit is one gap at version 1', async () => {
    const commits = history();
    commits.splice(at(commits, ACTIVITY, 1), 1);
    const { inMemory, offline } = await verifyBothWays(commits);
    expect(findings(inMemory)).toEqual([{ streamId: ACTIVITY, version: 1, reason: 'gap' }]);
    expect(offline.failures).toEqual(inMemory.failures);
  });

  it('a duplicated commit is one finding that says it is a copy', async () => {
    const commits = history();
    const third = at(commits, ACTIVITY, 3);
    commits.splice(third + 1, 0, structuredClone(commits[third]!));
    const { inMemory, offline } = await verifyBothWays(commits);
    expect(inMemory.failures).toEqual([
      {
        streamId: ACTIVITY,
        version: 3,
        reason: 'unexpected commit',
        detail: 'a copy of version 3 appears again',
      },
    ]);
    expect(offline.failures).toEqual(inMemory.failures);
  });

  it('a forged commit inserted before the one it displaces is the one finding, named by its commit id', async () => {
    const commits = history();
    const third = commits[at(commits, ACTIVITY, 3)]!;
    const genuineFourth = commits[at(commits, ACTIVITY, 4)]!;
    // Well formed: it follows version 3 and its hash matches its content, so only the chain's continuation betrays it.
    const forgedBody: CommitBody = {
      ...commitBody(genuineFourth),
      commitId: '01J-FORGED',
      events: [{ ...genuineFourth.events[0]!, data: { residentId: 'NOBODY', method: 'qr' } }],
    };
    const forged: Commit = {
      ...forgedBody,
      prevHash: third.hash,
      hash: commitHash(third.hash, canonicalJson(forgedBody)),
    };
    commits.splice(at(commits, ACTIVITY, 4), 0, forged);
    const { inMemory, offline } = await verifyBothWays(commits);
    expect(findings(inMemory)).toEqual([{ streamId: ACTIVITY, version: 4, reason: 'unexpected commit' }]);
    expect(inMemory.failures[0]!.detail).toContain('01J-FORGED');
    expect(inMemory.failures[0]!.detail).not.toContain(genuineFourth.commitId);
    expect(offline.failures).toEqual(inMemory.failures);

    // Inserted after the genuine one, the same forgery is still the one finding.
    const later = history();
    later.splice(at(later, ACTIVITY, 4) + 1, 0, forged);
    const { inMemory: afterGenuine } = await verifyBothWays(later);
    expect(findings(afterGenuine)).toEqual([{ streamId: ACTIVITY, version: 4, reason: 'unexpected commit' }]);
    expect(afterGenuine.failures[0]!.detail).toContain('01J-FORGED');
  });

  it('a forged commit appended after the stream’s head is one finding', async () => {
    const commits = history();
    const sixth = commits[at(commits, ACTIVITY, 6)]!;
    commits.push({
      ...sixth,
      commitId: '01J-TAIL',
      firstVersion: 7,
      lastVersion: 7,
      events: [{ ...sixth.events[0]!, streamVersion: 7 }],
      prevHash: '1'.repeat(64),
      hash: '2'.repeat(64),
    });
    const { inMemory, offline } = await verifyBothWays(commits);
    expect(findings(inMemory)).toEqual([{ streamId: ACTIVITY, version: 7, reason: 'unexpected commit' }]);
    expect(offline.failures).toEqual(inMemory.failures);
  });

  it('an edited commit is one hash mismatch, and its successors still follow it', async () => {
    const commits = history();
    const third = at(commits, ACTIVITY, 3);
    const edited = structuredClone(commits[third]!);
    edited.events[0]!.data.residentId = 'SOMEONE-ELSE';
    commits[third] = edited;
    const { inMemory, offline } = await verifyBothWays(commits);
    expect(inMemory.failures).toEqual([
      {
        streamId: ACTIVITY,
        version: 3,
        reason: 'hash mismatch',
        detail: 'its content does not match its hash',
      },
    ]);
    expect(offline.failures).toEqual(inMemory.failures);
  });

  it('an edited and re-hashed commit is one finding, at the successor that no longer follows it', async () => {
    const commits = history();
    const third = at(commits, ACTIVITY, 3);
    const body = structuredClone(commitBody(commits[third]!));
    body.events[0]!.data.residentId = 'SOMEONE-ELSE';
    commits[third] = {
      ...body,
      prevHash: commits[third]!.prevHash,
      hash: commitHash(commits[third]!.prevHash, body),
    };
    const { inMemory, offline } = await verifyBothWays(commits);
    expect(findings(inMemory)).toEqual([{ streamId: ACTIVITY, version: 4, reason: 'unexpected commit' }]);
    expect(inMemory.failures[0]!.detail).toMatch(/version 3/);
    expect(offline.failures).toEqual(inMemory.failures);
  });

  it('a damaged line in an export is one finding, plus at most the gap it leaves', async () => {
    const commits = history();
    const third = at(commits, ACTIVITY, 3);
    const lines = commits.map((c) => JSON.stringify(c));
    lines[third] = lines[third]!.slice(0, 80);
    const { offline } = await verifyBothWays(commits, lines);
    expect(findings(offline)).toEqual([
      { streamId: ACTIVITY, version: 3, reason: 'gap' },
      { streamId: `line ${third + 1}`, version: 1, reason: 'unexpected commit' },
    ]);
    expect(offline.failures[1]!.detail).toBe('it is not a readable commit');
    rangesReadUpwards(offline);
  });
});
