import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2]!);
}

function resolvesInto(file: string, specifier: string, folder: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = relative(root, join(root, file, '..', specifier));
  return target === folder || target.startsWith(`${folder}/`);
}

describe('dependency rules: functions → domain → events, infra → functions', () => {
  for (const layer of ['domain', 'events']) {
    it(`${layer}/ is pure: no AWS SDK, no Node I/O, nothing from functions/ or infra/`, () => {
      const offences: string[] = [];
      for (const file of sourceFiles(layer)) {
        for (const specifier of importsOf(file)) {
          const bad =
            /^@aws-sdk\/|^aws-cdk-lib|^@aws-lambda-powertools\/|^@middy\//.test(specifier) ||
            /^(node:)?(fs|http|https|net|crypto|child_process)$/.test(specifier) ||
            resolvesInto(file, specifier, 'functions') ||
            resolvesInto(file, specifier, 'infra');
          if (bad) offences.push(`${file} imports ${specifier}`);
        }
      }
      expect(offences).toEqual([]);
    });
  }

  it('events/ does not depend on domain/', () => {
    const offences = sourceFiles('events').flatMap((file) =>
      importsOf(file)
        .filter((s) => resolvesInto(file, s, 'domain'))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offences).toEqual([]);
  });

  it('domain/ reads no clock, randomness or environment', () => {
    const offences = sourceFiles('domain').filter((file) =>
      /\bnew Date\(\)|Date\.now\(|Math\.random\(|process\.env/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(offences).toEqual([]);
  });

  it('functions/ never imports infra/', () => {
    const offences = sourceFiles('functions').flatMap((file) =>
      importsOf(file)
        .filter((s) => resolvesInto(file, s, 'infra'))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offences).toEqual([]);
  });

  it('the checker itself catches a forbidden import', () => {
    expect(resolvesInto('domain/x/y.ts', '../../functions/app/ports.js', 'functions')).toBe(true);
    expect(resolvesInto('domain/x/y.ts', '../shared/errors.js', 'functions')).toBe(false);
  });
});

/**
 * Modules allowed to import functions/http: the HTTP layer itself, the entry modules that build a
 * function, and the composition roots.
 */
const mayImportHttp = (file: string) =>
  file.startsWith('functions/http/') ||
  file.endsWith('.handler.ts') ||
  file.startsWith('functions/composition/') ||
  file === 'functions/wiring.ts';

/** Known offenders, each with why; the list only shrinks (the middleware now lives under functions/http/). */
const importsHttpToday = new Set<string>([]);

describe('nothing below functions/http imports it', () => {
  const offenders = () =>
    ['events', 'domain', 'functions'].flatMap(sourceFiles).flatMap((file) =>
      mayImportHttp(file)
        ? []
        : importsOf(file)
            .filter((s) => resolvesInto(file, s, 'functions/http'))
            .map((s) => `${file} imports ${s}`),
    );

  it('only the HTTP layer, entry modules (*.handler.ts), composition roots and wiring.ts import functions/http', () => {
    expect(offenders().filter((o) => !importsHttpToday.has(o.split(' ')[0]!))).toEqual([]);
  });

  it('the allow-list holds only files that still offend (remove a file once it is fixed)', () => {
    const offending = new Set(offenders().map((o) => o.split(' ')[0]!));
    expect([...importsHttpToday].filter((file) => !offending.has(file))).toEqual([]);
  });

  it('the checker sees a forbidden import', () => {
    expect(resolvesInto('functions/app/x.ts', '../http/principal.js', 'functions/http')).toBe(true);
    expect(mayImportHttp('functions/app/x.ts')).toBe(false);
    expect(mayImportHttp('functions/http/queries.handler.ts')).toBe(true);
  });
});

describe('the lint configuration keeps the boundaries', () => {
  // biome.jsonc: comments stripped (none of its strings holds `//`).
  const config = JSON.parse(readFileSync(join(root, 'biome.jsonc'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as {
    linter: { rules: Record<string, Record<string, unknown>> };
    overrides: { includes: string[]; linter?: unknown }[];
  };
  /** The overrides that change `rule`. */
  const overridesOf = (rule: string) =>
    config.overrides.filter((override) => JSON.stringify(override.linter ?? {}).includes(`"${rule}"`));

  it('refuses import cycles, type-only imports included', () => {
    expect(config.linter.rules.suspicious!.noImportCycles).toEqual({
      level: 'error',
      options: { ignoreTypes: false },
    });
    // Nothing is waived: the generated client is one file again, with no imports to cycle through.
    expect(overridesOf('noImportCycles')).toEqual([]);
  });

  it('limits a source module to 250 lines, excepting only files named in an override', () => {
    expect(config.linter.rules.style!.noExcessiveLinesPerFile).toEqual({
      level: 'error',
      options: { maxLines: 250 },
    });
    // Each exception names its files (no folder but the specs' is waived wholesale).
    expect(overridesOf('noExcessiveLinesPerFile').length).toBeGreaterThan(0);
    for (const override of overridesOf('noExcessiveLinesPerFile'))
      for (const include of override.includes)
        expect(include === 'test/**' || !include.includes('*')).toBe(true);
  });
});

describe('every function is wired twice from one list', () => {
  it('the local runtime imports, from source, exactly the entry files the CDK app deploys', async () => {
    const { ledgerFunctions } = await import('../infra/functions.js');
    const imported = [
      ...new Set(
        importsOf('infra/local/handlers.ts')
          .filter((s) => s.endsWith('.handler.js'))
          .map((s) => relative(root, join(root, 'infra/local', s)).replace(/\.js$/, '.ts')),
      ),
    ].sort();
    expect(imported).toEqual(Object.values(ledgerFunctions).sort());
  });
});
