import fc from 'fast-check';
import * as z from 'zod';
import type { Route } from '../../functions/http/route.js';
import type { RawRequest } from './in-process.js';

type JsonSchema = Record<string, unknown>;

/** What the seeded ledger holds, for requests that reach past validation into the domain. */
export interface FuzzPools {
  /** The seeded plan's year: dates are drawn around it. */
  readonly year: number;
  /** Ids that exist, by kind (`resident`, `plan`, …); any kind may still land anywhere, and should. */
  readonly ids: Readonly<Record<string, readonly string[]>>;
  readonly streamIds: readonly string[];
  /** Criterion keys of the seeded round, so some scores name real criteria. */
  readonly criterionKeys: readonly string[];
  /** Positions commands answered, in this community and another. */
  readonly positions: readonly string[];
  /** Cursors list routes answered. */
  readonly cursors: readonly string[];
  /** `Authorization` values: valid tokens of this community by role, then every kind of bad one. */
  readonly authorizations: Readonly<Record<string, readonly string[]>>;
  readonly badAuthorizations: readonly (string | undefined)[];
}

/** Which kind of id a parameter or field names, by its name (`residentId`, `judges`, `nominatedBy`…). */
function kindOf(name: string): string | undefined {
  if (/plan/i.test(name)) return 'plan';
  if (/resident|author|judge|nominatedBy|consentBy/i.test(name)) return 'resident';
  if (/activit/i.test(name)) return 'activity';
  if (/article/i.test(name)) return 'article';
  if (/round/i.test(name)) return 'round';
  if (/nomination/i.test(name)) return 'nomination';
  return undefined;
}

/** Mostly an id of the kind the name asks for, sometimes any id we issued, sometimes one nobody did. */
function idFor(name: string, pools: FuzzPools): fc.Arbitrary<string> {
  const all = Object.values(pools.ids).flat();
  const kind = kindOf(name);
  const own = kind ? (pools.ids[kind] ?? []) : [];
  return fc.oneof(
    { weight: own.length > 0 ? 12 : 0, arbitrary: fc.constantFrom(...(own.length > 0 ? own : all)) },
    { weight: 2, arbitrary: fc.constantFrom(...all) },
    { weight: 1, arbitrary: fc.ulid() },
  );
}

const ULID = '^[0-9A-HJKMNP-TV-Z]{26}$';

/** Path segments that break naive decoding, lookups or traversal; put in the path as they are. */
const hostileSegments = [
  '%zz',
  '%',
  '%E0%A4',
  '%E0%A4%A',
  '%00',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '%C0%AF',
  '%FF',
  '%uD800',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'prototype',
  'A'.repeat(3_000),
  '%F0%9F%98%80',
  'demo%23resident%23x',
  '%23',
  '-1',
  '0',
  'null',
  'undefined',
] as const;

/** Values that are wrong in shape, size or type wherever a string or number is expected. */
const hostileValues: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  -0,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  '',
  ' ',
  '\u0000',
  'x'.repeat(20_000),
  '=HYPERLINK("http://evil.example")',
  '__proto__',
  [],
  {},
  [1, 'a', null],
  { __proto__: null, nested: { deep: [1, 2, 3] } },
  '2026-02-30',
  '2026-04-20T25:00:00+08:00',
  '99999-01-01',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
];

/** Query values the same: numbers too large, negative, not numbers, dates that do not exist. */
const hostileQueryValues = [
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  '99999999999999999999999',
  '1.5',
  'true',
  '2026-13-01',
  '2026-02-30',
  '9999-Q9',
  '2026-Q5',
  '2026-00',
  '__proto__',
  'constructor',
  'x'.repeat(5_000),
  'ZZZZZZZZZZZZZZZZZZZZZZZZZZ',
  '00000000000000000000000000',
  '7ZZZZZZZZZZZZZZZZZZZZZZZZZ',
  '%zz',
  'a,b',
  '\u0000',
] as const;

/** `arbitrary` one time in `oneIn`, else null (fc.option's `freq` is the chance of null, the other way round). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors and positions taken apart and put back wrong. */
function tamperedTokens(real: readonly string[]): fc.Arbitrary<string> {
  const decoded = real.map((token) => {
    try {
      return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  });
  return fc.oneof(
    fc.constantFrom(
      base64url({ gsi1pk: 'demo#residents' }),
      base64url({ pk: 'demo#x', sk: 'x' }),
      base64url({ pk: '', sk: '', gsi1pk: '', gsi1sk: '' }),
      base64url(['demo#resident#x', 1]),
      base64url(['demo', 1]),
      base64url(['other#resident#01ARZ3NDEKTSV4RRFFQ69G5FAV', 1]),
      base64url(['demo#resident#01ARZ3NDEKTSV4RRFFQ69G5FAV', 2 ** 40]),
      base64url([null, null]),
      base64url(null),
      base64url('x'),
      'not-base64!',
      '%zz',
      '',
      'A'.repeat(3_000),
    ),
    fc
      .tuple(fc.constantFrom(...decoded.filter((d) => typeof d === 'object' && d !== null)), fc.jsonValue())
      .map(([value, junk]) =>
        base64url(Array.isArray(value) ? [value[0], junk] : { ...(value as object), sk: junk }),
      ),
  );
}

/** Valid values for a JSON Schema from our zod schemas, drawn from the pools where ids are expected. */
function fromSchema(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  pools: FuzzPools,
  name = '',
): fc.Arbitrary<unknown> {
  const ref = schema.$ref as string | undefined;
  if (ref) return fromSchema(components[ref.split('/').pop()!]!, components, pools, name);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as JsonSchema[] | undefined;
    if (options) return fc.oneof(...options.map((option) => fromSchema(option, components, pools, name)));
  }
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case 'string': {
      const pattern = schema.pattern as string | undefined;
      if (pattern === ULID) return idFor(name, pools);
      if (schema.format === 'email')
        return fc.constantFrom('li.wei@example.org', 'a@b.cn', 'x+y@mail.example.com');
      if (pattern === '^\\d{4}-\\d{2}-\\d{2}$') return datesAround(pools.year).dates;
      if (Array.isArray(schema.examples)) return datesAround(pools.year).dateOrDateTime;
      if (pattern) return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length <= 200);
      const min = (schema.minLength as number | undefined) ?? 0;
      const max = Math.min((schema.maxLength as number | undefined) ?? 40, 40);
      return fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' });
    }
    case 'integer':
      return fc.integer({
        min: (schema.minimum as number | undefined) ?? -1_000,
        max: (schema.maximum as number | undefined) ?? 1_000,
      });
    case 'number': {
      const min =
        (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum as number | undefined) ?? -1_000;
      const max = (schema.maximum as number | undefined) ?? 1_000;
      return fc
        .double({ min, max, noNaN: true, noDefaultInfinity: true })
        .filter((n) => n !== schema.exclusiveMinimum);
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema((schema.items as JsonSchema | undefined) ?? {}, components, pools, name), {
        minLength: (schema.minItems as number | undefined) ?? 0,
        maxLength: Math.min((schema.maxItems as number | undefined) ?? 4, 4),
      });
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
        const value = fromSchema(schema.additionalProperties as JsonSchema, components, pools, name);
        const key = fc.oneof(fc.constantFrom(...pools.criterionKeys), fc.string({ maxLength: 12 }));
        return fc.dictionary(key, value, { maxKeys: 4 });
      }
      const arbitraries = Object.fromEntries(
        Object.entries(properties).map(([key, property]) => [
          key,
          fromSchema(property, components, pools, key),
        ]),
      );
      return fc.record(arbitraries, { requiredKeys: (schema.required as string[] | undefined) ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Dates and date-times from a month before the year to a month after it. */
function datesAround(year: number) {
  const instants = fc.date({
    min: new Date(Date.UTC(year - 1, 11, 1)),
    max: new Date(Date.UTC(year + 1, 0, 31)),
    noInvalidDate: true,
  });
  const dates = instants.map((d) => d.toISOString().slice(0, 10));
  return {
    dates,
    dateOrDateTime: fc.oneof(
      dates,
      instants.map((d) => `${d.toISOString().slice(0, 19)}+08:00`),
    ),
  };
}

/** `from` in or just after the year, `to` 1 to 400 days before it, as dates or date-times. */
function backwardRange(year: number): fc.Arbitrary<{ from: string; to: string }> {
  const DAY = 86_400_000;
  return fc
    .tuple(
      fc.date({
        min: new Date(Date.UTC(year, 0, 1)),
        max: new Date(Date.UTC(year + 1, 0, 31)),
        noInvalidDate: true,
      }),
      fc.integer({ min: 1, max: 400 }),
      fc.boolean(),
    )
    .map(([from, days, asDates]) => {
      const to = new Date(from.getTime() - days * DAY);
      const text = (d: Date) => (asDates ? d.toISOString().slice(0, 10) : d.toISOString());
      return { from: text(from), to: text(to) };
    });
}

function jsonSchemaOf(schema: z.ZodType | undefined): {
  json: JsonSchema;
  components: Record<string, JsonSchema>;
} {
  if (!schema) return { json: {}, components: {} };
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  const components = (json.$defs ?? {}) as Record<string, JsonSchema>;
  const relinked = JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/')) as JsonSchema;
  return { json: relinked, components };
}

/** A valid body, then broken the ways a client or an attacker breaks one. */
function bodies(route: Route, pools: FuzzPools): fc.Arbitrary<{ body?: string; isBase64Encoded?: boolean }> {
  const { json, components } = jsonSchemaOf(route.body);
  const valid = route.body ? fromSchema(json, components, pools) : fc.constant({});
  const object = valid.map((v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? v : { value: v },
  );
  const mutated = fc.oneof(
    fc
      .tuple(object, fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([v, k, junk]) => ({ ...v, [k || 'extra']: junk })),
    fc.tuple(object, fc.constantFrom(...hostileValues)).map(([v, bad]) => {
      const keys = Object.keys(v);
      return keys.length > 0 ? { ...v, [keys[bad === null ? 0 : keys.length - 1]!]: bad } : { bad };
    }),
    fc
      .tuple(object, fc.constantFrom(...hostileValues))
      .map(([v, bad]) =>
        Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'object' ? bad : x])),
      ),
  );
  const text = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((v) => JSON.stringify(v));
  const prototypeKeys = valid.map((v) => {
    const inner = JSON.stringify(v);
    return inner.startsWith('{') && inner.length > 2
      ? `{"__proto__":{"polluted":true},${inner.slice(1)}`
      : '{"__proto__":{"polluted":true}}';
  });
  const scoresWithProto = fc.constantFrom(
    '{"scores":{"__proto__":5}}',
    '{"scores":{"constructor":{"prototype":{"x":1}}}}',
    '{"scores":{"toString":3,"valueOf":2,"hasOwnProperty":1}}',
  );
  const hugeNumbers = valid.map((v) =>
    JSON.stringify(v)
      .replace(/(:)(-?\d+(\.\d+)?)/, '$11e400')
      .replace(/(:)(-?\d+)(?=[,}])/, '$1123456789012345678901234567890'),
  );
  const raw = fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '1',
    '"text"',
    'true',
    '{',
    '{"a":',
    '{"a":1}}',
    "{'a':1}",
    '\u0000',
    '\uFEFF{}',
    `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
    '{"a":1,"a":2}',
  );
  const asBody = (arbitrary: fc.Arbitrary<string>) => arbitrary.map((body) => ({ body }));
  return fc.oneof(
    { weight: 16, arbitrary: asBody(text(valid)) },
    { weight: 4, arbitrary: asBody(text(mutated)) },
    { weight: 1, arbitrary: asBody(prototypeKeys) },
    { weight: 1, arbitrary: asBody(scoresWithProto) },
    { weight: 1, arbitrary: asBody(hugeNumbers) },
    { weight: 2, arbitrary: asBody(raw) },
    {
      weight: 1,
      arbitrary: text(valid).map((body) => ({
        body: Buffer.from(body).toString('base64'),
        isBase64Encoded: true,
      })),
    },
    { weight: 1, arbitrary: fc.constant({ body: '!!not base64!!', isBase64Encoded: true }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

/** A path for the route: its template filled with real ids, random ones, or segments that break things. */
function paths(route: Route, pools: FuzzPools): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const segment = (name: string) => {
    const real =
      name === 'streamId'
        ? fc.constantFrom(...pools.streamIds)
        : name === 'file'
          ? fc.constantFrom('swagger-ui.css', 'swagger-ui-bundle.js', 'init.js', 'x.js')
          : idFor(name, pools);
    return fc.oneof(
      { weight: 24, arbitrary: real.map(encodeURIComponent) },
      { weight: 2, arbitrary: fc.constantFrom(...hostileSegments) },
      {
        weight: 1,
        arbitrary: fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).map(encodeURIComponent),
      },
    );
  };
  const filled = fc.tuple(...names.map(segment)).map((values) => {
    let i = 0;
    return route.path.replace(/\{\w+\}/g, () => values[i++]!);
  });
  return fc.oneof(
    { weight: 30, arbitrary: filled },
    { weight: 1, arbitrary: filled.map((p) => `${p}/`) },
    { weight: 1, arbitrary: filled.map((p) => `${p}//x`) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...hostileSegments)
        .map((s) => `${route.path.split('/').slice(0, 2).join('/')}/${s}`),
    },
  );
}

function queries(route: Route, pools: FuzzPools): fc.Arbitrary<Record<string, string>> {
  const { json, components } = jsonSchemaOf(route.query);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const valueFor = (name: string, property: JsonSchema): fc.Arbitrary<string> => {
    if (name === 'cursor') return fc.oneof(fc.constantFrom(...pools.cursors), tamperedTokens(pools.cursors));
    const valid =
      name === 'period'
        ? fc.constantFrom(
            `${pools.year}`,
            `${pools.year}-Q2`,
            `${pools.year}-05`,
            `${pools.year}-Q4`,
            `${pools.year - 1}`,
          )
        : name === 'asOf'
          ? datesAround(pools.year).dateOrDateTime
          : fromSchema(property, components, pools, name).map(String);
    return fc.oneof(
      { weight: 8, arbitrary: valid },
      { weight: 1, arbitrary: fc.constantFrom(...hostileQueryValues) },
    );
  };
  const own = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, valueFor(name, property)]),
    ),
    { requiredKeys: [] },
  );
  // A range that ends before it starts, by a day to over a year: drawn apart, `from` and `to` rarely
  // land more than a month the wrong way round on the same request (issue 24's 500 did).
  const backwards =
    'from' in properties && 'to' in properties ? sometimes(backwardRange(pools.year), 4) : fc.constant(null);
  const consistentWith = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pools.positions) },
    { weight: 1, arbitrary: tamperedTokens(pools.positions) },
  );
  return fc
    .tuple(
      own,
      sometimes(consistentWith, 8),
      sometimes(
        fc.tuple(
          fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', 'limit', 'cursor'),
          fc.constantFrom(...hostileQueryValues),
        ),
        10,
      ),
      backwards,
    )
    .map(([values, position, extra, range]) => {
      // Null-prototype, as API Gateway's parsed query would be built from arbitrary names.
      const query: Record<string, string> = Object.create(null);
      Object.assign(query, values);
      // Without a cursor, which names another list more often than not and is refused before the read.
      if (range !== null) {
        Object.assign(query, range);
        delete query.cursor;
      }
      if (position !== null) query.consistentWith = position;
      if (extra !== null)
        Object.defineProperty(query, extra[0], { value: extra[1], enumerable: true, writable: true });
      return { ...query };
    });
}

function headers(route: Route, pools: FuzzPools): fc.Arbitrary<Record<string, string>> {
  const anyValid = Object.values(pools.authorizations).flat();
  const allowed = route.roles.flatMap((role) => pools.authorizations[role] ?? []);
  return fc
    .record(
      {
        authorization: fc.oneof(
          // Mostly a caller the route lets in, so requests get past the door into the domain.
          {
            weight: allowed.length > 0 ? 12 : 0,
            arbitrary: fc.constantFrom(...(allowed.length > 0 ? allowed : anyValid)),
          },
          { weight: 3, arbitrary: fc.constantFrom(...anyValid) },
          { weight: 2, arbitrary: fc.constantFrom(...pools.badAuthorizations) },
        ),
        contentType: fc.oneof(
          {
            weight: 12,
            arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', undefined),
          },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'application/problem+json',
              'text/plain',
              'application/x-www-form-urlencoded',
              '',
              'application/jsonx',
            ),
          },
        ),
        idempotencyKey: sometimes(
          fc.oneof(fc.string({ maxLength: 20 }), fc.constant('k'.repeat(200)), fc.constant('')),
          4,
        ),
        ifMatch: sometimes(
          fc.constantFrom('"1"', '"0"', 'W/"2"', '*', '"99999999999999999999999"', 'abc', '""', '"-1"', '1'),
          8,
        ),
        accept: fc.constantFrom(
          'application/json',
          'text/csv',
          'text/html',
          'application/x-ndjson',
          '*/*',
          'application/pdf',
          'x/y',
          undefined,
          undefined,
          undefined,
        ),
        acceptLanguage: fc.constantFrom('zh-CN', 'en', 'xx', '*', ';;;', undefined),
        correlationId: sometimes(fc.string({ maxLength: 200 }), 5),
        capitalised: fc.boolean(),
      },
      { requiredKeys: ['authorization', 'contentType', 'accept', 'acceptLanguage', 'capitalised'] },
    )
    .map((h) => {
      const out: Record<string, string> = {};
      const set = (name: string, value: string | null | undefined) => {
        if (value !== undefined && value !== null) out[name] = value;
      };
      set(h.capitalised ? 'Authorization' : 'authorization', h.authorization);
      set('content-type', h.contentType);
      set('idempotency-key', h.idempotencyKey);
      set('if-match', h.ifMatch);
      set('accept', h.accept);
      set('accept-language', h.acceptLanguage);
      set('x-correlation-id', h.correlationId);
      return out;
    });
}

const otherMethods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;

/** A request for one route of the table, mostly well-formed, each part of it sometimes hostile. */
export function requestFor(route: Route, pools: FuzzPools): fc.Arbitrary<RawRequest> {
  return fc
    .record({
      method: fc.oneof(
        { weight: 30, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom(...otherMethods) },
      ),
      rawPath: paths(route, pools),
      query: queries(route, pools),
      headers: headers(route, pools),
      body:
        route.method === 'POST'
          ? bodies(route, pools)
          : fc.oneof(
              { weight: 6, arbitrary: fc.constant({}) },
              { weight: 1, arbitrary: bodies(route, pools) },
            ),
    })
    .map(({ body, ...request }) => ({ ...request, ...body }));
}

/**
 * Requests spread evenly over every route of the table, so a new route is fuzzed without a word
 * here. Each names its route by `operationId` (a counterexample prints as the request it was).
 */
export function anyRequest(
  table: readonly Route[],
  pools: FuzzPools,
): fc.Arbitrary<{ operationId: string; request: RawRequest }> {
  return fc
    .constantFrom(...table)
    .chain((route) =>
      requestFor(route, pools).map((request) => ({ operationId: route.operationId, request })),
    );
}
