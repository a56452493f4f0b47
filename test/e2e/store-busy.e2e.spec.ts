import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HttpRequest,
  inProcessEngineAt,
  registerInProcessEngine,
} from '../../functions/adapters/in-process-engines.js';
import { DEMO_COMMUNITY } from '../../infra/local/dev-key.js';
import { type Engine, startDynalite } from '../../infra/local/engine.js';
import { startApi, type TestApi } from '../support/api.js';

/**
 * On AWS a hot partition is throttled even on demand. Once the SDK's own retries give up, the answer
 * is the store asking to come back later: 503 with Retry-After, never 500, and a retry with the same
 * Idempotency-Key records the command exactly once.
 */

/** Answers the engine's throttling error to the actions named, on the tables named, while set. */
function engineThrottling(target: string) {
  const inner = inProcessEngineAt(target)!;
  const throttled = new Set<string>();
  const endpoint = 'http://throttling.invalid';
  const close = registerInProcessEngine(endpoint, {
    handle: async (request: HttpRequest, options) => {
      const action = String(request.headers['x-amz-target'] ?? '').split('.')[1];
      const table = /"TableName":"([^"]+)"/.exec(String(request.body ?? ''))?.[1];
      if (!throttled.has(`${action} ${table}`)) return inner.handle(request, options);
      const body = JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
        message: 'The level of configured provisioned throughput for the table was exceeded.',
      });
      return {
        response: {
          statusCode: 400,
          reason: 'Bad Request',
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: Readable.from([Buffer.from(body)]),
        },
      };
    },
  });
  return { endpoint, close, throttled };
}

describe('a throttled store answers 503 with Retry-After, and nothing is lost or doubled', () => {
  let engine: Engine;
  let throttling: ReturnType<typeof engineThrottling>;
  let api: TestApi;
  let organizer: string;

  beforeAll(async () => {
    engine = await startDynalite();
    throttling = engineThrottling(engine.endpoint);
    api = await startApi({ endpoint: throttling.endpoint });
    organizer = await api.token('organizer', { sub: 'organizer-throttled' });
  });
  afterAll(async () => {
    await api?.close();
    throttling?.close();
    await engine?.close();
  });

  it('a command whose commit stays throttled answers 503; its retry with the same key records it once', async () => {
    const key = randomUUID();
    const enrol = () =>
      api.call<{ id: string; code?: string }>('POST', '/residents', {
        token: organizer,
        headers: { 'idempotency-key': key },
        body: { name: 'Throttled Resident', householdId: 'H-busy' },
      });
    throttling.throttled.add('PutItem Events');
    const refused = await enrol();
    throttling.throttled.clear();
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('store-busy');
    expect(refused.headers.get('retry-after')).toBe('1');

    const retried = await enrol();
    expect(retried.status).toBe(201);
    await api.runtime.dispatcher.idle();
    const page = await api.runtime.deps.events.readHistory({ community: DEMO_COMMUNITY, limit: 1000 });
    expect(page.commits.filter((c) => c.metadata.idempotencyKey === key)).toHaveLength(1);
  });

  it('a query whose reads stay throttled answers 503, then answers once the store has room again', async () => {
    throttling.throttled.add('Query Views');
    const refused = await api.call<{ code?: string }>('GET', '/residents', { token: organizer });
    throttling.throttled.clear();
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('store-busy');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await api.call('GET', '/residents', { token: organizer })).status).toBe(200);
  });
});
