import type { DomainError } from '../../domain/shared/errors.js';
import { isDomainError } from '../../domain/shared/errors.js';
import type { CommandAccepted } from '../app/command-handler.js';
import { DomainRefusal } from '../app/errors.js';
import { encodePosition } from '../app/position.js';
import type { RouteResponse } from './route.js';

/** 201 with the command answer, or the domain's refusal for the error mapper. A no-op decision answers 200. */
export function commandResponse(id: string, outcome: CommandAccepted | DomainError): RouteResponse {
  if (isDomainError(outcome)) throw new DomainRefusal(outcome);
  return {
    status: outcome.events.length > 0 ? 201 : 200,
    headers: { etag: `"${outcome.version}"` },
    body: {
      id,
      streamId: outcome.streamId,
      version: outcome.version,
      events: outcome.events,
      position: encodePosition({ streamId: outcome.streamId, version: outcome.version }),
    },
  };
}
