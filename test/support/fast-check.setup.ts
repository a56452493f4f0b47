import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach } from 'vitest';

/**
 * Reproducible fuzzing. Every property test of a file runs from one seed: `FC_SEED=<integer>` names
 * it (CI's fixed run, or a failure being replayed), anything else (unset, `random`) draws one. A
 * property that fails says its seed and path in its own message (fast-check's); a test of such a
 * file that fails any other way (a timeout, an assertion after the property) prints the seed here,
 * with the command that runs the same inputs again.
 */
export const fcSeed = seedFrom(process.env.FC_SEED);

function seedFrom(value: string | undefined): number {
  if (value !== undefined && /^-?\d+$/.test(value.trim())) return Number(value.trim()) | 0;
  // fast-check's own seeds are 32-bit integers; so is this one.
  return (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: fcSeed });

const usesFastCheck = new Map<string, boolean>();
const fuzzes = (file: string | undefined): boolean => {
  if (!file) return false;
  let known = usesFastCheck.get(file);
  if (known === undefined) {
    const source = readFileSync(file, 'utf8');
    known = source.includes("from 'fast-check'") || source.includes('request-arbitraries');
    usesFastCheck.set(file, known);
  }
  return known;
};

beforeEach(({ task, onTestFailed }) => {
  const file = task.file?.filepath;
  if (!fuzzes(file)) return;
  onTestFailed(() => {
    const where = file!.slice(file!.lastIndexOf('/test/') + 1);
    console.error(
      `[fast-check] "${task.name}" failed with seed ${fcSeed} (its path is in the property's message, if it got that far).` +
        ` Run the same inputs again: FC_SEED=${fcSeed} npx vitest run ${where}`,
    );
  });
});
