import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { LedgerContext } from '../../../../functions/http/middleware/context.js';
import { problemFor } from '../../../../functions/http/middleware/problem.js';
import { requestParsing } from '../../../../functions/http/middleware/request-parsing.js';
import type { Route } from '../../../../functions/http/route.js';

/**
 * What a request must look like before a route sees it (API.md conventions): a JSON body (415
 * otherwise, 400 when it does not parse), `If-Match: "<version>"` on commands, path and query
 * validated with the pipeline's own `consistentWith` set aside, base64 bodies from API Gateway.
 */

const Body = z.object({ name: z.string() }).strict();
const Query = z.object({ limit: z.coerce.number().int().max(500).optional() }).strict();
const Params = z.object({ id: z.string().regex(/^[A-Z]+$/) });

interface Sent {
  readonly kind?: 'command' | 'query';
  readonly body?: string;
  readonly base64?: boolean;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly params?: Record<string, string>;
  readonly withBody?: boolean;
}

async function parse(sent: Sent) {
  const kind = sent.kind ?? 'command';
  const route = {
    kind,
    params: Params,
    query: Query,
    ...(sent.withBody === false || kind === 'query' ? {} : { body: Body }),
  } as unknown as Route;
  const request = {
    event: {
      headers: sent.headers ?? { 'content-type': 'application/json' },
      body: sent.body,
      isBase64Encoded: sent.base64 ?? false,
      queryStringParameters: sent.query,
    } as unknown as APIGatewayProxyEventV2,
    context: {
      ledger: { correlationId: 'c', match: { route, params: sent.params ?? { id: 'ABC' } } },
    } as unknown as LedgerContext,
  };
  try {
    await requestParsing().before!(request as never);
    return request.context.ledger.input!;
  } catch (error) {
    const problem = problemFor(error);
    return { status: problem.status, code: problem.code, errors: problem.errors };
  }
}

const json = (value: unknown) => JSON.stringify(value);

describe('a command’s body is JSON', () => {
  it('takes application/json and +json media types, with parameters, in any case', async () => {
    for (const type of [
      'application/json',
      'application/merge-patch+json',
      'Application/JSON; charset=utf-8',
    ])
      expect(
        await parse({ body: json({ name: 'x' }), headers: { 'content-type': type } }),
        type,
      ).toMatchObject({
        body: { name: 'x' },
      });
    // No Content-Type at all is read as JSON.
    expect(await parse({ body: json({ name: 'x' }), headers: {} })).toMatchObject({ body: { name: 'x' } });
  });

  it('refuses any other media type with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'text/application/json', 'application/jsonx'])
      expect(
        await parse({ body: json({ name: 'x' }), headers: { 'content-type': type } }),
        type,
      ).toMatchObject({
        status: 415,
        code: 'unsupported-media-type',
      });
  });

  it('refuses a body that is not JSON (400 malformed-json), and reads an empty one as no body', async () => {
    expect(await parse({ body: '{"name":' })).toMatchObject({ status: 400, code: 'malformed-json' });
    expect(await parse({ body: '   ' })).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(await parse({})).toMatchObject({ status: 400, code: 'validation-failed' });
  });

  it('decodes a base64 body as API Gateway sends one', async () => {
    const body = Buffer.from(json({ name: '李娜' })).toString('base64');
    expect(await parse({ body, base64: true })).toMatchObject({ body: { name: '李娜' } });
  });

  it('names the body’s bad fields under "body"', async () => {
    expect(await parse({ body: json({ name: 3 }) })).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'body.name' })],
    });
  });
});

describe('path and query', () => {
  it('validates them, naming the place of each bad value', async () => {
    expect(await parse({ body: json({ name: 'x' }), params: { id: 'abc' } })).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'path.id' })],
    });
    expect(await parse({ body: json({ name: 'x' }), query: { limit: '900' } })).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'query.limit' })],
    });
  });

  it('sets consistentWith aside for the pipeline and passes the route its own parameters, parsed', async () => {
    expect(await parse({ kind: 'query', query: { limit: '20', consistentWith: 'p' } })).toEqual({
      params: { id: 'ABC' },
      query: { limit: 20 },
      body: undefined,
      expectedVersion: undefined,
    });
  });
});

describe('If-Match on a command', () => {
  const withIfMatch = (value: string, kind: 'command' | 'query' = 'command') =>
    parse({
      kind,
      body: json({ name: 'x' }),
      headers: { 'content-type': 'application/json', 'if-match': value },
    });

  it('reads "<version>", a weak W/"<version>" and a bare number', async () => {
    expect(await withIfMatch('"3"')).toMatchObject({ expectedVersion: 3 });
    expect(await withIfMatch(' W/"12" ')).toMatchObject({ expectedVersion: 12 });
    expect(await withIfMatch('7')).toMatchObject({ expectedVersion: 7 });
    expect(await parse({ body: json({ name: 'x' }) })).toMatchObject({ expectedVersion: undefined });
  });

  it('refuses anything else with 400 invalid-if-match', async () => {
    for (const value of ['"v3"', '*', '"3" extra', 'W/', '"-1"', 'x"3"'])
      expect(await withIfMatch(value), value).toMatchObject({ status: 400, code: 'invalid-if-match' });
  });

  it('is not read on a query', async () => {
    expect(await withIfMatch('nonsense', 'query')).toMatchObject({ expectedVersion: undefined });
  });
});
