import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { type RefusalKind, refusalOf } from '../../app/errors.js';
import { CommitTooLarge } from '../../app/ports.js';
import { InvalidCursor } from '../../app/view-store.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one table from the application's refusals to HTTP statuses. */
const statusOf: Record<RefusalKind, number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'precondition-failed': 412,
  'too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  unavailable: 503,
  internal: 500,
};

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** 412: the stream the If-Match named, and the version it is at now. */
  streamId: z.string().optional(),
  currentVersion: z.number().int().min(0).optional(),
  /** 405: the methods the path takes (also in the `Allow` header). */
  allowed: z.array(z.string()).optional(),
});

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  return { type: `/problems/${code}`, title: titles[status] ?? 'Error', status, code, detail, ...extra };
}

export function validationProblem(
  error: z.ZodError,
  location: 'body' | 'query' | 'path' | 'header',
): Problem {
  return problem(400, 'validation-failed', `the request ${location} is not valid`, {
    errors: error.issues.map((issue) => ({
      path: [location, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  });
}

export class ValidationFailure extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** The one place an error becomes an HTTP answer. Unknown errors never leak their message or stack. */
export function problemFor(error: unknown): Problem {
  if (error instanceof ValidationFailure) return error.problem;
  const refusal = refusalOf(error);
  if (refusal && refusal.kind === 'internal') return internalError();
  if (refusal) return problem(statusOf[refusal.kind], refusal.code, refusal.detail, { ...refusal.extra });
  if (error instanceof InvalidCursor) return problem(400, 'invalid-cursor', error.message);
  // The request was valid but what it would record exceeds one commit: retrying it cannot succeed.
  if (error instanceof CommitTooLarge)
    return problem(
      413,
      'commit-too-large',
      'what this request would record is too large to store; send less',
    );
  return internalError();
}

const internalError = () =>
  problem(500, 'internal-error', 'something went wrong on our side; the request may be retried');

export function problemResponse(
  p: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: p.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify(p),
  };
}
