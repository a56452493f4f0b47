import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS whose types declare an ES default export: Node hands the function itself over.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/**
 * What a phone's camera would read off a printed sheet: each page rendered to a PNG by poppler's
 * `pdftoppm` (as a printer would lay it down, at 200 dpi), and the first QR code found decoded by
 * jsQR. Undefined when no page holds a readable code.
 */
export function qrCodeOnSheet(pdf: Uint8Array): { page: number; text: string } | undefined {
  const folder = mkdtempSync(join(tmpdir(), 'ccl-qr-'));
  writeFileSync(join(folder, 'sheet.pdf'), pdf);
  const rendered = spawnSync('pdftoppm', [
    '-r',
    '200',
    '-png',
    join(folder, 'sheet.pdf'),
    join(folder, 'page'),
  ]);
  if (rendered.status !== 0) throw new Error(`pdftoppm failed: ${rendered.stderr}`);
  const pages = readdirSync(folder)
    .filter((file) => file.startsWith('page') && file.endsWith('.png'))
    .sort();
  for (const [i, file] of pages.entries()) {
    const image = PNG.sync.read(readFileSync(join(folder, file)));
    const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    if (code) return { page: i + 1, text: code.data };
  }
  return undefined;
}
