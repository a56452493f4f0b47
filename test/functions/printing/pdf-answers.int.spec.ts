import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { printThrough } from '../../../functions/app/printer.js';
import type { HttpDependencies } from '../../../functions/http/dependencies.js';
import { buildOpenApi } from '../../../functions/http/openapi.js';
import { createHttpHandler } from '../../../functions/http/pipeline.js';
import { defineRoute } from '../../../functions/http/route.js';
import { routes } from '../../../functions/http/routes/index.js';
import { create as createPrinter } from '../../../functions/printing/printer.handler.js';
import { createLocalServer, listen } from '../../../infra/local/server.js';
import { signInSheet } from './documents.js';
import { pdfText, pdftotextAvailable } from './pdf-tools.js';

/** A route that answers a PDF, the way the lead's printable routes will: JSON by default, PDF on `Accept`. */
const sheetRoute = defineRoute({
  method: 'GET',
  path: '/printing-test/sheet',
  operationId: 'printTestSheet',
  summary: 'A sign-in sheet as JSON, or as a PDF to print (Accept: application/pdf)',
  tag: 'Reports',
  kind: 'query',
  roles: ['organizer'],
  response: {
    status: 200,
    description: 'The sheet',
    schema: z.object({ title: z.string() }),
    alternatives: [
      { contentType: 'application/pdf', description: 'With `Accept: application/pdf`: to print' },
    ],
  },
  async handle({ headers }, deps) {
    if (!/application\/pdf/.test(headers.accept ?? ''))
      return { status: 200, body: { title: signInSheet.title } };
    return {
      status: 200,
      bytes: await deps.printer.print(signInSheet),
      headers: { 'content-type': 'application/pdf', 'content-disposition': 'inline; filename="sheet.pdf"' },
    };
  },
});

/** Only what a query route's pipeline touches: a caller, no recent writes, the printer function's handler. */
const deps = {
  logger: new Logger({ logLevel: 'SILENT' }),
  authenticator: { authenticate: async () => ({ sub: 'u-1', roles: ['organizer'], community: 'demo' }) },
  sessions: { recent: async () => [], record: async () => undefined },
  consistencyWaitMs: 0,
  printer: printThrough(createPrinter()),
} as unknown as HttpDependencies;

const handler = createHttpHandler([sheetRoute], deps);
const event = (accept: string) =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath: '/printing-test/sheet',
    rawQueryString: '',
    headers: { accept, authorization: 'Bearer x' },
    requestContext: { http: { method: 'GET', path: '/printing-test/sheet' }, requestId: 'r-1' },
    isBase64Encoded: false,
  }) as never;
const context = { functionName: 'queries', awsRequestId: 'r-1' } as Context;

describe('binary answers (a PDF) through the HTTP pipeline', () => {
  it('leaves the function base64-encoded with isBase64Encoded, its content type and the security headers', async () => {
    const answer = (await handler(event('application/pdf'), context)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded?: boolean;
    };
    expect(answer.statusCode).toBe(200);
    expect(answer.isBase64Encoded).toBe(true);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-correlation-id']).toBeTruthy();
    expect(Buffer.from(answer.body, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // The JSON rendering is unchanged.
    const json = (await handler(event('application/json'), context)) as {
      body: string;
      isBase64Encoded?: boolean;
    };
    expect(json.isBase64Encoded).toBeUndefined();
    expect(JSON.parse(json.body)).toEqual({ title: signInSheet.title });
  });

  describe('through the local server (as API Gateway decodes it)', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createLocalServer([sheetRoute], { commands: handler, queries: handler });
      url = await listen(server, 0);
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it.runIf(pdftotextAvailable())('answers the PDF bytes themselves, which read back', async () => {
      const response = await fetch(`${url}/printing-test/sheet`, {
        headers: { accept: 'application/pdf', authorization: 'Bearer x' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const pdf = new Uint8Array(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length') ?? pdf.length)).toBe(pdf.length);
      expect(pdfText(pdf)).toContain(signInSheet.title);
    });
  });
});

describe('a PDF rendering in the OpenAPI document', () => {
  const document = buildOpenApi([...routes, sheetRoute], {
    title: 'Community Culture Ledger',
    version: '1.0.0',
  });

  it('is declared as binary (OpenAPI 3.1 contentMediaType, and format: binary for 3.0 tools)', () => {
    const content = (
      document.paths['/printing-test/sheet']!.get as {
        responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>;
      }
    ).responses['200']!.content;
    expect(content['application/pdf']!.schema).toEqual({
      type: 'string',
      format: 'binary',
      contentMediaType: 'application/pdf',
      description: 'With `Accept: application/pdf`: to print',
    });
    // Text renderings stay plain strings.
    const report = (
      document.paths['/reports/{planId}']!.get as {
        responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>;
      }
    ).responses['200']!.content;
    expect(report['text/csv']!.schema.format).toBeUndefined();
  });

  it('lints clean with Redocly and Spectral', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccl-openapi-pdf-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const run = (tool: string, args: string[]) => {
      const result = spawnSync(join('node_modules', '.bin', tool), args, { encoding: 'utf8' });
      return { code: result.status, out: `${result.stdout}${result.stderr}` };
    };
    const redocly = run('redocly', ['lint', file, '--format=summary']);
    expect(redocly.out).toMatch(/Your API description is valid/);
    expect(redocly.out).not.toMatch(/You have \d+ warnings?|^(warning|error) /m);
    writeFileSync(join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
    const spectral = run('spectral', [
      'lint',
      file,
      '--ruleset',
      join(dir, '.spectral.yaml'),
      '--fail-severity',
      'hint',
    ]);
    expect(spectral.out).toMatch(/No results with a severity of 'hint' or higher found!/);
  }, 120_000);
});
