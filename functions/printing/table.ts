import type { PrintBlock } from '../../domain/reports/printable.js';
import { COLOR, FONT_SIZE, type Sheet } from './sheet.js';

type TableBlock = Extract<PrintBlock, { kind: 'table' }>;

const PADDING = 4;
/** A blank row with no `rowHeight` still leaves room to write a name by hand. */
const BLANK_ROW_HEIGHT = 22;

interface Row {
  readonly cells: readonly string[];
  readonly height: number;
  readonly header?: boolean;
}

/** What the printer writes in a table with no rows and no blank rows, in the document's language. */
const NO_ROWS = { 'zh-CN': '（无）', en: '(none)' } as const;

/** Column widths in points: each column's share of the line. */
export function columnWidths(shares: readonly number[], width: number): number[] {
  const total = shares.reduce((sum, share) => sum + share, 0);
  return shares.map((share) => (share / total) * width);
}

/**
 * A ruled table: rows as tall as their wrapped text (at least `rowHeight`), never split across a
 * page; the header row again at the top of every page the table continues on; `blankRows` empty
 * ruled rows at the end (for people who come without registering).
 */
export function drawTable(sheet: Sheet, table: TableBlock, language: keyof typeof NO_ROWS): void {
  const widths = columnWidths(
    table.columns.map((column) => column.width),
    sheet.width,
  );
  const size = FONT_SIZE.table;
  const lineHeight = sheet.measure('一', 100, size) + 2 * PADDING;
  // A row is never taller than what a page holds under the header (its text is cut, with an ellipsis).
  const heightOf = (cells: readonly string[], minimum: number, most: number) =>
    Math.min(
      most,
      Math.max(
        minimum,
        lineHeight,
        ...cells.map(
          (cell, i) => (cell ? sheet.measure(cell, widths[i]! - 2 * PADDING, size) : 0) + 2 * PADDING,
        ),
      ),
    );
  const header: Row = {
    cells: table.columns.map((column) => column.label),
    height: heightOf(
      table.columns.map((column) => column.label),
      0,
      sheet.pageHeight / 4,
    ),
    header: true,
  };
  const most = sheet.pageHeight - header.height;
  const rows: Row[] = table.rows.map((cells) => ({
    cells,
    height: heightOf(cells, table.rowHeight ?? 0, most),
  }));
  const blank = Math.min(most, Math.max(table.rowHeight ?? 0, BLANK_ROW_HEIGHT, lineHeight));
  for (let i = 0; i < (table.blankRows ?? 0); i += 1) rows.push({ cells: [], height: blank });

  // The header never stands alone at the foot of a page.
  sheet.fit(header.height + (rows[0]?.height ?? lineHeight));
  drawRow(sheet, header, widths);
  if (rows.length === 0) {
    drawRow(sheet, { cells: [NO_ROWS[language]], height: lineHeight }, [sheet.width]);
    return;
  }
  for (const row of rows) {
    if (row.height > sheet.remaining()) {
      sheet.newPage();
      drawRow(sheet, header, widths);
    }
    drawRow(sheet, row, widths);
  }
}

function drawRow(sheet: Sheet, row: Row, widths: readonly number[]): void {
  const { doc } = sheet;
  let x = sheet.left;
  const size = FONT_SIZE.table;
  for (const [i, width] of widths.entries()) {
    if (row.header) doc.rect(x, sheet.y, width, row.height).fillColor(COLOR.headerFill).fill();
    doc.lineWidth(0.6).rect(x, sheet.y, width, row.height).strokeColor(COLOR.rule).stroke();
    const text = row.cells[i] ?? '';
    if (text) {
      const inner = width - 2 * PADDING;
      const textHeight = Math.min(sheet.measure(text, inner, size), row.height - 2 * PADDING);
      // Vertically centred: a name sits in the middle of a tall signature row.
      sheet.write(
        text,
        {
          x: x + PADDING,
          y: sheet.y + (row.height - textHeight) / 2,
          width: inner,
          height: textHeight + 1,
        },
        { size, align: row.header ? 'center' : 'left' },
      );
    }
    x += width;
  }
  sheet.y += row.height;
}
