import * as z from 'zod';
import { DEFAULT_LOCALE } from '../../../domain/reports/locale.js';
import type { PageSignIn } from '../../app/web-assets.js';
import { escapeHtml, pageCsp, pageHtml } from '../pages/page-html.js';
import { pageWording } from '../pages/wording.js';
import { checkInPageOf, pageSignInOf, webAssetOf } from '../query-cases.js';
import { readerLocale } from '../renderings.js';
import { defineRoute } from '../route.js';
import { Id } from '../schemas.js';

const html = (description: string) => ({
  status: 200,
  description,
  contentType: 'text/html; charset=utf-8',
});

/** A page for people: in their language, under the pages' own policy, never cached (it may change). */
const pageAnswer = (text: string, lang: string, signIn: PageSignIn) => ({
  status: 200,
  text,
  headers: {
    'content-security-policy': pageCsp(signIn),
    'content-language': lang,
    'cache-control': 'no-cache',
    vary: 'Accept-Language',
  },
});

const message = (heading: string, text: string) =>
  `<section class="notice"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p></section>`;

const waiting = (text: string, needsScript: string) =>
  `<p class="loading">${escapeHtml(text)}</p><noscript><p>${escapeHtml(needsScript)}</p></noscript>`;

/**
 * The pages people open on a phone or a tablet: the check-in page the sign-in sheet's QR code leads
 * to, the kiosk at the door, and the sign-in's return page; with their scripts (TypeScript from
 * `web/`, bundled by esbuild) and stylesheet. Served by the queries function, like `/docs`.
 */
export const pageRoutes = [
  defineRoute({
    method: 'GET',
    path: '/check-in/{activityId}',
    operationId: 'getCheckInPage',
    summary:
      "The check-in page the sign-in sheet's QR code opens: a signed-in resident checks in with one tap (a forged or expired code gets a page saying so)",
    tag: 'Pages',
    kind: 'public',
    roles: [],
    params: z.object({ activityId: Id }),
    query: z.object({ t: z.string().max(2048).optional().describe('The check-in ticket of the QR code') }),
    response: html('The check-in page, in the language of Accept-Language (Chinese first)'),
    async handle({ params, query, headers }, deps) {
      const lang = readerLocale(headers, DEFAULT_LOCALE);
      const w = pageWording(lang);
      const page = await checkInPageOf(deps, undefined, { activityId: params.activityId, ticket: query.t });
      const signIn: PageSignIn = page.ticket === 'valid' ? page.signIn : { kind: 'development' };
      if (page.ticket !== 'valid') {
        const said =
          page.ticket === 'expired'
            ? w.ticketExpired(w.time(page.expires, page.timeZone))
            : page.ticket === 'missing'
              ? w.ticketMissing
              : w.ticketInvalid;
        const text = pageHtml({
          lang,
          title: `${said.heading} · ${w.checkInTitle}`,
          data: { page: 'check-in', ticket: page.ticket },
          body: message(said.heading, said.text),
        });
        return pageAnswer(text, lang, signIn);
      }
      const text = pageHtml({
        lang,
        title: w.checkInTitle,
        data: {
          page: 'check-in',
          ticket: 'valid',
          activity: params.activityId,
          expires: page.expires,
          'sign-in': JSON.stringify(signIn),
        },
        script: 'check-in.js',
        body: waiting(w.loading, w.needsScript),
      });
      return pageAnswer(text, lang, signIn);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/kiosk/{activityId}',
    operationId: 'getKioskPage',
    summary:
      'A kiosk at the door, signed in once by an organizer: residents pick their name, walk-ins are added; scans made offline wait on the device and are sent when the network returns',
    tag: 'Pages',
    kind: 'public',
    roles: [],
    params: z.object({ activityId: Id }),
    response: html('The kiosk page, in the language of Accept-Language (Chinese first)'),
    async handle({ params, headers }, deps) {
      const lang = readerLocale(headers, DEFAULT_LOCALE);
      const w = pageWording(lang);
      const signIn = await pageSignInOf(deps);
      const text = pageHtml({
        lang,
        title: w.kioskTitle,
        data: { page: 'kiosk', activity: params.activityId, 'sign-in': JSON.stringify(signIn) },
        script: 'kiosk.js',
        body: waiting(w.loading, w.needsScript),
      });
      return pageAnswer(text, lang, signIn);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/signed-in',
    operationId: 'getSignedInPage',
    summary:
      'Where the sign-in (the user pool’s managed login) returns to: it takes the code, keeps the tokens in this tab and goes back to the page that asked',
    tag: 'Pages',
    kind: 'public',
    roles: [],
    query: z.object({
      code: z.string().max(2048).optional(),
      state: z.string().max(256).optional(),
      error: z.string().max(256).optional(),
      error_description: z.string().max(1024).optional(),
    }),
    response: html('The page that finishes signing in'),
    async handle({ headers }, deps) {
      const lang = readerLocale(headers, DEFAULT_LOCALE);
      const w = pageWording(lang);
      const signIn = await pageSignInOf(deps);
      const text = pageHtml({
        lang,
        title: w.signedInTitle,
        data: { page: 'signed-in', 'sign-in': JSON.stringify(signIn) },
        script: 'signed-in.js',
        body: waiting(w.loading, w.needsScript),
      });
      return pageAnswer(text, lang, signIn);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/web/{file}',
    operationId: 'getPageAsset',
    summary: "The pages' scripts (built from TypeScript) and stylesheet",
    tag: 'Pages',
    kind: 'public',
    roles: [],
    params: z.object({ file: z.string().max(64) }),
    response: {
      status: 200,
      description: 'A script of the pages',
      contentType: 'text/javascript; charset=utf-8',
      alternatives: [{ contentType: 'text/css; charset=utf-8', description: 'Their stylesheet' }],
    },
    async handle({ params }, deps) {
      const asset = await webAssetOf(deps, undefined, params);
      return {
        status: 200,
        text: asset.text,
        headers: {
          'content-type': asset.contentType,
          // Revalidated each time: a new deployment's script is taken at once (a kiosk offline keeps its copy).
          'cache-control': 'no-cache',
          // The kiosk's service worker lives here, and keeps the kiosk pages.
          ...(params.file === 'kiosk-sw.js' ? { 'service-worker-allowed': '/kiosk/' } : {}),
        },
      };
    },
  }),
];
