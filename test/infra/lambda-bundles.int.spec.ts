import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaEsbuildOptions } from '../../infra/constructs/ledger-function.js';
import { type LedgerFunctionName, ledgerFunctions } from '../../infra/functions.js';

/**
 * Each Lambda function carries only what it uses: every entry in `infra/functions.ts` bundled with the
 * options LedgerFunction gives esbuild (the printer's alias too), and the modules that made it into
 * the bundle read from esbuild's metafile.
 */
const names = Object.keys(ledgerFunctions) as LedgerFunctionName[];
const aliases: Partial<Record<LedgerFunctionName, Record<string, string>>> = {
  printer: { 'brotli/decompress.js': resolve('functions/printing/no-woff2.ts') },
};
const outDir = mkdtempSync(join(tmpdir(), 'ccl-metafiles-'));
const bundled = new Map<
  LedgerFunctionName,
  { readonly modules: readonly string[]; readonly bytes: number }
>();

async function modulesOf(name: LedgerFunctionName) {
  const { metafile } = await build({
    entryPoints: [resolve(ledgerFunctions[name])],
    outfile: join(outDir, name, 'index.mjs'),
    ...lambdaEsbuildOptions,
    alias: aliases[name] ?? {},
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const output = Object.values((metafile as Metafile).outputs).find((o) => o.entryPoint)!;
  // What contributed bytes to the bundle (an input esbuild read but dropped whole is not in it).
  return { modules: Object.keys(output.inputs), bytes: output.bytes };
}

/** Our own modules in a bundle (not node_modules), by path from the repository root. */
const ours = (name: LedgerFunctionName) =>
  bundled.get(name)!.modules.filter((m) => !m.includes('node_modules/'));
const under = (name: LedgerFunctionName, folder: string) => ours(name).filter((m) => m.startsWith(folder));
/** Use cases sit in their feature's folder of the application layer, named `<topic>.commands.ts` or `<topic>.queries.ts`. */
const useCases = (name: LedgerFunctionName, kind: 'commands' | 'queries') =>
  ours(name).filter((m) => m.startsWith('functions/app/') && m.endsWith(`.${kind}.ts`));

describe('what each Lambda bundle carries (esbuild metafile, the CDK options)', () => {
  beforeAll(async () => {
    const built = await Promise.all(names.map(async (name) => [name, await modulesOf(name)] as const));
    for (const [name, result] of built) bundled.set(name, result);
    for (const name of names)
      console.log(
        `${name}: ${bundled.get(name)!.modules.length} modules (${ours(name).length} of ours), ${bundled.get(name)!.bytes} bytes`,
      );
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('bundles every function, each from its own entry', () => {
    for (const name of names) expect(ours(name), name).toContain(ledgerFunctions[name]);
  });

  it('the queries bundle carries no command use case', () => {
    expect(useCases('queries', 'queries').length).toBeGreaterThan(0);
    expect(useCases('queries', 'commands')).toEqual([]);
  });

  it('the commands bundle carries no query use case', () => {
    expect(useCases('commands', 'commands').length).toBeGreaterThan(0);
    expect(useCases('commands', 'queries')).toEqual([]);
  });

  it('no bundle carries the local runtime or its in-process engines', () => {
    for (const name of names) {
      expect(under(name, 'infra/'), name).toEqual([]);
      expect(
        ours(name).filter((m) => m.includes('in-process-engines')),
        name,
      ).toEqual([]);
    }
  });

  it('no function but the commands function carries a command use case; none but the HTTP ones the routes', () => {
    for (const name of names.filter((n) => n !== 'commands' && n !== 'queries')) {
      expect(useCases(name, 'commands'), name).toEqual([]);
      expect(under(name, 'functions/http/'), name).toEqual([]);
    }
  });
});
