import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { buildAsyncApi } from '../../../events/asyncapi.js';
import { appErrors } from '../../app/errors.js';
import { buildOpenApi } from '../openapi.js';
import type { Route } from '../route.js';
import { defineRoute } from '../route.js';

/**
 * Swagger UI's files, served from this deployment (no CDN): they ship beside the bundle on AWS. A Map,
 * not an object literal: `constructor` or `__proto__` in the path must not find Object.prototype.
 */
const assets = new Map<string, string>([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'text/javascript; charset=utf-8'],
]);

/** Beside the bundle (the CDK app copies them there), else the installed package (running from source). */
function assetsDirectory(): string {
  if (process.env.DOCS_ASSETS_DIR) return process.env.DOCS_ASSETS_DIR;
  const besideBundle = join(dirname(fileURLToPath(import.meta.url)), 'swagger-ui');
  if (existsSync(besideBundle)) return besideBundle;
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** The page declares an empty icon (allowed by img-src data:), so browsers do not ask for /favicon.ico and get a 404. */
const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Community Culture Ledger — API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <p><a href="/asyncapi.json">The events this API publishes on its bus (AsyncAPI 3.1)</a></p>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

/** Try-it-out is on from the start: an operation opened shows its form and Execute, no extra click. */
const init = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  tryItOutEnabled: true,
  displayRequestDuration: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'BaseLayout',
});
`;

/**
 * The docs page runs only its own files: Swagger UI's scripts and init.js (no inline script, no eval),
 * its stylesheet (React sets styles through the DOM, which style-src does not cover), its data: icons,
 * and calls to this API. test/e2e/docs-csp.e2e.spec.ts drives the page in Chromium under it.
 */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** `GET /openapi.json`, generated from the same route table and zod schemas that serve requests, and `/docs`. */
export function docsRoutes(allRoutes: () => readonly Route[]): Route[] {
  let document: unknown;
  let events: unknown;
  const cache = new Map<string, string>();
  return [
    defineRoute({
      method: 'GET',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This API as an OpenAPI 3.1 document',
      tag: 'Docs',
      kind: 'public',
      roles: [],
      response: {
        status: 200,
        description: 'OpenAPI 3.1 document',
        schema: z.record(z.string(), z.unknown()),
      },
      async handle() {
        document ??= buildOpenApi(allRoutes(), { title: 'Community Culture Ledger', version: '0.1.0' });
        return { status: 200, body: document, headers: { 'cache-control': 'public, max-age=60' } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/asyncapi.json',
      operationId: 'getAsyncApi',
      summary: 'The events this API publishes on its bus, as an AsyncAPI 3.1 document',
      tag: 'Docs',
      kind: 'public',
      roles: [],
      response: {
        status: 200,
        description: 'AsyncAPI 3.1 document: one message per event type and version',
        schema: z.record(z.string(), z.unknown()),
      },
      async handle() {
        events ??= buildAsyncApi({ version: '0.1.0', bus: 'community-culture-ledger-<stage>' });
        return { status: 200, body: events, headers: { 'cache-control': 'public, max-age=60' } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/docs',
      operationId: 'getDocs',
      summary: 'An interactive page for the OpenAPI document (get a token with `npm run token`)',
      tag: 'Docs',
      kind: 'public',
      roles: [],
      response: { status: 200, description: 'HTML page', contentType: 'text/html; charset=utf-8' },
      async handle() {
        return { status: 200, text: page, headers: { 'content-security-policy': DOCS_CSP } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/docs/init.js',
      operationId: 'getDocsInit',
      summary: "The docs page's start-up script",
      tag: 'Docs',
      kind: 'public',
      roles: [],
      response: { status: 200, description: 'JavaScript', contentType: 'text/javascript; charset=utf-8' },
      async handle() {
        return { status: 200, text: init };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/docs/assets/{file}',
      operationId: 'getDocsAsset',
      summary: "The docs page's scripts and styles",
      tag: 'Docs',
      kind: 'public',
      roles: [],
      params: z.object({ file: z.string().max(64) }),
      response: {
        status: 200,
        description: 'A script of the docs page',
        contentType: 'text/javascript; charset=utf-8',
        alternatives: [{ contentType: 'text/css; charset=utf-8', description: 'Its stylesheet' }],
      },
      async handle({ params }) {
        const type = assets.get(params.file);
        if (!type) throw appErrors.notFound(`asset ${params.file}`);
        let text = cache.get(params.file);
        if (text === undefined) {
          text = readFileSync(join(assetsDirectory(), params.file), 'utf8');
          cache.set(params.file, text);
        }
        return {
          status: 200,
          text,
          headers: { 'content-type': type, 'cache-control': 'public, max-age=3600' },
        };
      },
    }),
  ];
}
