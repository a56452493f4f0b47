import * as z from 'zod';

/**
 * Personal data in events, declared where the events are: every field that can hold it carries this
 * annotation, which reaches the published schemas (`client/event-schemas.json`, the AsyncAPI document,
 * the EventBridge registry) so consumers know which fields are a person's and how erasure reaches them.
 */
export const PERSONAL_DATA = 'x-personal-data';

export type PersonalDataKind = 'name' | 'email' | 'phone' | 'free-text';

/**
 * What a field holds, and how erasure reaches it. With `sealedWith`, the value is sealed (`enc:…`)
 * with a key of the ring of the person whose id is in the first of those fields (beside it) that is
 * present: destroying that ring erases every copy at once. Without it, the value is stored as written
 * and `about` says whose it is (erasure does not reach it: README, "What erasure leaves").
 */
export interface PersonalDataMark {
  readonly kind: PersonalDataKind;
  readonly sealedWith?: readonly [string, ...string[]];
  readonly about?: string;
}

/** Sealed with a person's first (enrolment) key: `enc:v1:<iv>:<ciphertext+tag>`. */
export const ENROLMENT_PREFIX = 'enc:v1:';
/** Sealed with another key of their ring: `enc:v2:<keyId>:<iv>:<ciphertext+tag>`. */
export const RING_PREFIX = 'enc:v2:';

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && (value.startsWith(ENROLMENT_PREFIX) || value.startsWith(RING_PREFIX));

/** Annotates a field as personal data (the annotation alone: no check of what it holds). */
export const personal = <S extends z.ZodType>(schema: S, mark: PersonalDataMark): S =>
  schema.meta({ [PERSONAL_DATA]: mark });

/**
 * A person's name, email or phone as an event written now holds it: sealed with a key of the ring of
 * the person named in `sealedWith`. The command service refuses to append a value in the clear there
 * (`refuseUnsealed`), so a marked field cannot be stored readable by mistake; reading history does
 * not re-check it.
 */
export const sealed = (kind: PersonalDataKind, sealedWith: readonly [string, ...string[]]) =>
  personal(z.string(), { kind, sealedWith });

export const personalDataMarkOf = (schema: z.ZodType): PersonalDataMark | undefined =>
  z.globalRegistry.get(schema)?.[PERSONAL_DATA] as PersonalDataMark | undefined;

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** The schema inside wrappers that do not change what is stored (optional, nullable, default, lazy…). */
function unwrapped(schema: z.ZodType): { schema: z.ZodType; mark: PersonalDataMark | undefined } {
  let current = schema;
  for (;;) {
    const mark = personalDataMarkOf(current);
    if (mark) return { schema: current, mark };
    const def = defOf(current);
    if (
      ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)
    )
      current = def.innerType as z.ZodType;
    else if (def.type === 'lazy') current = (def.getter as () => z.ZodType)();
    else if (def.type === 'pipe') current = def.in as z.ZodType;
    else return { schema: current, mark: undefined };
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const holdsMarks = new WeakMap<z.ZodType, boolean>();
const holdsSealed = new WeakMap<z.ZodType, boolean>();

/** Whether any field the schema describes (at any depth) is marked as personal data (sealed, or any). */
export function hasPersonalData(schema: z.ZodType, sealedOnly = false): boolean {
  const cache = sealedOnly ? holdsSealed : holdsMarks;
  const known = cache.get(schema);
  if (known !== undefined) return known;
  cache.set(schema, false); // a recursive schema is not walked twice
  const { schema: inner, mark } = unwrapped(schema);
  const def = defOf(inner);
  const children: z.ZodType[] =
    def.type === 'object'
      ? Object.values(def.shape as Record<string, z.ZodType>)
      : def.type === 'array'
        ? [def.element as z.ZodType]
        : def.type === 'union'
          ? (def.options as z.ZodType[])
          : def.type === 'record'
            ? [def.valueType as z.ZodType]
            : [];
  const holds =
    (mark !== undefined && (!sealedOnly || mark.sealedWith !== undefined)) ||
    children.some((child) => hasPersonalData(child, sealedOnly));
  cache.set(schema, holds);
  return holds;
}

/** A sealed value met in a walk: the value, its mark and the object holding it (whose ids name its person). */
export type MarkedValue = (value: unknown, mark: PersonalDataMark, owner: Record<string, unknown>) => unknown;

/**
 * A copy of `value` (a payload of `schema`) with every sealed field replaced by what `visit` returns
 * for it (removed when it returns undefined); parts holding nothing sealed are shared, not copied.
 */
export function mapSealedData(schema: z.ZodType, value: unknown, visit: MarkedValue): unknown {
  if (!hasPersonalData(schema, true)) return value;
  const { schema: inner } = unwrapped(schema);
  const def = defOf(inner);
  if (def.type === 'object' && isRecord(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [field, fieldSchema] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      if (!(field in value)) continue;
      const { mark } = unwrapped(fieldSchema);
      const mapped = mark?.sealedWith
        ? visit(value[field], mark, value)
        : mapSealedData(fieldSchema, value[field], visit);
      if (mapped === undefined) delete out[field];
      else out[field] = mapped;
    }
    return out;
  }
  if (def.type === 'array' && Array.isArray(value))
    return value.map((item) => mapSealedData(def.element as z.ZodType, item, visit));
  if (def.type === 'record' && isRecord(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        mapSealedData(def.valueType as z.ZodType, item, visit),
      ]),
    );
  if (def.type === 'union') {
    const option = (def.options as z.ZodType[]).find((o) => o.safeParse(value).success);
    return option ? mapSealedData(option, value, visit) : value;
  }
  return value;
}

/** Where a payload holds a value in the clear that its schema says is sealed (`[]` when none). */
export function unsealedIn(schema: z.ZodType, data: unknown): string[] {
  const found: string[] = [];
  mapSealedData(schema, data, (value, mark, owner) => {
    if (typeof value === 'string' && !isSealed(value))
      found.push(
        `${mark.kind} of ${(mark.sealedWith ?? []).map((id) => owner[id]).find(Boolean) ?? 'someone'}`,
      );
    return value;
  });
  return found;
}

/** Every marked field of a schema, by path (`[]` for an array's items), as consumers read the marks. */
export function personalFieldsOf(
  schema: z.ZodType,
  at: readonly string[] = [],
): { path: string[]; mark: PersonalDataMark; schema: z.ZodType }[] {
  const { schema: inner, mark } = unwrapped(schema);
  if (mark) return [{ path: [...at], mark, schema: inner }];
  const def = defOf(inner);
  if (def.type === 'object')
    return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([field, fieldSchema]) =>
      personalFieldsOf(fieldSchema, [...at, field]),
    );
  if (def.type === 'array') return personalFieldsOf(def.element as z.ZodType, [...at, '[]']);
  if (def.type === 'record') return personalFieldsOf(def.valueType as z.ZodType, [...at, '{}']);
  if (def.type === 'union') return (def.options as z.ZodType[]).flatMap((o) => personalFieldsOf(o, at));
  return [];
}

/** Free text that can mention people (a reason, a note, a story), stored as written. */
export const freeText = () => personal(z.string(), { kind: 'free-text' });

/**
 * The name of someone the ledger keeps no record (and so no key ring) of, as the paper record states
 * it: stored as written, and `about` says whose it is.
 */
export const nameOfSomeoneUnrecorded = (about: string) => personal(z.string(), { kind: 'name', about });
