import { activityEvents } from './activity.events.js';
import { articleEvents } from './article.events.js';
import type { EventDefinition } from './define.js';
import { equipmentEvents } from './equipment.events.js';
import { nominationEvents } from './nomination.events.js';
import { unsealedIn } from './personal-data.js';
import { planEvents } from './plan.events.js';
import { readingEvents } from './reading.events.js';
import { recognitionEvents } from './recognition.events.js';
import { reportEvents } from './report.events.js';
import { residentEvents } from './resident.events.js';
import { rotationEvents } from './rotation.events.js';
import { seriesEvents } from './series.events.js';
import { studyEvents } from './study.events.js';

export class UnknownEventTypeError extends Error {}
export class InvalidEventPayloadError extends Error {}

/** Every event type the system has ever written, by type. */
export const eventRegistry: ReadonlyMap<string, EventDefinition> = new Map(
  [
    ...residentEvents,
    ...planEvents,
    ...activityEvents,
    ...articleEvents,
    ...nominationEvents,
    ...recognitionEvents,
    ...reportEvents,
    ...seriesEvents,
    ...studyEvents,
    ...rotationEvents,
    ...equipmentEvents,
    ...readingEvents,
  ].map((definition) => [definition.type, definition as EventDefinition]),
);

function definitionOf(type: string): EventDefinition {
  const definition = eventRegistry.get(type);
  if (!definition) throw new UnknownEventTypeError(`unknown event type ${type}`);
  return definition;
}

/** Validates a freshly decided event's payload; returns it with the version it is written at. */
export function encodeEvent(
  type: string,
  data: unknown,
): { schemaVersion: number; data: Record<string, unknown> } {
  const definition = definitionOf(type);
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) throw new InvalidEventPayloadError(`${type}: ${parsed.error.message}`);
  return { schemaVersion: definition.version, data: parsed.data as Record<string, unknown> };
}

/**
 * Refuses a freshly decided event that holds in the clear what the catalogue marks as sealed: the
 * command service asks before every append, so a use case that forgot to seal fails loudly instead
 * of storing someone's name for good. (The refusal names whose data it is, never the data.)
 */
export function refuseUnsealed(type: string, data: unknown): void {
  const unsealed = unsealedIn(definitionOf(type).schema, data);
  if (unsealed.length > 0)
    throw new InvalidEventPayloadError(`${type}: written in the clear, not sealed: ${unsealed.join(', ')}`);
}

/** Reads a stored payload of any past version as the current version (upcasting step by step). */
export function decodeEvent(type: string, schemaVersion: number, data: unknown): unknown {
  const definition = definitionOf(type);
  if (schemaVersion > definition.version) {
    throw new InvalidEventPayloadError(
      `${type} v${schemaVersion} is newer than this code (v${definition.version})`,
    );
  }
  // Payloads of the current version were validated when they were written and are immutable since;
  // re-validating them on every load would make folding long streams needlessly slow.
  if (schemaVersion === definition.version) return data;
  let payload = data;
  for (let version = schemaVersion; version < definition.version; version++) {
    const past = definition.past[version - 1]!;
    const parsed = past.schema.safeParse(payload);
    if (!parsed.success) throw new InvalidEventPayloadError(`${type} v${version}: ${parsed.error.message}`);
    payload = past.upcast(parsed.data as never);
  }
  const current = definition.schema.safeParse(payload);
  if (!current.success)
    throw new InvalidEventPayloadError(`${type} v${definition.version}: ${current.error.message}`);
  return current.data;
}
