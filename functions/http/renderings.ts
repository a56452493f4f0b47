import { type Locale, negotiateLocale } from '../../domain/reports/locale.js';
import type { RouteResponse } from './route.js';

/** A request header, whatever case the client (or API Gateway) gave its name. */
export function headerOf(
  headers: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The rendering an `Accept` header asks for among those a route offers (the first offered wins a tie). */
export function acceptedType<T extends string>(
  headers: Readonly<Record<string, string | undefined>>,
  offered: readonly T[],
  fallback: T,
): T {
  const accept = headerOf(headers, 'accept') ?? '';
  let best: { type: T; q: number } | undefined;
  for (const part of accept.split(',').slice(0, 32)) {
    const [range = '', ...params] = part.split(';');
    const type = range.trim().toLowerCase();
    const q = Number(params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean) ?? 1);
    const match = offered.find((o) => o === type);
    if (match && q > 0 && (!best || q > best.q)) best = { type: match, q };
  }
  return best?.type ?? fallback;
}

/** The reader's language: `Accept-Language`, else the plan's locale. */
export const readerLocale = (
  headers: Readonly<Record<string, string | undefined>>,
  fallback: Locale,
): Locale => negotiateLocale(headerOf(headers, 'accept-language'), fallback);

/** A PDF answer: shown in the browser, saved under an ASCII name, never cached (it names people). */
export const pdfAnswer = (bytes: Uint8Array, filename: string, locale: Locale): RouteResponse => ({
  status: 200,
  bytes,
  headers: {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'content-language': locale,
    'cache-control': 'no-store',
    vary: 'Accept, Accept-Language',
  },
});

/** A text rendering for people, in their language. */
export const textAnswer = (text: string, contentType: string, locale: Locale): RouteResponse => ({
  status: 200,
  text,
  headers: {
    'content-type': `${contentType}; charset=utf-8`,
    'content-language': locale,
    vary: 'Accept, Accept-Language',
  },
});
