import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrinterAnswer } from '../../functions/app/printer.js';
import type { Overrides } from '../../functions/composition/core.js';
import type { Config } from '../../functions/config.js';
import type { HttpHandler } from '../../functions/http/pipeline.js';
import type { create as createDigests } from '../../functions/scheduled/digests.handler.js';
import type { createMailer } from '../../functions/scheduled/mailer.js';
import type { create as createScheduler } from '../../functions/scheduled/scheduler.handler.js';
import type { CommitStreamHandler } from '../../functions/streams/commit-stream.js';
import { type LedgerFunctionName, ledgerFunctions } from '../functions.js';

/** The handlers of every function, as the local runtime calls them. */
export interface LocalHandlers {
  readonly commands: HttpHandler;
  readonly queries: HttpHandler;
  readonly projector: CommitStreamHandler;
  readonly publisher: CommitStreamHandler;
  readonly mailer: ReturnType<typeof createMailer>;
  readonly digests: ReturnType<typeof createDigests>;
  readonly scheduler: ReturnType<typeof createScheduler>;
  /** `{ print: Printable }` → `{ ok: true, pdf }` or `{ ok: false, refusal }`, as the queries function invokes it. */
  readonly printer: (event: unknown) => Promise<PrinterAnswer>;
}

/** Where a function's entry module comes from: the TypeScript source, or the bundle CDK built. */
export type HandlerSource =
  | { readonly kind: 'source' }
  | { readonly kind: 'bundles'; readonly dirs: BundleDirs };
export type BundleDirs = Readonly<Record<LedgerFunctionName, string>>;

interface EntryModule {
  create(config: Config, overrides?: Overrides): unknown;
}

/** The same entries as `ledgerFunctions`, imported from source (static imports, so every tool resolves them). */
const sourceEntries = {
  commands: () => import('../../functions/composition/commands.handler.js'),
  queries: () => import('../../functions/composition/queries.handler.js'),
  projector: () => import('../../functions/projector/projector.handler.js'),
  publisher: () => import('../../functions/publisher/publisher.handler.js'),
  mailer: () => import('../../functions/scheduled/mailer.handler.js'),
  digests: () => import('../../functions/scheduled/digests.handler.js'),
  scheduler: () => import('../../functions/scheduled/scheduler.handler.js'),
  printer: () => import('../../functions/printing/printer.handler.js'),
} satisfies Record<LedgerFunctionName, () => Promise<EntryModule>>;

async function importEntry(name: LedgerFunctionName, source: HandlerSource): Promise<EntryModule> {
  if (source.kind === 'bundles') return import(pathToFileURL(join(source.dirs[name], 'index.mjs')).href);
  return sourceEntries[name]();
}

/** One function's handler, built from its entry module's `create`. */
export async function loadHandler<N extends LedgerFunctionName>(
  name: N,
  source: HandlerSource,
  config: Config,
  overrides: Overrides,
): Promise<LocalHandlers[N]> {
  const entry = await importEntry(name, source);
  if (typeof entry.create !== 'function') throw new Error(`the ${name} entry module exports no create()`);
  return entry.create(config, overrides) as LocalHandlers[N];
}

/**
 * Builds every function's handler from its entry module's `create`, with the local runtime's config
 * and overrides (clock, logger, the stand-ins for Streams and for invoking the mailer and the printer). From bundles,
 * this is the code Lambda runs: a bundling mistake fails here.
 */
export async function loadHandlers(
  source: HandlerSource,
  config: Config,
  overridesFor: (name: LedgerFunctionName) => Overrides,
): Promise<LocalHandlers> {
  const built: Partial<Record<LedgerFunctionName, unknown>> = {};
  for (const name of Object.keys(ledgerFunctions) as LedgerFunctionName[])
    built[name] = await loadHandler(name, source, config, overridesFor(name));
  return built as unknown as LocalHandlers;
}

/**
 * The bundle folder of each function in a synthesized cloud assembly (`cdk synth` → `cdk.out`): the
 * stack's functions carry their name in `LEDGER_FUNCTION` and their asset folder in the template's
 * asset metadata.
 */
export function bundleDirsIn(assemblyDir: string): BundleDirs {
  const dirs: Partial<Record<LedgerFunctionName, string>> = {};
  for (const file of readdirSync(assemblyDir).filter((f) => f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as {
      Resources?: Record<
        string,
        {
          Type: string;
          Properties?: { Environment?: { Variables?: Record<string, string> } };
          Metadata?: Record<string, string>;
        }
      >;
    };
    for (const resource of Object.values(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const name = resource.Properties?.Environment?.Variables?.LEDGER_FUNCTION as
        | LedgerFunctionName
        | undefined;
      const asset = resource.Metadata?.['aws:asset:path'];
      if (name && asset && name in ledgerFunctions) dirs[name] = join(assemblyDir, asset);
    }
  }
  const missing = Object.keys(ledgerFunctions).filter((name) => !dirs[name as LedgerFunctionName]);
  if (missing.length > 0)
    throw new Error(`no bundle in ${assemblyDir} for: ${missing.join(', ')} (run \`npm run synth\` first)`);
  return dirs as BundleDirs;
}
