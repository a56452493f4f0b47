import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { ledgerFunctions } from '../../infra/functions.js';
import { bundleDirsIn } from '../../infra/local/handlers.js';

describe('the bundles `cdk synth` built (what Lambda runs)', () => {
  const dirs = bundleDirsIn(inject('cdkOut'));

  it('has one ESM bundle per function, exporting the Lambda handler and the local factory', async () => {
    for (const name of Object.keys(ledgerFunctions) as (keyof typeof ledgerFunctions)[]) {
      const file = join(dirs[name], 'index.mjs');
      expect(existsSync(file), name).toBe(true);
      expect(existsSync(`${file}.map`), `${name} source map`).toBe(true);
      // Self-contained: no package left for Lambda's runtime to supply (the SDK we tested ships inside).
      expect(readFileSync(file, 'utf8'), name).not.toMatch(/from\s*["'](?!node:|module["'])[@a-z]/);
      const entry = await import(pathToFileURL(file).href);
      expect(typeof entry.handler, name).toBe('function');
      expect(typeof entry.create, name).toBe('function');
    }
  });

  it('ships the docs page assets beside the query bundle only', () => {
    for (const [name, dir] of Object.entries(dirs)) {
      const shipped = existsSync(join(dir, 'swagger-ui', 'swagger-ui-bundle.js'));
      expect(shipped, name).toBe(name === 'queries');
    }
    expect(statSync(join(dirs.queries, 'swagger-ui', 'swagger-ui.css')).size).toBeGreaterThan(10_000);
  });
});
