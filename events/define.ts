import type * as z from 'zod';

/** An older version of an event's payload and how to lift it to the next version. */
export interface PastVersion {
  readonly version: number;
  readonly schema: z.ZodType;
  /** Turns a payload of this version into one of `version + 1`. */
  readonly upcast: (data: never) => unknown;
}

/** One event type: its current schema and every version ever written (frozen once released). */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly version: number;
  readonly schema: S;
  readonly past: readonly PastVersion[];
}

export function defineEvent<T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  past: readonly PastVersion[] = [],
): EventDefinition<T, S> {
  const version = past.length + 1;
  past.forEach((p, i) => {
    if (p.version !== i + 1) throw new Error(`${type}: past versions must be 1..${version - 1} in order`);
  });
  return { type, version, schema, past };
}

/** Every version of an event's payload ever written, oldest first, the current one last. */
export function versionsOf(
  definition: EventDefinition,
): { readonly version: number; readonly schema: z.ZodType }[] {
  return [
    ...definition.past.map((past) => ({ version: past.version, schema: past.schema })),
    { version: definition.version, schema: definition.schema },
  ];
}

/** The event as deciders see it: a type and its current payload. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.output<S> } : never;
