import { existsSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import type { PrinterAnswer } from '../../functions/app/printer.js';
import { BUNDLED_FONT } from '../../functions/printing/font.js';
import { ledgerFunctions } from '../../infra/functions.js';
import { bundleDirsIn } from '../../infra/local/handlers.js';
import { startLocalRuntime } from '../../infra/local/runtime.js';
import { names, signInSheet } from '../functions/printing/documents.js';
import { pdfText, pdftotextAvailable } from '../functions/printing/pdf-tools.js';

describe('the bundles `cdk synth` built (what Lambda runs)', () => {
  const dirs = bundleDirsIn(inject('cdkOut'));

  it('has one ESM bundle per function, exporting the Lambda handler and the local factory', async () => {
    for (const name of Object.keys(ledgerFunctions) as (keyof typeof ledgerFunctions)[]) {
      const file = join(dirs[name], 'index.mjs');
      expect(existsSync(file), name).toBe(true);
      expect(existsSync(`${file}.map`), `${name} source map`).toBe(true);
      // Self-contained: no package left for Lambda's runtime to supply (the SDK we tested ships inside).
      // (Node's own modules are not packages: pdfkit imports `stream`, `fs` and `zlib` without `node:`.)
      const imported = [
        ...readFileSync(file, 'utf8').matchAll(/\bimport\b[^"';()]*?\bfrom\s*["']([^"']+)["']/g),
      ].map((m) => m[1]!);
      expect(
        imported.filter((specifier) => !isBuiltin(specifier)),
        name,
      ).toEqual([]);
      const entry = await import(pathToFileURL(file).href);
      expect(typeof entry.handler, name).toBe('function');
      expect(typeof entry.create, name).toBe('function');
    }
  });

  it('carries Powertools Metrics and Tracer (X-Ray subsegments per AWS call) in every bundle', () => {
    for (const name of Object.keys(ledgerFunctions) as (keyof typeof ledgerFunctions)[]) {
      const code = readFileSync(join(dirs[name], 'index.mjs'), 'utf8');
      expect(code.includes('CloudWatchMetrics'), `${name} metrics`).toBe(true);
      // Every AWS SDK call a subsegment; the printer, which calls none, annotates its own segment.
      expect(code.includes('captureAWSv3Client'), `${name} tracer`).toBe(true);
    }
  });

  it('ships the docs page assets beside the query bundle only', () => {
    for (const [name, dir] of Object.entries(dirs)) {
      const shipped = existsSync(join(dir, 'swagger-ui', 'swagger-ui-bundle.js'));
      expect(shipped, name).toBe(name === 'queries');
    }
    expect(statSync(join(dirs.queries, 'swagger-ui', 'swagger-ui.css')).size).toBeGreaterThan(10_000);
  });

  it('ships the CJK font beside the printer bundle only, and keeps its JavaScript under 1 MB', () => {
    for (const [name, dir] of Object.entries(dirs))
      expect(existsSync(join(dir, BUNDLED_FONT)), name).toBe(name === 'printer');
    expect(statSync(join(dirs.printer, BUNDLED_FONT)).size).toBeGreaterThan(5_000_000);
    const size = statSync(join(dirs.printer, 'index.mjs')).size;
    console.log(`printer bundle: index.mjs ${(size / 1000).toFixed(0)} KB`);
    // pdfkit + fontkit + zod; brotli (WOFF2 only) is aliased out, it alone would add ~490 KB.
    expect(size).toBeLessThan(1_000_000);
  });

  it.runIf(pdftotextAvailable())(
    'prints from the bundle alone, with the font beside it (no node_modules, another working directory)',
    async () => {
      const { handler } = (await import(pathToFileURL(join(dirs.printer, 'index.mjs')).href)) as {
        handler: (event: unknown) => Promise<PrinterAnswer>;
      };
      const cwd = process.cwd();
      process.chdir(tmpdir());
      try {
        const started = performance.now();
        const answer = await handler({ print: signInSheet });
        console.log(
          `printer bundle: ${names.length}-row sheet in ${(performance.now() - started).toFixed(0)} ms`,
        );
        if (!answer.ok) throw new Error(answer.refusal.detail);
        const text = pdfText(Buffer.from(answer.pdf, 'base64'));
        expect(text).toContain(signInSheet.title);
        for (const name of names) expect(text).toContain(name);
        expect(text).toMatch(/第 2 页，共 \d+ 页/);
        const refused = await handler({ print: { title: '' } });
        expect(refused).toMatchObject({ ok: false, refusal: { code: 'unprintable-document' } });
      } finally {
        process.chdir(cwd);
      }
    },
  );

  it.runIf(pdftotextAvailable())(
    'the local runtime on the bundles prints through the printer bundle',
    async () => {
      const runtime = await startLocalRuntime({ logLevel: 'SILENT', handlers: { kind: 'bundles', dirs } });
      try {
        const pdf = await runtime.deps.printer.print(signInSheet);
        expect(pdfText(pdf, { first: 1, last: 1 })).toContain(signInSheet.title);
        await expect(runtime.deps.printer.print({ ...signInSheet, title: '' })).rejects.toThrow(
          /not a printable document: print\.title/,
        );
      } finally {
        await runtime.close();
      }
    },
  );
});
