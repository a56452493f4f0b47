import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { LedgerContext } from '../../../../functions/http/middleware/context.js';
import { problemFor } from '../../../../functions/http/middleware/problem.js';
import { requestParsing } from '../../../../functions/http/middleware/request-parsing.js';
import type { Route } from '../../../../functions/http/route.js';

/** Runs only the parsing middleware on a raw JSON body for a command whose body is `schema`. */
async function parse(schema: z.ZodType, raw: string) {
  const route = { kind: 'command', body: schema } as unknown as Route;
  const request = {
    event: {
      headers: { 'content-type': 'application/json' },
      body: raw,
    } as unknown as APIGatewayProxyEventV2,
    context: { ledger: { correlationId: 'c', match: { route, params: {} } } } as unknown as LedgerContext,
    response: undefined,
    error: undefined,
    internal: {},
  };
  try {
    await requestParsing().before!(request as never);
    return { body: request.context.ledger.input!.body };
  } catch (error) {
    return { problem: problemFor(error) };
  }
}

describe('the parsing layer refuses keys it would otherwise drop (issue 14)', () => {
  it('an unknown key is refused with 400 even where a schema forgot .strict()', async () => {
    const loose = z.object({ name: z.string(), partyMember: z.boolean().optional() });
    const answer = await parse(loose, '{"name":"Li","partymember":true}');
    expect(answer.problem).toMatchObject({
      status: 400,
      code: 'validation-failed',
      errors: [{ path: 'body.partymember', message: 'unknown key' }],
    });
    const nested = z.object({ leader: z.object({ name: z.string() }) });
    expect((await parse(nested, '{"leader":{"name":"Li","emial":"x"}}')).problem).toMatchObject({
      errors: [{ path: 'body.leader.emial' }],
    });
  });

  it('"__proto__" inside a record is refused with 400, not dropped', async () => {
    const scores = z.object({ scores: z.record(z.string(), z.number()) }).strict();
    expect((await parse(scores, '{"scores":{"__proto__":5,"virtue":7}}')).problem).toMatchObject({
      status: 400,
      errors: [{ path: 'body.scores.__proto__' }],
    });
  });

  it('constructor.prototype is refused wherever it is nested; a criterion called "constructor" is not', async () => {
    const anything = z.object({ scores: z.record(z.string(), z.unknown()) }).strict();
    expect(
      (await parse(anything, '{"scores":{"a":[{"constructor":{"prototype":{"polluted":true}}}]}}')).problem,
    ).toMatchObject({ status: 400, errors: [{ path: 'body.scores.a.0.constructor' }] });
    expect(await parse(anything, '{"scores":{"constructor":5}}')).toEqual({
      body: { scores: { constructor: 5 } },
    });
  });

  it('walks a body nested deeper than the call stack without failing', async () => {
    const deep = `{"scores":{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`;
    const anything = z.object({ scores: z.record(z.string(), z.unknown()) }).strict();
    const answer = await parse(anything, deep);
    expect(answer.problem?.status ?? 200).toBeLessThan(500);
  });

  it('leaves defaults and the values zod trims alone', async () => {
    const schema = z.object({ title: z.string().trim(), max: z.number().default(10) }).strict();
    expect(await parse(schema, '{"title":"  x "}')).toEqual({ body: { title: 'x', max: 10 } });
  });
});
