import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognitionDecider } from '../../domain/recognition/recognition.decider.js';
import { given } from './decider-spec.js';
import { given as givenHistory } from './use-case-spec.js';

const named = {
  type: 'ModelNamed' as const,
  data: { modelId: 'M1', residentId: 'R1', title: 'moral-model' as const, citation: 'c' },
};
const nameModel = {
  type: 'NameModel' as const,
  modelId: 'M1',
  residentId: 'R1',
  residentKnown: true,
  title: 'moral-model' as const,
  citation: 'c',
};

describe('the given/when/then harness fails when it should', () => {
  it('a pure decider spec: other events, or events where an error was expected', () => {
    expect(() => given(recognitionDecider, []).when(nameModel).then([])).toThrow();
    expect(() => given(recognitionDecider, []).when(nameModel).then({ code: 'already-recorded' })).toThrow();
    expect(() => given(recognitionDecider, [named]).when(nameModel).then([named])).toThrow(
      /already-recorded/,
    );
  });

  it('a stream spec: events on a stream not named, another refusal, or an awaited `when`', async () => {
    const command = { decider: recognitionDecider, streamId: 'c1#model#M1', command: nameModel };
    await expect(
      givenHistory({})
        .when(command)
        .then({ 'c1#model#M2': [named] }),
    ).rejects.toThrow();
    await expect(givenHistory({}).when(command).then({})).rejects.toThrow();
    await expect(
      givenHistory({ 'c1#model#M1': [named] })
        .when(command)
        .then({ code: 'other' }),
    ).rejects.toThrow();
    const thenable = givenHistory({}).when(command) as unknown as PromiseLike<unknown>;
    await expect(Promise.resolve().then(() => thenable)).rejects.toThrow(/not a promise/);
  });

  it('a use case given the harness: what it appended, read back with its hash chain intact', async () => {
    const harness = await givenHistory({
      'c1#model#M0': [{ ...named, data: { ...named.data, modelId: 'M0' } }],
    })
      .when((h) =>
        h.commands.execute({
          decider: recognitionDecider,
          community: 'c1',
          streamId: 'c1#model#M1',
          command: nameModel,
          metadata: h.metadata,
        }),
      )
      .then({ 'c1#model#M1': [named] });
    expect(await harness.eventsOf('c1#model#M1')).toEqual([named]);
    expect(await harness.store.communities()).toEqual(['c1']);
  });
});

describe('one dialect per test level (issue 26)', () => {
  const root = join(import.meta.dirname, '..', '..');
  const specsIn = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? specsIn(join(dir, entry.name))
        : entry.name.endsWith('.spec.ts')
          ? [join(dir, entry.name)]
          : [],
    );

  it('no end-to-end file defines a request helper of its own: they speak through api.as(token) and given()', () => {
    const names = '(?:post|get|call|put|refused|request|send)';
    const ownHelper = new RegExp(
      `(?:const|let)\\s+${names}\\s*=\\s*(?:async\\s*)?(?:<[^>]*>\\s*)?\\(|function\\s+${names}\\b`,
    );
    const offenders = specsIn('test/e2e').filter((file) =>
      ownHelper.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('every spec takes its given/when/then from the one module of its level', () => {
    const retired = /support\/(given|projection-spec)\.js|use-case-fixture\.js|\bspec\(\w+Decider\)/;
    const offenders = specsIn('test').filter((file) => retired.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
