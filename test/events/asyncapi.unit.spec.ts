import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ASYNCAPI_FILE, asyncApiText } from '../../client/publish-events.js';
import { buildAsyncApi } from '../../events/asyncapi.js';
import { eventRegistry } from '../../events/index.js';
import { busEntriesOf } from '../../functions/app/event-bus.js';
import { oneEventCommit } from '../support/one-event-commit.js';

/** Issue 27: the bus has a document consumers can validate against and generate from. */
describe('the AsyncAPI document of the bus', () => {
  const document = buildAsyncApi({ version: '0.1.0', bus: 'community-culture-ledger-<stage>' });

  it('validates with the AsyncAPI parser: not one diagnostic, not even a hint', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    // The parser does look: a message that is not there is an error (severity 0).
    const broken = structuredClone(document) as { channels: { ledgerBus: { messages: object } } };
    broken.channels.ledgerBus.messages = { Nope: { $ref: '#/components/messages/Nope' } };
    const refused = await new Parser().parse(JSON.stringify(broken));
    expect(refused.diagnostics.some((d) => d.severity === 0)).toBe(true);
  }, 30_000);

  it('client/asyncapi.json is what `npm run events` makes of the catalogue today', () => {
    expect(readFileSync(ASYNCAPI_FILE, 'utf8')).toBe(asyncApiText());
  });

  it('has a message for every type and version of the catalogue, and the delivery guarantee in words', () => {
    const expected = [...eventRegistry.values()].flatMap((definition) =>
      Array.from({ length: definition.version }, (_, i) => `${definition.type}V${i + 1}`),
    );
    expect(Object.keys(document.components.messages).sort()).toEqual(expected.sort());
    expect(document.operations.receiveLedgerEvent.messages).toHaveLength(expected.length);
    expect(document.info.description).toMatch(/at least once: dedupe by `eventId`/);
  });

  it("a bus entry the publisher makes validates against its message's payload, and against no other", () => {
    const commit = oneEventCommit('demo#resident#R1', {
      type: 'ResidentEnrolled',
      schemaVersion: 2,
      data: { residentId: 'R1', name: 'enc:v1:x:y', householdId: 'H-1', partyMember: false },
    });
    const detail = JSON.parse(busEntriesOf(commit)[0]!.detail);
    const ajv = new Ajv({ strict: false });
    const matching = Object.entries(document.components.messages)
      .filter(([, message]) => ajv.validate((message as { payload: object }).payload, detail))
      .map(([name]) => name);
    expect(matching).toEqual(['ResidentEnrolledV2']);
  });
});
