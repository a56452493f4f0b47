import * as z from 'zod';
import { problemSchema } from '../middleware/problem.js';
import { pipelineQueryParameters } from '../middleware/request-parsing.js';
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
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'));
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

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function errorResponses(route: Route): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  if (route.body || route.query || route.params) responses['400'] = problemResponse('Bad input');
  if (route.kind !== 'public') {
    responses['401'] = problemResponse('No or invalid token');
    responses['403'] = problemResponse('Role or community not allowed');
  }
  if (route.params) responses['404'] = problemResponse('Unknown id');
  if (route.kind === 'command') {
    responses['409'] = problemResponse('Conflicts with the current state');
    responses['412'] = problemResponse('If-Match version differs');
    responses['422'] = problemResponse('Idempotency-Key reused with a different body');
  }
  if (route.kind === 'query') responses['503'] = problemResponse('Views behind the requested position');
  return responses;
}

export function buildOpenApi(routes: readonly Route[], info: { title: string; version: string }) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { response } = route;
    const success = response.schema
      ? {
          [response.contentType ?? 'application/json']: {
            schema: schemaOf(response.schema, 'output', components),
          },
        }
      : response.contentType
        ? { [response.contentType]: { schema: { type: 'string' } } }
        : undefined;
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: parametersOf(route, components),
      responses: {
        [String(response.status)]: {
          description: response.description,
          ...(success ? { content: success } : {}),
        },
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
      description:
        "HTTP API of the community's yearly plan of cultural services. Commands append domain events; queries read views.",
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
