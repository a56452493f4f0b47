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

describe('every function is wired twice from one list', () => {
  it('the local runtime imports, from source, exactly the entry files the CDK app deploys', async () => {
    const { ledgerFunctions } = await import('../infra/functions.js');
    const imported = importsOf('infra/local/handlers.ts')
      .filter((s) => s.endsWith('.handler.js'))
      .map((s) => relative(root, join(root, 'infra/local', s)).replace(/\.js$/, '.ts'))
      .sort();
    expect(imported).toEqual(Object.values(ledgerFunctions).sort());
  });
});
