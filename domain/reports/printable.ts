import * as z from 'zod';

/**
 * A document for paper, described without any layout engine: what the printer function turns into
 * a PDF. Builders in the domain say what is printed (already in the reader's language); the printer
 * decides only how it looks on the page. It crosses a Lambda boundary, so it is data with a schema.
 */
export const PrintBlock = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    text: z.string(),
  }),
  z.object({ kind: z.literal('paragraph'), text: z.string(), muted: z.boolean().optional() }),
  /**
   * A record's fields, label beside value (an activity's date, venue, lecturer…); with `qr`, the
   * QR code stands to their right (a sign-in sheet's check-in code, at the top where it is seen).
   */
  z.object({
    kind: z.literal('fields'),
    rows: z.array(z.object({ label: z.string(), value: z.string() })),
    qr: z.object({ data: z.string().min(1).max(1000), caption: z.string().optional() }).optional(),
  }),
  /**
   * A ruled table whose header repeats on every page. Columns are as wide as their content asks
   * (never narrower than their longest word, so Latin text wraps between words); `width`s are
   * shares for the room left over (they need not sum to 1). `rowHeight` leaves room to write by
   * hand (a signature column); `blankRows` appends empty ruled rows for people who come without
   * registering: a number, or `page` for at least a page's worth, down to the foot of a page.
   */
  z.object({
    kind: z.literal('table'),
    columns: z.array(z.object({ label: z.string(), width: z.number().positive() })).min(1),
    rows: z.array(z.array(z.string())),
    rowHeight: z.number().positive().optional(),
    blankRows: z.union([z.number().int().min(0).max(200), z.literal('page')]).optional(),
  }),
  /** A QR code of `data` (a check-in link), with a caption under it. */
  z.object({ kind: z.literal('qr'), data: z.string().min(1).max(1000), caption: z.string().optional() }),
  z.object({ kind: z.literal('page-break') }),
]);
export type PrintBlock = z.infer<typeof PrintBlock>;

export const Printable = z.object({
  /** The PDF's title (its metadata) and the first heading readers see. */
  title: z.string().min(1),
  /** BCP 47: the PDF's language, and which words the printer itself adds. */
  language: z.enum(['zh-CN', 'en']),
  /** Printed at the foot of every page with the page number (`{page}` and `{pages}` are filled in). */
  footer: z.string(),
  blocks: z.array(PrintBlock),
});
export type Printable = z.infer<typeof Printable>;
