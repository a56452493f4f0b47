import type { Locale } from '../../events/index.js';

export { Locale, locales } from '../../events/index.js';

/** The committee works in Chinese: a plan that names no locale mails its reports in it. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The supported locale a language tag asks for: any Chinese tag reads Simplified Chinese, any English one English. */
function supported(tag: string): Locale | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The locale an `Accept-Language` header prefers (RFC 9110 §12.5.4: quality values, `*`), or the
 * fallback (the plan's locale) when it names none we have. A malformed header is read as absent.
 */
export function negotiateLocale(acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (!acceptLanguage) return fallback;
  const ranges = acceptLanguage
    .split(',')
    .slice(0, 32)
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.tag !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const range of ranges) {
    if (range.tag === '*') return fallback;
    const locale = supported(range.tag);
    if (locale) return locale;
  }
  return fallback;
}
