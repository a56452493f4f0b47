import type { CommandResult } from '../app/execute.js';
import type { Page } from '../app/page.js';
import { commandResponse } from './command-response.js';
import type { RouteResponse } from './route.js';

/** A command use case's result as the HTTP answer: 201 (200 for a no-op), or its refusal as problem+json. */
export const commandAnswer = ({ id, outcome }: CommandResult): RouteResponse => commandResponse(id, outcome);

/** A page of a list query as the HTTP answer: `nextCursor` is `null` on the last page. */
export const pageAnswer = <T>({ items, nextCursor }: Page<T>): RouteResponse => ({
  status: 200,
  body: { items, nextCursor: nextCursor ?? null },
});
