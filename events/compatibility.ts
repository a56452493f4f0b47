import * as z from 'zod';
import { type EventDefinition, versionsOf } from './define.js';

/** A JSON Schema (2020-12), as zod writes it. */
export type JsonSchema = { readonly [key: string]: unknown };

/** Published payload schemas: by event type, then by schema version. */
export type PublishedSchemas = Readonly<Record<string, Readonly<Record<string, JsonSchema>>>>;

/** Each version of an event's payload, as consumers read it. */
export function payloadSchemas(definition: EventDefinition): Record<string, JsonSchema> {
  return Object.fromEntries(
    versionsOf(definition).map(({ version, schema }) => [
      String(version),
      z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }),
    ]),
  );
}

/**
 * What a schema says for readers rather than validators: its descriptions and its `x-` annotations
 * (`x-personal-data` says whose data a field holds; no validator reads it, so marking a field later
 * changes nothing a reader validates).
 */
const isWords = (key: string) => key === 'description' || key.startsWith('x-');

const withoutWords = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema, (key, value) => (isWords(key) ? undefined : value)));

const isObjectSchema = (schema: JsonSchema) => schema.type === 'object' && schema.properties !== undefined;

/**
 * What a consumer of the `published` payload would trip over in `current`: a field removed (or
 * renamed, which is the same to a reader), a field's type changed, a field newly required. A new
 * optional field is not a break; a changed description or annotation is not either. Empty when compatible.
 */
export function breakingChanges(published: JsonSchema, current: JsonSchema, at = 'data'): string[] {
  if (!isObjectSchema(published) || !isObjectSchema(current)) {
    const same = JSON.stringify(withoutWords(published)) === JSON.stringify(withoutWords(current));
    if (published.type === 'array' && current.type === 'array')
      return breakingChanges(published.items as JsonSchema, current.items as JsonSchema, `${at}[]`);
    return same ? [] : [`${at}: its type changed`];
  }
  const before = published.properties as Record<string, JsonSchema>;
  const after = current.properties as Record<string, JsonSchema>;
  const requiredBefore = new Set((published.required ?? []) as string[]);
  const changes: string[] = [];
  for (const [name, schema] of Object.entries(before)) {
    if (!(name in after)) changes.push(`${at}.${name}: removed or renamed`);
    else changes.push(...breakingChanges(schema, after[name]!, `${at}.${name}`));
  }
  for (const name of (current.required ?? []) as string[])
    if (!requiredBefore.has(name)) changes.push(`${at}.${name}: newly required`);
  return changes;
}

/**
 * Every break between what was published and the catalogue now, and every version the catalogue
 * has that was never published. A released version is frozen: a change a reader would trip over
 * needs a new version with an upcaster, never an edit of the old one.
 */
export function compareWithPublished(
  published: PublishedSchemas,
  catalogue: Iterable<EventDefinition>,
): { breaks: string[]; unpublished: string[]; withdrawn: string[] } {
  const breaks: string[] = [];
  const unpublished: string[] = [];
  const current = new Map<string, Record<string, JsonSchema>>();
  for (const definition of catalogue) current.set(definition.type, payloadSchemas(definition));
  for (const [type, versions] of current)
    for (const [version, schema] of Object.entries(versions)) {
      const before = published[type]?.[version];
      if (!before) unpublished.push(`${type} v${version}`);
      else breaks.push(...breakingChanges(before, schema).map((change) => `${type} v${version} ${change}`));
    }
  const withdrawn = Object.entries(published).flatMap(([type, versions]) =>
    Object.keys(versions)
      .filter((version) => !current.get(type)?.[version])
      .map((version) => `${type} v${version}`),
  );
  return { breaks, unpublished, withdrawn };
}
