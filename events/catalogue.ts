import * as z from 'zod';
import { versionsOf } from './define.js';
import { StoredEvent } from './envelope.js';
import { eventRegistry } from './registry.js';

/**
 * Every event as it is stored, one closed variant per type and version ever written: what the audit
 * answers declare, so a client generated from the document types each event's `data` rather than
 * `unknown`. Derived from the catalogue itself, so a new event or version is declared the moment it
 * exists. Personal data reads as stored: sealed values are strings like any other.
 */
export function storedEventVariants(): z.ZodType[] {
  const variants: z.ZodType[] = [];
  for (const definition of eventRegistry.values()) {
    for (const { version, schema } of versionsOf(definition))
      variants.push(
        StoredEvent.extend({
          type: z.literal(definition.type),
          schemaVersion: z.literal(version),
          // Closed, as the document declares it: a field the catalogue does not have is no variant.
          data: schema instanceof z.ZodObject ? schema.strict() : schema,
        })
          .strict()
          .meta({ id: `${definition.type}V${version}` }),
      );
  }
  return variants;
}

/**
 * One stored event of any type and version: the union of `storedEventVariants()`. Built on first
 * use, not at import: the HTTP functions carry it only to describe the audit answers, and its 51
 * variants would otherwise cost every cold start of both (about 20 ms here).
 */
export const AnyStoredEvent = z.lazy(() =>
  z.union(storedEventVariants() as [z.ZodType, z.ZodType, ...z.ZodType[]]),
);
