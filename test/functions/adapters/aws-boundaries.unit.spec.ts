import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EventBridgeBus } from '../../../functions/adapters/eventbridge-bus.js';
import { invokeMailerFunction } from '../../../functions/adapters/lambda-mailer-invoker.js';
import { ForwardedRefusal } from '../../../functions/app/errors.js';
import type { BusEntry } from '../../../functions/app/event-bus.js';
import { sendThroughMailer } from '../../../functions/app/reports/report-sending.js';
import { problemFor } from '../../../functions/http/middleware/problem.js';
import { handler as tokenClaims } from '../../../functions/identity/token-claims.handler.js';

const entry = (n: number): BusEntry => ({
  eventId: `e-${n}`,
  source: 'community-culture-ledger',
  detailType: 'ResidentAttended',
  detail: JSON.stringify({ eventId: `e-${n}` }),
  time: new Date('2026-05-01T00:00:00Z'),
});

describe('EventBridge bus (EventBridge cannot run here: aws-sdk-client-mock)', () => {
  it('puts in batches of ten to the named bus, and puts again only the entries reported failed', async () => {
    const eventBridge = mockClient(EventBridgeClient);
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: Array.from({ length: 10 }, () => ({ EventId: 'x' })) })
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ EventId: 'x' }, { ErrorCode: 'ThrottlingException' }, { EventId: 'x' }],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'x' }] });
    const bus = new EventBridgeBus(
      new EventBridgeClient({ region: 'ap-southeast-1' }),
      'ledger-bus',
      async () => {},
    );
    await bus.put(Array.from({ length: 13 }, (_, i) => entry(i)));
    const calls = eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!);
    expect(calls.map((entries) => entries.length)).toEqual([10, 3, 1]);
    expect(calls[0]![0]).toMatchObject({
      EventBusName: 'ledger-bus',
      Source: 'community-culture-ledger',
      DetailType: 'ResidentAttended',
    });
    expect(JSON.parse(calls[2]![0]!.Detail!)).toEqual({ eventId: 'e-11' });
  });

  it('fails (so the stream retries the commit) when entries keep failing', async () => {
    const eventBridge = mockClient(EventBridgeClient);
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    const bus = new EventBridgeBus(
      new EventBridgeClient({ region: 'ap-southeast-1' }),
      'ledger-bus',
      async () => {},
    );
    await expect(bus.put([entry(1)])).rejects.toThrow(
      /1 bus entries still failing after 4 attempts: InternalFailure/,
    );
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(4);
  });
});

describe('invoking the mailer function (Lambda cannot run here: aws-sdk-client-mock)', () => {
  const request = {
    community: 'demo',
    planId: 'p-1',
    period: '2026-Q2',
    trigger: 'manual' as const,
    metadata: { actor: 'admin-1', roles: ['admin'], correlationId: 'c-1' },
  };

  it('invokes synchronously with the request and returns the delivery', async () => {
    const lambda = mockClient(LambdaClient);
    const delivery = {
      planId: 'p-1',
      period: '2026-Q2',
      sentTo: [{ residentId: 'R-1' }],
      alreadySent: false,
      streamId: 's',
      version: 2,
    };
    lambda
      .on(InvokeCommand)
      .resolves({ Payload: new TextEncoder().encode(JSON.stringify({ ok: true, delivery })) as never });
    const send = sendThroughMailer(
      invokeMailerFunction(new LambdaClient({ region: 'ap-southeast-1' }), 'mailer-fn'),
    );
    expect(await send(request)).toEqual(delivery);
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ FunctionName: 'mailer-fn', InvocationType: 'RequestResponse' });
    expect(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array))).toEqual({ send: request });
  });

  it("passes the mailer's refusal on unchanged, and turns a crash into an error", async () => {
    const lambda = mockClient(LambdaClient);
    const problem = {
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      code: 'not-found',
      detail: 'plan p-1 was not found',
    };
    lambda
      .on(InvokeCommand)
      .resolvesOnce({
        Payload: new TextEncoder().encode(
          JSON.stringify({
            ok: false,
            refusal: { kind: 'not-found', code: 'not-found', detail: 'plan p-1 was not found' },
          }),
        ) as never,
      })
      .resolvesOnce({
        FunctionError: 'Unhandled',
        Payload: new TextEncoder().encode('{"errorMessage":"Task timed out"}') as never,
      });
    const send = sendThroughMailer(
      invokeMailerFunction(new LambdaClient({ region: 'ap-southeast-1' }), 'mailer-fn'),
    );
    const refused = await send(request).catch((error) => error);
    expect(refused).toBeInstanceOf(ForwardedRefusal);
    // The commands function answers it as the same problem the mailer would have.
    expect(problemFor(refused)).toEqual(problem);
    const crashed = await send(request).catch((error) => error);
    expect(crashed.message).toMatch(/mailer function failed \(Unhandled\): .*Task timed out/);
    expect(problemFor(crashed).status).toBe(500);
  });
});

describe("Cognito's pre-token-generation trigger", () => {
  const event = (attributes: Record<string, string>) =>
    ({
      version: '2',
      triggerSource: 'TokenGeneration_Authentication',
      request: {
        userAttributes: attributes,
        groupConfiguration: { groupsToOverride: ['organizer'] },
        scopes: [],
      },
      response: { claimsAndScopeOverrideDetails: null },
    }) as unknown as PreTokenGenerationV2TriggerEvent;

  it("adds the user's community to the ID and access tokens", async () => {
    const answer = await tokenClaims(event({ sub: 'u-1', 'custom:community': 'sunrise' }));
    expect(answer.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: { community: 'sunrise' } },
      accessTokenGeneration: { claimsToAddOrOverride: { community: 'sunrise' } },
    });
  });

  it('refuses a token to a user who belongs to no community', async () => {
    await expect(tokenClaims(event({ sub: 'u-2' }))).rejects.toThrow(/belongs to no community/);
  });

  it('refuses a token to a user whose community is not a community name (it could alias another)', async () => {
    for (const community of ['demo#K', 'Demo', '-demo', 'a'.repeat(64)])
      await expect(tokenClaims(event({ sub: 'u-3', 'custom:community': community }))).rejects.toThrow(
        /not a community name/,
      );
  });
});
