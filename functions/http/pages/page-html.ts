import type { Locale } from '../../../domain/reports/locale.js';
import type { PageSignIn } from '../../app/web-assets.js';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/**
 * The pages run only their own script and stylesheet (no inline script or style, no eval), call only
 * this API (and the sign-in's token endpoint), and a kiosk may keep itself in a service worker of its
 * own. test/e2e/check-in-page.e2e.spec.ts and kiosk-offline.e2e.spec.ts drive them under it.
 */
export function pageCsp(signIn: PageSignIn): string {
  const tokenOrigin = signIn.kind === 'oauth' ? ` ${new URL(signIn.tokenUrl).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${tokenOrigin}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface PageParts {
  readonly lang: Locale;
  readonly title: string;
  /** `data-*` attributes of the body: what the page's script starts from (JSON where it is structured). */
  readonly data?: Readonly<Record<string, string>>;
  /** The script that runs the page (a file of `/web/`); none for a page that only says something. */
  readonly script?: string;
  /** What the page shows before (or without) its script: already escaped HTML. */
  readonly body: string;
}

/** A page for a phone: one column, readable at 360 px, in the reader's language. */
export function pageHtml(parts: PageParts): string {
  const data = Object.entries(parts.data ?? {})
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join('');
  return `<!doctype html>
<html lang="${parts.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${escapeHtml(parts.title)}</title>
  <link rel="stylesheet" href="/web/pages.css">
  <link rel="icon" href="data:,">
</head>
<body${data}>
<main id="page">
${parts.body}
</main>
${parts.script ? `<script src="/web/${parts.script}"></script>` : ''}
</body>
</html>
`;
}
