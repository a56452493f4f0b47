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

/**
 * What the layers may import of each other (events ← domain ← functions/app ← ...), folder cycles
 * included, is dependency-cruiser's to check: `.dependency-cruiser.cjs`, test/dependency-rules.unit.spec.ts.
 * What it cannot see is checked here.
 */
describe('domain/ and events/ are pure', () => {
  for (const layer of ['domain', 'events']) {
    it(`${layer}/ imports no AWS SDK and no Node I/O`, () => {
      const offences: string[] = [];
      for (const file of sourceFiles(layer)) {
        for (const specifier of importsOf(file)) {
          const bad =
            /^@aws-sdk\/|^aws-cdk-lib|^@aws-lambda-powertools\/|^@middy\//.test(specifier) ||
            /^(node:)?(fs|http|https|net|crypto|child_process)$/.test(specifier);
          if (bad) offences.push(`${file} imports ${specifier}`);
        }
      }
      expect(offences).toEqual([]);
    });
  }

  it('domain/ reads no clock, randomness or environment', () => {
    const offences = sourceFiles('domain').filter((file) =>
      /\bnew Date\(\)|Date\.now\(|Math\.random\(|process\.env/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(offences).toEqual([]);
  });

  it('domain/ names views by their own ids, never by how the view store keys them (issue 26)', () => {
    const offences = sourceFiles('domain').flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/\b(pk|sk|gsi1pk|gsi1sk)\b/g)].map(
        (m) => `${file} names ${m[1]}`,
      ),
    );
    expect(offences).toEqual([]);
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

describe('the test tree mirrors the source (issue 26)', () => {
  it('every folder of unit and integration specs names a folder of the source', () => {
    const ownFolders = ['test/e2e', 'test/bundles', 'test/support', 'test/fixtures'];
    const folders = (dir: string): string[] =>
      readdirSync(join(root, dir)).flatMap((name) => {
        const path = join(dir, name);
        return statSync(join(root, path)).isDirectory() ? [path, ...folders(path)] : [];
      });
    const strays = folders('test')
      .filter((folder) => !ownFolders.some((own) => folder === own || folder.startsWith(`${own}/`)))
      .filter((folder) => {
        const source = folder.slice('test/'.length);
        try {
          return !statSync(join(root, source)).isDirectory();
        } catch {
          return true;
        }
      });
    expect(strays).toEqual([]);
  });
});

describe('one feature, one place (issue 26)', () => {
  /** Each capability by the word its files are named with: a newcomer greps for it. */
  const capabilities = {
    residents: 'resident',
    plans: 'plan',
    activities: 'activit',
    series: 'series',
    study: 'study',
    rotations: 'rotation',
    reading: 'reading',
    sports: 'equipment',
    articles: 'article',
    compliance: 'compliance',
    'family style': 'nomination',
    recognition: 'recognition',
    reports: 'report',
    audit: 'audit',
  };
  const files = ['domain', 'events', 'functions'].flatMap(sourceFiles);

  for (const [capability, word] of Object.entries(capabilities)) {
    it(`${capability}: domain, events, application and routes sit in at most five folders`, () => {
      const folders = new Set(
        files.filter((f) => f.includes(word)).map((f) => f.slice(0, f.lastIndexOf('/'))),
      );
      expect(folders.size, [...folders].join(', ')).toBeGreaterThan(0);
      expect(folders.size, [...folders].join(', ')).toBeLessThanOrEqual(5);
    });
  }
});
