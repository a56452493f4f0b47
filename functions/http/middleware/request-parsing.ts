import type { z } from 'zod';
import { ApplicationError } from '../../app/errors.js';
import { type HttpMiddleware, header } from './context.js';
import { charsetOf, firstDuplicateKey } from './json-text.js';
import { problem, ValidationFailure, validationProblem } from './problem.js';

/** Query parameters every query route understands, handled by the pipeline rather than the route. */
export const pipelineQueryParameters = ['consistentWith'] as const;

type Location = 'body' | 'query' | 'path';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function refused(location: Location, issues: { path: string[]; message: string }[]): ValidationFailure {
  return new ValidationFailure(
    problem(400, 'validation-failed', `the request ${location} is not valid`, {
      errors: issues.map((issue) => ({ path: [location, ...issue.path].join('.'), message: issue.message })),
    }),
  );
}

/** Where a walk is in a body: a key and the way to it (paths are built only for what is reported). */
interface Step {
  readonly key: string;
  readonly parent: Step | undefined;
}

function pathOf(step: Step | undefined): string[] {
  const path: string[] = [];
  for (let at = step; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** Enough to show a caller what to fix; a body with thousands of bad keys gets the first ones. */
const MAX_REPORTED = 20;

/**
 * Keys that reach Object.prototype when code copies or merges what was sent: `__proto__` anywhere,
 * and `constructor` holding `prototype` (what secure-json-parse refuses). JSON.parse keeps them as
 * plain keys, but a zod record drops `__proto__` without a word, so they are refused before zod.
 * Walked with a stack, not recursion: a body may nest deeper than the call stack goes.
 */
function prototypeKeys(body: unknown): string[][] {
  const found: string[][] = [];
  const pending: { value: object; at: Step | undefined }[] = [];
  if (typeof body === 'object' && body !== null) pending.push({ value: body, at: undefined });
  for (let next = pending.pop(); next && found.length < MAX_REPORTED; next = pending.pop()) {
    for (const [key, child] of Object.entries(next.value)) {
      const at = { key, parent: next.at };
      if (
        key === '__proto__' ||
        (key === 'constructor' && isPlainObject(child) && Object.hasOwn(child, 'prototype'))
      )
        found.push(pathOf(at));
      else if (typeof child === 'object' && child !== null) pending.push({ value: child, at });
    }
  }
  return found;
}

/**
 * Keys the schema let through but left out of what it parsed: a zod object that is not `.strict()`
 * strips unknown keys. A caller's typo (`partymember`) must be an error, not a silently lost field.
 * Where zod handed a value through as it was (`z.unknown()`), nothing below it was dropped.
 */
function droppedKeys(body: unknown, parsed: unknown): string[][] {
  const found: string[][] = [];
  const pending: { input: unknown; output: unknown; at: Step | undefined }[] = [
    { input: body, output: parsed, at: undefined },
  ];
  for (let next = pending.pop(); next && found.length < MAX_REPORTED; next = pending.pop()) {
    const { input, output, at } = next;
    if (input === output) continue;
    if (Array.isArray(input) && Array.isArray(output)) {
      const length = Math.min(input.length, output.length);
      for (let i = 0; i < length; i++)
        pending.push({ input: input[i], output: output[i], at: { key: String(i), parent: at } });
    } else if (isPlainObject(input) && isPlainObject(output)) {
      for (const key of Object.keys(input)) {
        const step = { key, parent: at };
        if (Object.hasOwn(output, key)) pending.push({ input: input[key], output: output[key], at: step });
        else found.push(pathOf(step));
      }
    }
  }
  return found;
}

function validate<S extends z.ZodType | undefined>(schema: S, value: unknown, location: Location) {
  if (!schema) return value;
  if (location === 'body') {
    const dangerous = prototypeKeys(value);
    if (dangerous.length > 0)
      throw refused(
        location,
        dangerous.map((path) => ({ path, message: 'this key is not allowed' })),
      );
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailure(validationProblem(result.error, location));
  if (location === 'body') {
    const unknown = droppedKeys(value, result.data);
    if (unknown.length > 0)
      throw refused(
        location,
        unknown.map((path) => ({ path, message: 'unknown key' })),
      );
  }
  return result.data;
}

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = value.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (!match)
    throw new ApplicationError(
      'invalid-input',
      'invalid-if-match',
      'If-Match must be a stream version, like "3"',
    );
  return Number(match[1]);
}

const malformed = (detail: string) => new ApplicationError('invalid-input', 'malformed-json', detail);

/**
 * The body as JSON, in UTF-8 only, with no byte-order mark and no repeated key: each of those is a
 * body two readers could understand differently. Undefined when there is none.
 */
function bodyOf(event: Parameters<typeof header>[0], expected: boolean): unknown {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (raw.trim() === '' && !expected) return undefined;
  const contentType = header(event, 'content-type') ?? 'application/json';
  const charset = charsetOf(contentType);
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType) || (charset && charset !== 'utf-8'))
    throw new ApplicationError(
      'unsupported-media-type',
      'unsupported-media-type',
      'send the body as application/json in UTF-8',
    );
  if (raw.trim() === '') return undefined;
  if (raw.charCodeAt(0) === 0xfeff) throw malformed('the request body starts with a byte-order mark');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw malformed('the request body is not valid JSON');
  }
  const repeated = firstDuplicateKey(raw);
  if (repeated) throw malformed(`the request body repeats the key ${repeated.join('.')}`);
  return body;
}

/** JSON parsing and zod validation of body, query and path; a bad request never reaches a handler. */
export function requestParsing(): HttpMiddleware {
  return {
    before: (request) => {
      const { route, params } = request.context.ledger.match!;
      const event = request.event;
      const body =
        route.body || route.kind === 'command' ? bodyOf(event, route.body !== undefined) : undefined;
      // A command that takes no body takes none: anything else was meant for another route.
      if (!route.body && body !== undefined && !(isPlainObject(body) && Object.keys(body).length === 0))
        throw new ApplicationError('invalid-input', 'unexpected-body', 'this command takes no body (or {})');
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
