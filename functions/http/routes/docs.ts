import { z } from 'zod';
import { buildOpenApi } from '../openapi.js';
import type { Route } from '../route.js';
import { defineRoute } from '../route.js';

/** `GET /openapi.json`, generated from the same route table and zod schemas that serve requests. */
export function docsRoutes(allRoutes: () => readonly Route[]): Route[] {
  let document: unknown;
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
  ];
}
