import PDFDocument from 'pdfkit';
import type { Printable, PrintBlock } from '../../domain/reports/printable.js';
import type { Printer } from '../app/printer.js';
import { loadFont } from './font.js';
import { qrModules } from './qr.js';
import { A4, COLOR, FONT_SIZE, GAP, type LayoutMark, MARGIN, Sheet } from './sheet.js';
import { drawTable } from './table.js';

/** A QR code's printed side: about 4 cm, readable by a phone at arm's length. */
const QR_SIDE = 113;

/**
 * Lays a Printable out on A4: the title, then each block in order, then the footer (with its page
 * numbers) on every page. One font, Noto Sans SC, for Chinese and Latin alike; pdfkit embeds only
 * the glyphs the document uses.
 */
export async function renderPdf(
  printable: Printable,
  font: Buffer = loadFont(),
  trace?: (mark: LayoutMark) => void,
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // The font is given here so pdfkit never loads its built-in Helvetica metrics (not in a bundle).
    font: font as unknown as string,
    lang: printable.language,
    displayTitle: true,
    info: {
      Title: printable.title,
      Creator: 'Community Culture Ledger',
      Producer: 'Community Culture Ledger (pdfkit)',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const sheet = new Sheet(doc, trace);
  heading(sheet, printable.title, FONT_SIZE.title, 'center');
  for (const block of printable.blocks) drawBlock(sheet, block, printable.language);
  footers(sheet, printable.footer);

  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function drawBlock(sheet: Sheet, block: PrintBlock, language: Printable['language']): void {
  switch (block.kind) {
    case 'heading':
      heading(sheet, block.text, FONT_SIZE.heading[block.level]);
      break;
    case 'paragraph':
      sheet.flow(block.text, { size: FONT_SIZE.body, color: block.muted ? COLOR.muted : COLOR.text });
      sheet.y += GAP;
      break;
    case 'fields':
      fields(sheet, block.rows, block.qr);
      break;
    case 'table':
      drawTable(sheet, block, language);
      sheet.y += GAP * 1.5;
      break;
    case 'qr':
      qr(sheet, block.data, block.caption);
      break;
    case 'page-break':
      if (sheet.y > MARGIN) sheet.newPage();
      break;
  }
}

/** A heading keeps a few lines of what follows on its page (never alone at the foot of one). */
function heading(sheet: Sheet, text: string, size: number, align: 'left' | 'center' = 'left'): void {
  const height = sheet.measure(text, sheet.width, size);
  sheet.fit(height + 3 * sheet.measure('一', sheet.width, FONT_SIZE.body));
  if (sheet.y > MARGIN) sheet.y += GAP / 2;
  sheet.write(text, { x: sheet.left, y: sheet.y, width: sheet.width, height: height + 1 }, { size, align });
  sheet.trace({ kind: 'heading', y: sheet.y, height });
  sheet.y += height + GAP;
}

/**
 * Label beside value; a long value wraps in its column and the row keeps together. With a QR code,
 * the code stands to the right of the fields, its top level with theirs, and both stay on one page.
 */
function fields(
  sheet: Sheet,
  rows: readonly { label: string; value: string }[],
  code?: { data: string; caption?: string },
): void {
  const size = FONT_SIZE.body;
  const aside = code ? QR_SIDE + 2 * GAP : 0;
  const width = sheet.width - aside;
  const widest = Math.max(0, ...rows.map((row) => sheet.doc.fontSize(size).widthOfString(row.label)));
  const labelWidth = Math.min(width * 0.35, widest + 12);
  const valueWidth = width - labelWidth;
  const heights = rows.map((row) =>
    Math.min(
      sheet.pageHeight,
      Math.max(sheet.measure(row.label, labelWidth - 12, size), sheet.measure(row.value, valueWidth, size)),
    ),
  );
  const top = sheet.y;
  if (code) {
    const codeHeight = qrHeight(sheet, code.caption);
    const fieldsHeight = heights.reduce((sum, h) => sum + h + 2, 0);
    sheet.fit(Math.max(codeHeight, fieldsHeight));
    const y0 = sheet.y;
    qr(sheet, code.data, code.caption, { x: sheet.left + width + 2 * GAP, y: y0 });
    sheet.y = y0;
    drawFields();
    sheet.y = Math.max(sheet.y, y0 + codeHeight) + GAP;
    return;
  }
  drawFields();
  sheet.y += GAP;

  function drawFields() {
    for (const [i, row] of rows.entries()) {
      const height = heights[i]!;
      sheet.fit(height);
      sheet.write(
        row.label,
        { x: sheet.left, y: sheet.y, width: labelWidth - 12, height: height + 1 },
        { size, color: COLOR.muted },
      );
      sheet.write(
        row.value,
        { x: sheet.left + labelWidth, y: sheet.y, width: valueWidth, height: height + 1 },
        { size },
      );
      sheet.y += height + 2;
    }
    sheet.trace({ kind: 'fields', y: top, height: sheet.y - top });
  }
}

function qrHeight(sheet: Sheet, caption: string | undefined): number {
  return QR_SIDE + 4 + (caption ? sheet.measure(caption, QR_SIDE + 2 * GAP, FONT_SIZE.small) : 0);
}

/**
 * A QR code drawn as dark squares (vector: sharp at any print resolution), its caption under it:
 * centred on the line, or at `at` (beside fields), where it does not move the cursor.
 */
function qr(sheet: Sheet, data: string, caption: string | undefined, at?: { x: number; y: number }): void {
  const modules = qrModules(data);
  const captionWidth = at ? QR_SIDE + 2 * GAP : sheet.width;
  const captionHeight = caption ? sheet.measure(caption, captionWidth, FONT_SIZE.small) : 0;
  if (!at) sheet.fit(QR_SIDE + captionHeight + 4);
  const cell = QR_SIDE / modules.length;
  const x0 = at ? at.x : sheet.left + (sheet.width - QR_SIDE) / 2;
  const y0 = at ? at.y : sheet.y;
  // A hair wider than the cell, so no white seams show between neighbouring squares.
  for (const [row, line] of modules.entries())
    for (const [col, dark] of line.entries())
      if (dark) sheet.doc.rect(x0 + col * cell, y0 + row * cell, cell + 0.05, cell + 0.05);
  sheet.doc.fillColor('#000000').fill();
  sheet.trace({ kind: 'qr', y: y0, height: QR_SIDE });
  if (caption)
    sheet.write(
      caption,
      { x: at ? x0 - GAP : sheet.left, y: y0 + QR_SIDE + 4, width: captionWidth, height: captionHeight + 1 },
      { size: FONT_SIZE.small, color: COLOR.muted, align: 'center' },
    );
  if (at) return;
  sheet.y += QR_SIDE + 4 + captionHeight + GAP;
}

/** The footer on every page, `{page}` and `{pages}` filled in, inside the bottom margin. */
function footers(sheet: Sheet, footer: string): void {
  if (footer.trim() === '') return;
  const { doc } = sheet;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const text = footer.replaceAll('{page}', String(i + 1)).replaceAll('{pages}', String(range.count));
    sheet.write(
      text,
      { x: MARGIN, y: A4.height - MARGIN + 18, width: sheet.width, height: MARGIN - 24 },
      { size: FONT_SIZE.small, color: COLOR.muted, align: 'center' },
    );
  }
}

/** The printer, in the process that has the font (the printer function, the local runtime, tests). */
export const pdfPrinter: Printer = { print: (document) => renderPdf(document) };
