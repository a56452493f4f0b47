import type { z } from 'zod';
import { ApplicationError } from '../app/errors.js';
import { type HttpMiddleware, header } from './context.js';
import { ValidationFailure, validationProblem } from './problem.js';

/** Query parameters every query route understands, handled by the pipeline rather than the route. */
export const pipelineQueryParameters = ['consistentWith'] as const;

function validate<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  location: 'body' | 'query' | 'path',
) {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailure(validationProblem(result.error, location));
  return result.data;
}

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = value.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (!match)
    throw new ApplicationError(400, 'invalid-if-match', 'If-Match must be a stream version, like "3"');
  return Number(match[1]);
}

/** JSON parsing and zod validation of body, query and path; a bad request never reaches a handler. */
export function requestParsing(): HttpMiddleware {
  return {
    before: (request) => {
      const { route, params } = request.context.ledger.match!;
      const event = request.event;
      let body: unknown;
      if (route.body) {
        const contentType = header(event, 'content-type') ?? 'application/json';
        if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
          throw new ApplicationError(415, 'unsupported-media-type', 'send the body as application/json');
        }
        const raw = event.body
          ? event.isBase64Encoded
            ? Buffer.from(event.body, 'base64').toString('utf8')
            : event.body
          : '';
        try {
          body = raw.trim() === '' ? undefined : JSON.parse(raw);
        } catch {
          throw new ApplicationError(400, 'malformed-json', 'the request body is not valid JSON');
        }
      }
      const query: Record<string, string | undefined> = { ...(event.queryStringParameters ?? {}) };
      for (const name of pipelineQueryParameters) delete query[name];
      request.context.ledger.input = {
        params: validate(route.params, params, 'path'),
        query: validate(route.query, query, 'query'),
        body: validate(route.body, body, 'body'),
        expectedVersion: route.kind === 'command' ? parseIfMatch(header(event, 'if-match')) : undefined,
      };
    },
  };
}
