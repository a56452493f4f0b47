import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../../functions/http/openapi.js';
import { routes } from '../../../functions/http/routes/index.js';

/** What front-end tooling reads: the served document, linted as Redocly and Spectral lint it. */
describe('the OpenAPI document lints clean', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccl-openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(
    file,
    JSON.stringify(buildOpenApi(routes, { title: 'Community Culture Ledger', version: '1.0.0' })),
  );
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(join('node_modules', '.bin', tool), args, { encoding: 'utf8' });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  };

  it('with Redocly’s recommended rules: no error, no warning', () => {
    const { code, out } = run('redocly', ['lint', file, '--format=summary']);
    expect(out).toMatch(/Your API description is valid/);
    // (Its banner about Node.js 20 says "Deprecation warning"; findings read "You have N warnings".)
    expect(out).not.toMatch(/You have \d+ warnings?|^(warning|error) /m);
    expect(code).toBe(0);
  }, 60_000);

  it('with Spectral’s oas ruleset: no problem at all', () => {
    writeFileSync(join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
    const { code, out } = run('spectral', [
      'lint',
      file,
      '--ruleset',
      join(dir, '.spectral.yaml'),
      '--fail-severity',
      'hint',
    ]);
    expect(out).toMatch(/No results with a severity of 'hint' or higher found!/);
    expect(code).toBe(0);
  }, 60_000);
});
