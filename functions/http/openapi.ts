import * as z from 'zod';
import { problemSchema } from './middleware/problem.js';
import { pipelineQueryParameters } from './middleware/request-parsing.js';
import { describe, tagDescriptions } from './openapi-descriptions.js';
import type { Route } from './route.js';

type JsonSchema = Record<string, unknown>;

/**
 * Turns a zod schema into JSON Schema 2020-12 (OpenAPI 3.1's dialect). Named schemas (`.meta({ id })`)
 * are hoisted into `components.schemas` so every `$ref` resolves inside the document.
 */
function schemaOf(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, JsonSchema>,
): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = json;
  for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    components[name] = relink(def);
  }
  return relink(rest);
}

function relink(schema: JsonSchema): JsonSchema {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'),
    // zod writes the safe-integer range onto every `.int()`; documentation tools then show
    // -9007199254740991 as the example of a status or a count. The range says nothing here.
    (key, value) =>
      (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) ||
      (key === 'maximum' && value === Number.MAX_SAFE_INTEGER)
        ? undefined
        : value,
  );
}

function parametersOf(route: Route, components: Record<string, JsonSchema>) {
  const parameters: JsonSchema[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodType | undefined) => {
    if (!schema) return;
    const json = schemaOf(schema, 'input', components);
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      parameters.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        schema: property,
      });
    }
  };
  add('path', route.params);
  add('query', route.query);
  if (route.kind === 'query') {
    for (const name of pipelineQueryParameters) {
      parameters.push({
        name,
        in: 'query',
        required: false,
        description: "A command's `position`: answer only once the views include that write.",
        schema: { type: 'string' },
      });
    }
  }
  if (route.kind === 'command') {
    parameters.push(
      { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 } },
      {
        name: 'If-Match',
        in: 'header',
        required: false,
        description: 'Expected stream version, e.g. "3"',
        schema: { type: 'string' },
      },
    );
  }
  return parameters;
}

/** Every answer names its correlation id; some name more. */
const correlationHeader = {
  'x-correlation-id': {
    description:
      "The request's correlation id (the caller's, or a new one): quote it when reporting a problem",
    schema: { type: 'string' },
  },
};

const problemResponse = (description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers: { ...correlationHeader, ...headers },
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** A media type as answered, without parameters: `text/html; charset=utf-8` → `text/html`. */
const bare = (mediaType: string) => mediaType.split(';')[0]!.trim();

/** Text a client reads as a string (HTML, CSV, NDJSON, JSON); anything else (a PDF) is bytes. */
const isTextual = (mediaType: string) =>
  /^text\/|[/+]json$|^application\/(?:x-ndjson|xml|javascript)$/.test(bare(mediaType));

/**
 * The schema of a rendering that is not JSON: a string, or for binary media (a PDF) the raw bytes, in
 * OpenAPI 3.1's words (`contentMediaType`; 3.0's `format: binary` too, which generators still read).
 */
const renderingSchema = (mediaType: string, description?: string): JsonSchema => ({
  type: 'string',
  ...(isTextual(mediaType) ? {} : { format: 'binary', contentMediaType: bare(mediaType) }),
  ...(description ? { description } : {}),
});

function errorResponses(route: Route): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  // Every query takes `consistentWith` (the pipeline's own parameter), so every query may answer 400.
  // A command without a body still answers 400 to one (anything but none or `{}`).
  if (route.body || route.query || route.params || route.kind !== 'public')
    responses['400'] = problemResponse('Bad input');
  if (route.body || route.kind === 'command')
    responses['415'] = problemResponse('The body is not application/json in UTF-8');
  if (route.kind !== 'public') {
    responses['401'] = problemResponse('No or invalid token');
    responses['403'] = problemResponse('Role or community not allowed');
  }
  // A command may also name other entities in its body (a plan, a resident), and a query in its
  // parameters (`?planId=`): any of them may be unknown.
  if (route.params || route.query || route.kind === 'command')
    responses['404'] = problemResponse('Unknown id');
  if (route.kind === 'command') {
    responses['409'] = problemResponse(
      'Conflicts with the current state, or the same Idempotency-Key is still running',
    );
    responses['412'] = problemResponse(
      'If-Match version differs (the problem names the stream and its current version)',
    );
    responses['422'] = problemResponse('Idempotency-Key reused with a different body');
  }
  // API Gateway throttles every route of the stage (its own JSON body, not a problem).
  responses['429'] = {
    description: 'Throttled by the API stage; retry later',
    content: {
      'application/json': {
        schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
      },
    },
  };
  if (route.kind !== 'public')
    responses['503'] = problemResponse(
      route.kind === 'query'
        ? 'The views are behind the requested position or your own recent writes; retry'
        : 'Ran out of time before it could be recorded; retry with the same Idempotency-Key',
      { 'retry-after': { description: 'Seconds to wait before retrying', schema: { type: 'string' } } },
    );
  return responses;
}

export function buildOpenApi(routes: readonly Route[], info: { title: string; version: string }) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { response } = route;
    const success: Record<string, unknown> | undefined = response.schema
      ? {
          [bare(response.contentType ?? 'application/json')]: {
            schema: schemaOf(response.schema, 'output', components),
          },
        }
      : response.contentType
        ? { [bare(response.contentType)]: { schema: renderingSchema(response.contentType) } }
        : undefined;
    // Other renderings of the same answer, chosen by `Accept` (a report as HTML or CSV, history as NDJSON).
    for (const alternative of response.alternatives ?? [])
      if (success)
        success[bare(alternative.contentType)] = {
          schema: renderingSchema(alternative.contentType, alternative.description),
        };
    const answered = {
      description: response.description,
      headers: { ...correlationHeader },
      ...(success ? { content: success } : {}),
    };
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      description: describe(route),
      tags: [route.tag],
      parameters: parametersOf(route, components),
      responses: {
        [String(response.status)]: answered,
        // A command's retry with the same Idempotency-Key replays the first answer as 200, and a
        // command that changes nothing (already so) answers 200 too.
        ...(route.kind === 'command' && response.status === 201
          ? {
              '200': {
                ...answered,
                description: 'Replayed (same Idempotency-Key and body) or nothing to change',
                headers: {
                  ...correlationHeader,
                  'idempotent-replayed': {
                    description: '`true` when this is the first answer to the same Idempotency-Key, replayed',
                    schema: { type: 'string', enum: ['true'] },
                  },
                },
              },
            }
          : {}),
        ...errorResponses(route),
      },
      'x-roles': route.kind === 'public' ? [] : route.roles,
    };
    if (route.kind === 'public') operation.security = [];
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(route.body, 'input', components) } },
      };
    }
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  components.Problem = schemaOf(problemSchema, 'output', components);
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      contact: {
        name: 'Community Culture Ledger maintainers',
        url: 'https://example.org/community-culture-ledger',
      },
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      description:
        "HTTP API of the community's yearly plan of cultural services. Commands append domain events; queries read views.",
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({
      name,
      description: tagDescriptions[name] ?? name,
    })),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
