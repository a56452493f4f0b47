import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Printable } from '../../../domain/reports/printable.js';
import { ForwardedRefusal } from '../../../functions/app/errors.js';
import { type PrinterAnswer, printThrough } from '../../../functions/app/printer.js';
import { BUNDLED_FONT, PACKAGED_FONT, resolveFontPath } from '../../../functions/printing/font.js';
import { create } from '../../../functions/printing/printer.handler.js';
import { qrModules } from '../../../functions/printing/qr.js';
import { columnWidths } from '../../../functions/printing/table.js';
import { names, signInSheet } from './documents.js';
import { pdfInfo, pdfText, pdftotextAvailable } from './pdf-tools.js';

/** The printer function's handler, as Lambda (and the local runtime) invoke it. */
const handler = create();
const pdfOf = (answer: PrinterAnswer) => {
  if (!answer.ok) throw new Error(`refused: ${answer.refusal.detail}`);
  return new Uint8Array(Buffer.from(answer.pdf, 'base64'));
};

describe('the printer function (Printable → PDF)', () => {
  it('the test document is a valid Printable', () => {
    expect(Printable.safeParse(signInSheet).success).toBe(true);
  });

  it.runIf(pdftotextAvailable())(
    'prints Chinese text that reads back: title, every name, the header again on page 2, page numbers in every footer',
    async () => {
      const started = performance.now();
      const pdf = pdfOf(await handler({ print: signInSheet }));
      const ms = performance.now() - started;
      console.log(`printer: ${names.length}-row sign-in sheet in ${ms.toFixed(0)} ms, ${pdf.length} bytes`);
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      // Only the glyphs used are embedded: far below the 10 MB font.
      expect(pdf.length).toBeLessThan(200_000);

      const info = pdfInfo(pdf);
      expect(info.Title).toBe(signInSheet.title);
      expect(info['Page size']).toMatch(/595\.28 x 841\.89 pts \(A4\)/);
      const pages = Number(info.Pages);
      expect(pages).toBeGreaterThanOrEqual(3);
      // The document's language is in its catalog (screen readers, search, copy-paste).
      expect(Buffer.from(pdf).toString('latin1')).toContain('/Lang (zh-CN)');

      const text = pdfText(pdf);
      expect(text).toContain(signInSheet.title);
      expect(text).toContain('社区党群服务中心三楼会议室');
      for (const name of names) expect(text).toContain(name);
      // The table goes on to page 2, under its header again.
      const page2 = pdfText(pdf, { first: 2, last: 2 });
      expect(page2).toMatch(/序号[\s\S]*姓名[\s\S]*签名/);
      expect(names.some((name) => page2.includes(name))).toBe(true);
      for (let page = 1; page <= pages; page += 1)
        expect(pdfText(pdf, { first: page, last: page })).toContain(`第 ${page} 页，共 ${pages} 页`);
      // The empty table says so, in the document's language.
      expect(pdfText(pdf, { first: pages, last: pages })).toContain('（无）');
    },
  );

  it.runIf(pdftotextAvailable())('prints an English document with the words it adds in English', async () => {
    const pdf = pdfOf(
      await handler({
        print: {
          title: 'Work ledger 2026',
          language: 'en',
          footer: 'Page {page} of {pages}',
          blocks: [
            { kind: 'heading', level: 1, text: 'Study sessions' },
            { kind: 'paragraph', text: 'Long text '.repeat(600) },
            { kind: 'table', columns: [{ label: 'Date', width: 1 }], rows: [] },
          ],
        },
      }),
    );
    const text = pdfText(pdf);
    expect(text).toContain('Work ledger 2026');
    expect(text).toContain('(none)');
    // The paragraph ran over onto a second page; both have their footer.
    expect(text).toContain('Page 2 of 2');
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Lang (en)');
  });

  it('answers a refusal, never a crash, for anything that is not a Printable', async () => {
    for (const bad of [
      undefined,
      null,
      'print me',
      {},
      { print: {} },
      { print: { ...signInSheet, language: 'fr' } },
      { print: { ...signInSheet, blocks: [{ kind: 'table', columns: [], rows: [] }] } },
      { print: { ...signInSheet, blocks: [{ kind: 'qr', data: '' }] } },
    ]) {
      const answer = await handler(bad);
      expect(answer.ok, JSON.stringify(bad)).toBe(false);
      if (!answer.ok) {
        expect(answer.refusal).toMatchObject({ kind: 'internal', code: 'unprintable-document' });
        expect(answer.refusal.detail).toMatch(/^not a printable document: print/);
      }
    }
  });

  it("hands the HTTP functions the bytes, or the printer's refusal unchanged", async () => {
    const printer = printThrough((request) => handler(request));
    const pdf = await printer.print({ title: '空', language: 'zh-CN', footer: '', blocks: [] });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const refused = printThrough(async () => ({
      ok: false,
      refusal: { kind: 'internal', code: 'unprintable-document', detail: 'no' },
    }));
    await expect(refused.print(signInSheet)).rejects.toBeInstanceOf(ForwardedRefusal);
  });
});

describe('the printer’s parts', () => {
  it('finds the font beside the bundle first, then in the npm package, and names every place it looked', () => {
    const bundleDir = '/var/task';
    const beside = join(bundleDir, BUNDLED_FONT);
    expect(resolveFontPath({ moduleDir: bundleDir, cwd: '/repo' }, (p) => p === beside)).toBe(beside);
    const packaged = join('/repo', PACKAGED_FONT);
    expect(resolveFontPath({ moduleDir: '/repo/functions/printing', cwd: '/' }, (p) => p === packaged)).toBe(
      packaged,
    );
    expect(() => resolveFontPath({ moduleDir: bundleDir, cwd: '/tmp' }, () => false)).toThrow(
      /no CJK font for the printer: looked for fonts\/NotoSansSC-Regular\.ttf beside the bundle.*\/var\/task\/fonts/,
    );
    expect(() => resolveFontPath({ configured: '/nowhere.ttf', moduleDir: bundleDir, cwd: '/' })).toThrow(
      /PRINTER_FONT_PATH names \/nowhere\.ttf/,
    );
  });

  it('splits the line by the columns’ shares', () => {
    expect(columnWidths([1, 1, 2], 400)).toEqual([100, 100, 200]);
  });

  it('encodes a QR code of UTF-8 text as a square of modules with finder patterns', () => {
    const modules = qrModules('https://ledger.example.org/check-in?活动=法治');
    expect(modules.length).toBeGreaterThanOrEqual(21);
    expect(modules.every((row) => row.length === modules.length)).toBe(true);
    // The top-left finder pattern: a dark 7×7 ring.
    expect(modules[0]!.slice(0, 7).every(Boolean)).toBe(true);
    expect(modules[6]!.slice(0, 7).every(Boolean)).toBe(true);
  });
});
