import { DynamoDbIdempotencyStore } from '../adapters/dynamodb-idempotency-store.js';
import { DynamoDbSessionWrites } from '../adapters/dynamodb-session-writes.js';
import type { Config } from '../config.js';
import {
  type Authenticator,
  authorizerAuthenticator,
  claimsMappingFrom,
  localJwtAuthenticator,
} from '../http/authenticator.js';
import type { HttpDependencies } from '../http/dependencies.js';
import type { CoreDependencies, Overrides } from './core.js';

/** What the pipeline of either HTTP function uses, whatever it serves (its routes bring the rest). */
export type PipelineDependencies = Omit<
  HttpDependencies,
  'commandCases' | 'queryCases' | 'printer' | 'sendReport'
>;

/**
 * The middy pipeline's dependencies for one HTTP function: who is calling (the API's authorizer on
 * AWS, a local JWT locally), Idempotency-Key claims and each caller's recent writes.
 */
export function pipelineDependencies(
  core: CoreDependencies,
  config: Config,
  overrides: Overrides,
  /** The claims store, when the caller keeps a handle on it (the local runtime releases dead claims). */
  idempotency?: DynamoDbIdempotencyStore,
): PipelineDependencies {
  const authenticator: Authenticator =
    config.AUTH_MODE === 'local-jwt'
      ? localJwtAuthenticator(new TextEncoder().encode(config.LOCAL_JWT_SECRET!))
      : authorizerAuthenticator(claimsMappingFrom(config));
  const { client, clock, ids, logger, events, views, metrics } = core;
  return {
    events,
    views,
    idempotency:
      idempotency ??
      new DynamoDbIdempotencyStore(client, config.IDEMPOTENCY_TABLE, clock, config.IDEMPOTENCY_LOCK_MS),
    sessions: new DynamoDbSessionWrites(client, config.IDEMPOTENCY_TABLE, clock, config.VIEWS_TABLE),
    authenticator,
    clock,
    ids,
    logger,
    metrics,
    consistencyWaitMs: config.CONSISTENCY_WAIT_MS,
    crashHook: overrides.crashHook,
  };
}
