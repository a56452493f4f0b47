import * as z from 'zod';
import { versionsOf } from './define.js';
import { eventRegistry } from './registry.js';

/** What the publisher puts around each event's `data` on the bus (and the local bus file). */
const envelope = {
  community: { type: 'string', description: 'The community whose ledger recorded it' },
  streamId: { type: 'string', description: 'The stream (`<community>#<kind>#<id>`); order holds within it' },
  commitId: { type: 'string', description: 'The commit it was appended in (a ULID: global order)' },
  recordedAt: { type: 'string', format: 'date-time' },
  metadata: {
    type: 'object',
    description: 'Who and why: the actor, their roles, the correlation id (and an Idempotency-Key)',
  },
  hash: { type: 'string', description: "The commit's hash in its stream's chain (GET /audit/verify)" },
  eventId: { type: 'string', description: 'Unique per event: dedupe by it (delivery is at least once)' },
  streamVersion: { type: 'integer', minimum: 1 },
} as const;

/**
 * A bus entry's `detail` for one version of one event type: the envelope, the type and version, and
 * that version's `data` (a JSON Schema in the caller's draft). Written with `enum`, not `const`, so it
 * holds in Draft 4 too: the same detail the AsyncAPI document and the EventBridge registry describe.
 */
export function busDetailSchema(type: string, version: number, data: object) {
  return {
    type: 'object',
    required: [...Object.keys(envelope), 'type', 'schemaVersion', 'data'],
    properties: {
      ...envelope,
      type: { type: 'string', enum: [type] },
      schemaVersion: { type: 'integer', enum: [version] },
      dataOmitted: {
        type: 'boolean',
        description:
          'Set, with `data` empty, when the event was too large for the bus: read it from GET /audit/streams/{streamId}',
      },
      data,
    },
  };
}

/**
 * The bus as an AsyncAPI 3 document, generated from the event catalogue: one message per event type
 * and version, its payload the bus entry's `detail` (envelope and that version's `data`).
 */
export function buildAsyncApi(info: { readonly version: string; readonly bus: string }) {
  const messages: Record<string, unknown> = {};
  for (const definition of eventRegistry.values())
    for (const { version, schema } of versionsOf(definition)) {
      const { $schema: _dialect, ...data } = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' });
      messages[`${definition.type}V${version}`] = {
        name: definition.type,
        title: `${definition.type} v${version}`,
        summary: `EventBridge detail-type \`${definition.type}\`, \`schemaVersion\` ${version}`,
        contentType: 'application/json',
        payload: busDetailSchema(definition.type, version, data),
      };
    }
  const references = Object.keys(messages).map((name) => ({ $ref: `#/channels/ledgerBus/messages/${name}` }));
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Community Culture Ledger events',
      version: info.version,
      description:
        'Every event the ledger records, announced on its EventBridge bus (source `community-culture-ledger`, ' +
        'detail-type the event type) and, locally, on the bus file `<DATA_DIR>/bus/events.ndjson`. Delivery is at ' +
        'least once: dedupe by `eventId`. Order holds within a stream (`streamVersion`), not across streams. An ' +
        'older `schemaVersion` can be lifted to the current shape with `readLedgerEvent` (client/events.ts). ' +
        'Every field that can hold personal data is marked `x-personal-data`: its `kind` and, when sealed, ' +
        '`sealedWith`, the id beside it whose key ring seals it (`enc:` strings, unreadable once that person ' +
        'is erased); a field marked without `sealedWith` is stored as written.',
    },
    channels: {
      ledgerBus: {
        address: info.bus,
        title: 'The ledger bus',
        messages: Object.fromEntries(
          Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }]),
        ),
      },
    },
    operations: {
      receiveLedgerEvent: {
        action: 'receive',
        title: 'Receive the ledger events',
        channel: { $ref: '#/channels/ledgerBus' },
        messages: references,
      },
    },
    components: { messages },
  };
}
