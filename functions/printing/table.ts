import type { PrintBlock } from '../../domain/reports/printable.js';
import { COLOR, FONT_SIZE, type Sheet } from './sheet.js';

type TableBlock = Extract<PrintBlock, { kind: 'table' }>;

const PADDING = 4;
/** A blank row with no `rowHeight` still leaves room to write a name by hand. */
const BLANK_ROW_HEIGHT = 22;
/** A table never starts, nor goes on, with fewer rows than this at the foot of a page. */
export const ROWS_AT_FOOT = 3;
/** The smallest type a table is set in to keep its words whole (still legible on A4). */
const SMALLEST_SIZE = 7;
/** pdfkit wraps a little before the measured width: a word measured to fit gets this much room more. */
const SLACK = 1;

interface Row {
  readonly cells: readonly string[];
  readonly height: number;
  readonly header?: boolean;
}

/** What the printer writes in a table with no rows and no blank rows, in the document's language. */
const NO_ROWS = { 'zh-CN': '（无）', en: '(none)' } as const;

/**
 * The pieces a line may not be broken inside: a Latin word (with its hyphens and punctuation), a
 * date or time written with digits (`2026年7月4日`, `19:00`), a single Chinese character (Chinese
 * breaks between characters). The widest of a column's pieces is as narrow as it may be.
 */
const UNBREAKABLE =
  /\d+年(?:\d+月(?:\d+日)?)?|\d+月\d+日|[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/gu;

export function unbreakablePieces(text: string): string[] {
  return text.match(UNBREAKABLE) ?? [];
}

/** What a column's content asks: its narrowest (the widest piece) and its natural width (no wrapping). */
export interface ColumnNeed {
  readonly min: number;
  readonly max: number;
  readonly share: number;
}

/**
 * Column widths in points, from what their content asks (the automatic table layout of CSS 2.1
 * §17.5.2.2, simplified): if every column's text fits on one line, each gets its natural width and
 * the room left over goes by share; else each gets at least its widest unbreakable piece and the
 * rest goes to the columns that would wrap, in proportion to how much more they want. Only when
 * the pieces alone are wider than the line (the printer sets such a table smaller first) are
 * columns narrower than a word, each by as much.
 */
export function contentWidths(needs: readonly ColumnNeed[], width: number): number[] {
  const sum = (f: (n: ColumnNeed) => number) => needs.reduce((total, n) => total + f(n), 0);
  const shares = sum((n) => n.share);
  const natural = sum((n) => n.max);
  if (natural <= width) return needs.map((n) => n.max + ((width - natural) * n.share) / shares);
  const least = sum((n) => n.min);
  if (least <= width) {
    const wants = sum((n) => n.max - n.min);
    return needs.map((n) => n.min + ((width - least) * (n.max - n.min)) / wants);
  }
  return needs.map((n) => (n.min * width) / least);
}

/** Column widths in points: each column's share of the line. */
export function columnWidths(shares: readonly number[], width: number): number[] {
  const total = shares.reduce((sum, share) => sum + share, 0);
  return shares.map((share) => (share / total) * width);
}

/** What each column of a table asks, measured in the table's font. */
function needsOf(sheet: Sheet, table: TableBlock, size: number): ColumnNeed[] {
  const { doc } = sheet;
  doc.fontSize(size);
  const widthOf = (text: string) => doc.widthOfString(text);
  return table.columns.map((column, i) => {
    const texts = [column.label, ...table.rows.map((row) => row[i] ?? '')];
    const min = Math.max(0, ...texts.flatMap((text) => unbreakablePieces(text).map(widthOf)));
    const max = Math.max(0, ...texts.flatMap((text) => text.split('\n').map(widthOf)));
    return { min: min + 2 * PADDING + SLACK, max: max + 2 * PADDING + SLACK, share: column.width };
  });
}

/**
 * A ruled table: columns sized by their content, rows as tall as their wrapped text (at least
 * `rowHeight`), never split across a page; the header row again at the top of every page the
 * table continues on, and never fewer than three rows under it at a page's foot (a page ends
 * early instead); `blankRows` empty ruled rows at the end (for people who come without
 * registering), `page` for at least a page's worth, down to a page's foot.
 */
export function drawTable(sheet: Sheet, table: TableBlock, language: keyof typeof NO_ROWS): void {
  // A table whose words alone are wider than the line is set smaller, rather than its words split.
  const fullSize = needsOf(sheet, table, FONT_SIZE.table);
  const least = fullSize.reduce((sum, need) => sum + need.min, 0);
  const size =
    least <= sheet.width
      ? FONT_SIZE.table
      : Math.max(
          SMALLEST_SIZE,
          (FONT_SIZE.table * 0.98 * (sheet.width - (2 * PADDING + SLACK) * fullSize.length)) /
            (least - (2 * PADDING + SLACK) * fullSize.length),
        );
  const widths = contentWidths(
    size === FONT_SIZE.table ? fullSize : needsOf(sheet, table, size),
    sheet.width,
  );
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
  const blank: Row = {
    cells: [],
    height: Math.min(most, Math.max(table.rowHeight ?? 0, BLANK_ROW_HEIGHT, lineHeight)),
  };
  const blankRows = table.blankRows === 'page' ? 0 : (table.blankRows ?? 0);
  for (let i = 0; i < blankRows; i += 1) rows.push(blank);

  const drawHeader = () => {
    drawRow(sheet, header, widths, size);
    sheet.trace({ kind: 'table-header', y: sheet.y - header.height, height: header.height, widths });
  };
  // The header never stands at a page's foot with fewer than three rows under it.
  // (Rows so tall that three fill a page keep only the first with the header.)
  const firstRows = rows.slice(0, ROWS_AT_FOOT).reduce((sum, row) => sum + row.height, 0);
  const together = rows.length === 0 ? lineHeight : firstRows <= most ? firstRows : rows[0]!.height;
  sheet.fit(header.height + together);
  drawHeader();
  if (rows.length === 0 && table.blankRows !== 'page') {
    drawRow(sheet, { cells: [NO_ROWS[language]], height: lineHeight }, [sheet.width], size);
    return;
  }
  let onPage = 0;
  for (const [i, row] of rows.entries()) {
    // The table's last rows go on together: when the ones left will not all fit here, they move to
    // the next page before fewer than three of them would open it (this page keeps at least three).
    const left = rows.slice(i);
    const lastFew =
      table.blankRows !== 'page' &&
      left.length <= ROWS_AT_FOOT &&
      onPage >= ROWS_AT_FOOT &&
      left.reduce((sum, r) => sum + r.height, 0) > sheet.remaining();
    if (row.height > sheet.remaining() || lastFew) {
      sheet.newPage();
      drawHeader();
      onPage = 0;
    }
    drawRow(sheet, row, widths, size);
    sheet.trace({ kind: 'table-row', y: sheet.y - row.height, height: row.height, index: i });
    onPage += 1;
  }
  if (table.blankRows === 'page') {
    // At least a page's worth of rows to write in, ending at the foot of a page.
    const perPage = Math.floor((sheet.pageHeight - header.height) / blank.height);
    let drawn = 0;
    while (drawn < perPage || blank.height <= sheet.remaining()) {
      if (blank.height > sheet.remaining()) {
        sheet.newPage();
        drawHeader();
      }
      drawRow(sheet, blank, widths, size);
      sheet.trace({
        kind: 'table-row',
        y: sheet.y - blank.height,
        height: blank.height,
        index: rows.length + drawn,
      });
      drawn += 1;
    }
  }
}

function drawRow(sheet: Sheet, row: Row, widths: readonly number[], size: number): void {
  const { doc } = sheet;
  let x = sheet.left;
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
