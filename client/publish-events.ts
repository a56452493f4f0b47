/**
 * `npm run events`: publishes the payload schema of every event type and version to
 * `client/event-schemas.json`, what consumers validate and generate types from, and the bus's
 * AsyncAPI document to `client/asyncapi.json`. Append-only in
 * effect: a version already published may gain an optional field or a description, but a change a
 * reader would trip over (a field removed or renamed, a type changed, a field newly required) is
 * refused: it needs a new version with an upcaster. A test fails while the file lags the catalogue.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApi } from '../events/asyncapi.js';
import { compareWithPublished, type PublishedSchemas, payloadSchemas } from '../events/compatibility.js';
import { eventRegistry } from '../events/registry.js';

export const PUBLISHED_EVENTS_FILE = join('client', 'event-schemas.json');
/** The bus's AsyncAPI document, as `GET /asyncapi.json` serves it. */
export const ASYNCAPI_FILE = join('client', 'asyncapi.json');

export const asyncApiText = () =>
  `${JSON.stringify(buildAsyncApi({ version: '0.1.0', bus: 'community-culture-ledger-<stage>' }), null, 2)}\n`;

export function readPublished(file = PUBLISHED_EVENTS_FILE): PublishedSchemas {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PublishedSchemas) : {};
}

/** The file's text as the catalogue makes it today (types and versions in the catalogue's order). */
export function publishedText(): string {
  const schemas = Object.fromEntries(
    [...eventRegistry.values()].map((definition) => [definition.type, payloadSchemas(definition)]),
  );
  return `${JSON.stringify(schemas, null, 2)}\n`;
}

if (process.argv[1]?.endsWith('publish-events.ts')) {
  const { breaks, withdrawn } = compareWithPublished(readPublished(), eventRegistry.values());
  if (breaks.length > 0 || withdrawn.length > 0) {
    for (const line of [...breaks, ...withdrawn.map((v) => `${v}: published, gone from the catalogue`)])
      console.error(line);
    console.error('refused: a published version is frozen; write a new version with an upcaster instead');
    process.exitCode = 1;
  } else {
    writeFileSync(PUBLISHED_EVENTS_FILE, publishedText());
    writeFileSync(ASYNCAPI_FILE, asyncApiText());
    console.log(`wrote ${PUBLISHED_EVENTS_FILE} and ${ASYNCAPI_FILE} (${eventRegistry.size} event types)`);
  }
}
