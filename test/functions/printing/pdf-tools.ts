import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const has = (tool: string) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined;

/**
 * Reading a PDF back needs poppler's `pdftotext`: mandatory in CI (.ci/run installs poppler-utils),
 * skipped with a notice elsewhere.
 */
export function pdftotextAvailable(): boolean {
  if (has('pdftotext') && has('pdfinfo')) return true;
  if (process.env.CI)
    throw new Error('CI must read PDFs back, but pdftotext is missing (.ci/run installs poppler-utils)');
  console.warn('[skip] PDF read-back tests: pdftotext is not installed (apt-get install poppler-utils)');
  return false;
}

const saved = (pdf: Uint8Array) => {
  const file = join(mkdtempSync(join(tmpdir(), 'ccl-pdf-')), 'document.pdf');
  writeFileSync(file, pdf);
  return file;
};

/** The text of a PDF (or of its pages `first`..`last`), as poppler extracts it. */
export function pdfText(pdf: Uint8Array, pages: { first?: number; last?: number } = {}): string {
  const args = [
    ...(pages.first ? ['-f', String(pages.first)] : []),
    ...(pages.last ? ['-l', String(pages.last)] : []),
    saved(pdf),
    '-',
  ];
  const result = spawnSync('pdftotext', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

/** `pdfinfo`'s fields (Title, Pages, Page size…). */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const result = spawnSync('pdfinfo', [saved(pdf)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdfinfo failed: ${result.stderr}`);
  return Object.fromEntries(
    result.stdout
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

/**
 * The Latin words of a text (letters, with inner hyphens and apostrophes): what a word split by a
 * line break would show as two words that are not in the document ("Communit" and "y").
 */
export function latinWords(text: string): string[] {
  return text.match(/[A-Za-z]+(?:['’-][A-Za-z]+)*/g) ?? [];
}

/** Each word poppler finds on each page, with its box (points from the page's top-left). */
export function pdfWordBoxes(pdf: Uint8Array): { page: number; text: string; yMax: number; yMin: number }[] {
  const result = spawnSync('pdftotext', ['-bbox', saved(pdf), '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  const words: { page: number; text: string; yMax: number; yMin: number }[] = [];
  let page = 0;
  for (const line of result.stdout.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const m = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, yMin: Number(m[1]), yMax: Number(m[2]), text: m[3]! });
  }
  return words;
}
