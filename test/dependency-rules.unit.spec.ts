import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering as dependency-cruiser checks it (`.dependency-cruiser.cjs`): the repository keeps every
 * rule, and each rule bites (a fixture tree under test/fixtures/dependency-rules/<rule>/, named like the
 * repository's folders, plants one violation of it and nothing else).
 */
const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'test/fixtures/dependency-rules');
const SOURCE_FOLDERS = ['events', 'domain', 'functions', 'infra', 'client'];
const FOLDER_CYCLES = 'no-folder-cycles';

let options: ICruiseOptions;
let tsConfig: ReturnType<typeof extractTSConfig>;

beforeAll(async () => {
  options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  tsConfig = extractTSConfig(join(root, 'tsconfig.json'));
});

/** Every violation the rules find cruising `dirs` from `baseDir`. */
async function violations(baseDir: string, dirs: readonly string[], forbidden = options.ruleSet?.forbidden) {
  const { output } = await cruise(
    [...dirs],
    { ...options, baseDir, ruleSet: { ...options.ruleSet, forbidden } },
    {},
    { tsConfig },
  );
  return (output as ICruiseResult).summary.violations.filter((v) => v.rule.severity !== 'ignore');
}

const described = (list: readonly IViolation[]) =>
  list.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

describe('the repository keeps the dependency rules', () => {
  it('no violation at all: no knot is waived', async () => {
    expect(described(await violations(root, SOURCE_FOLDERS))).toEqual([]);
  }, 20_000);
});

/**
 * Each rule, the violations of it its fixture plants (`from → to`), and only those (an import from app/
 * into http/ also breaks only-roots-import-http: the rules overlap there, as they do in the repository).
 */
const planted: Record<string, readonly string[]> = {
  [FOLDER_CYCLES]: ['functions/app → functions/audit', 'functions/audit → functions/app'],
  'domain-is-pure': [
    'domain/plan/uses-a-port.ts → functions/app/port.ts',
    'domain/plan/uses-the-stack.ts → infra/stack.ts',
  ],
  'events-are-the-bottom': ['events/uses-the-domain.ts → domain/shared/fold.ts'],
  'app-knows-no-adapter-nor-http': [
    'functions/app/uses-an-adapter.ts → functions/adapters/store.ts',
    'functions/app/uses-http.ts → functions/http/route.ts',
  ],
  'http-knows-no-adapter': ['functions/http/middleware/uses-an-adapter.ts → functions/adapters/store.ts'],
  // Not functions/adapters/store.ts, which implements a port of functions/app/.
  'ports-live-in-app': ['functions/adapters/mailer-invoker.ts → functions/reports/report-sending.ts'],
  'functions-know-no-infra': ['functions/projector/uses-the-stack.ts → infra/stack.ts'],
  // Not the composition root functions/composition/root.ts.
  'only-roots-import-http': ['functions/projector/uses-http.ts → functions/http/route.ts'],
};

describe('each rule catches a planted violation', () => {
  it('every rule of the configuration has its fixture', () => {
    const names = new Set(options.ruleSet!.forbidden!.map((rule) => rule.name));
    expect([...names].sort()).toEqual(Object.keys(planted).sort());
  });

  for (const [rule, expected] of Object.entries(planted)) {
    it(rule, async () => {
      const baseDir = join(fixtures, rule);
      const found = (await violations(baseDir, readdirSync(baseDir))).filter((v) => v.rule.name === rule);
      expect(described(found)).toEqual(expected.map((v) => `${rule}: ${v}`).sort());
    });
  }
});
