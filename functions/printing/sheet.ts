/** A4 in PDF points (1/72 inch), and how the printer uses it. */
export const A4 = { width: 595.28, height: 841.89 } as const;
/** 20 mm all round: room to hole-punch a ledger page and to staple a sheet. */
export const MARGIN = 56.7;
export const FONT_SIZE = { body: 10.5, small: 9, table: 10, heading: { 1: 16, 2: 13.5, 3: 11.5 }, title: 18 };
export const COLOR = { text: '#111111', muted: '#555555', rule: '#444444', headerFill: '#eeeeee' };
/**
 * Where the printer put a thing, in points from the page's top: what a test asserts about the
 * layout (the QR code on page 1, a table's header on every page, three rows at a page's foot).
 */
export type LayoutMark =
  | { page: number; kind: 'heading' | 'qr' | 'fields' | 'paragraph'; y: number; height: number }
  | { page: number; kind: 'table-header'; y: number; height: number; widths: readonly number[] }
  | { page: number; kind: 'table-row'; y: number; height: number; index: number };

/** Space after a block. */
export const GAP = 8;

/**
 * Where the next block goes: the page's writable box and the cursor, over a pdfkit document with
 * buffered pages (the footer is written on every page at the end). Blocks ask `fit` before they
 * draw something that must not be split (a table row, a field, a QR code).
 */
export class Sheet {
  y: number;
  /** The page the cursor is on, from 1. */
  page = 1;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly traced?: (mark: LayoutMark) => void,
  ) {
    this.y = MARGIN;
  }

  /** Tells the layout's observer (tests) where something was put. */
  trace(mark: LayoutMark extends infer M ? (M extends LayoutMark ? Omit<M, 'page'> : never) : never): void {
    this.traced?.({ ...mark, page: this.page } as LayoutMark);
  }

  get left(): number {
    return MARGIN;
  }

  get width(): number {
    return A4.width - 2 * MARGIN;
  }

  /** The lowest y a block may reach (the footer lives below it, in the bottom margin). */
  get bottom(): number {
    return A4.height - MARGIN;
  }

  /** The height a fresh page offers. */
  get pageHeight(): number {
    return this.bottom - MARGIN;
  }

  remaining(): number {
    return this.bottom - this.y;
  }

  newPage(): void {
    this.doc.addPage();
    this.page += 1;
    this.y = MARGIN;
  }

  /** Starts a new page unless `height` fits below the cursor (or the page is still empty). */
  fit(height: number): void {
    if (this.y > MARGIN && height > this.remaining()) this.newPage();
  }

  /** Height of `text` wrapped to `width` at `size` (the same line breaking `write` uses). */
  measure(text: string, width: number, size: number): number {
    this.doc.fontSize(size);
    return this.doc.heightOfString(text === '' ? ' ' : text, { width, lineGap: lineGap(size) });
  }

  /** Text that may run over pages (a long paragraph): pdfkit carries it on within the margins. */
  flow(text: string, style: { size: number; color?: string }): void {
    this.fit(this.measure('一', this.width, style.size));
    this.doc
      .fontSize(style.size)
      .fillColor(style.color ?? COLOR.text)
      .text(text, this.left, this.y, { width: this.width, lineGap: lineGap(style.size) });
    this.y = this.doc.y;
  }

  /**
   * Draws `text` in a box: wrapped to `width`, cut (never carried onto a new page) at `height`.
   * pdfkit adds a page by itself when text runs past the bottom margin; a box never lets it.
   */
  write(
    text: string,
    box: { x: number; y: number; width: number; height?: number },
    style: { size: number; color?: string; align?: 'left' | 'center' | 'right' },
  ): void {
    if (text === '') return;
    this.doc
      .fontSize(style.size)
      .fillColor(style.color ?? COLOR.text)
      .text(text, box.x, box.y, {
        width: box.width,
        height: box.height ?? this.bottom - box.y,
        lineGap: lineGap(style.size),
        align: style.align ?? 'left',
        ellipsis: true,
      });
  }
}

/** CJK text reads better with a little more leading than Latin defaults give. */
export const lineGap = (size: number) => size * 0.3;
