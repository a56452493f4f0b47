import { spawnSync } from 'node:child_process';

/** Whether a command outside npm answers `--version` (cfn-lint comes with these machines' Python). */
export function toolAvailable(command: string): boolean {
  return spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * For `it.skipIf(skipWithout('cfn-lint', '…'))`: true, with a warning saying why, when the tool is
 * missing outside CI; on CI (`CI=true`) false, so the test runs and fails on the missing tool.
 */
export function skipWithout(command: string, what: string): boolean {
  if (toolAvailable(command) || process.env.CI === 'true') return false;
  console.warn(`skipped: ${what} needs ${command}, which is not on the PATH (CI installs it)`);
  return true;
}
