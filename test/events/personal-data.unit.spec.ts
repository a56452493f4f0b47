import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type JsonSchema, payloadSchemas } from '../../events/compatibility.js';
import {
  defineEvent,
  type EventDefinition,
  encodeEvent,
  eventRegistry,
  freeText,
  nameOfSomeoneUnrecorded,
  PERSONAL_DATA,
  type PersonalDataMark,
  personalFieldsOf,
  refuseUnsealed,
  sealed,
} from '../../events/index.js';

/**
 * Issue 27: personal data in events is declared in the schemas consumers read, and what names a
 * person is sealed with that person's key ring. This walks every type and version of the catalogue
 * as it is published and fails on a field that looks personal but is not marked, or that names a
 * person and is not sealed.
 */

/** Field names that say a person's name, email, phone or address, or who did something (ids aside). */
const identifying =
  /name$|e-?mail|phone|mobile|address|recipient|lecturer|inspector|instructor|author|^by$|By$/i;
/** Field names of free text, which can say anything about anyone. */
const freeTextName =
  /^(reason|note|notes|text|story|motto|citation|description|comments?|rationale|summary|trainingPlan|work)$/;
const looksPersonal = (name: string) =>
  (identifying.test(name) && !/Ids?$/.test(name)) || freeTextName.test(name);

/** Fields whose names look personal but hold no person's data, each with why. */
const notAPersonsData: Record<string, string> = {
  'PlanCreated.communityName': "the community's name",
  'VenueRegistered.name': "a venue's name",
  'RotationAnnounced.participants[].name': "a unit's or a school's name",
  'BookRecommended.author': "a published book's author, as printed on it",
  'FamilyNominated.nominatedBy': 'a resident id',
  'FamilyNominated.consent.by': 'a resident id',
  'TargetSet.description': 'what a target of the plan asks for',
  'RotationSlotsSwapped.swappedBy': "the user id of who swapped (the commit's actor)",
};

/**
 * Names of someone the ledger keeps no record of, stored as written (README, "What erasure leaves").
 * A name, email or phone not sealed is refused unless it is here: adding one is a decision to write down.
 */
const namesInTheClear = [
  'ActivityDetailsChanged.lecturer',
  'ActivityHeld.lecturer',
  'ActivityPlanned.lecturer',
  'ActivitySeriesChanged.change.lecturer',
  'ActivitySeriesPlanned.lecturer',
  'BookRecommended.recommendedBy',
  'EquipmentInspected.inspector',
  'EquipmentMaintained.by',
  'FamilyNominated.familyName',
  'InstructorRegistered.name',
  'StudyMadeUp.makeUp.reviewedBy',
];

interface Field {
  /** `Type.path` (array items as `[]`), as the lists above name it. */
  readonly at: string;
  readonly version: number;
  readonly current: boolean;
  /** The field's own name (an array's, for its items). */
  readonly name: string;
  readonly schema: JsonSchema;
  /** The object schema the field belongs to. */
  readonly owner: JsonSchema;
}

/** Every string field of a published payload schema (through objects, arrays and unions). */
function stringFields(
  schema: JsonSchema,
  at: string,
  name: string,
  owner: JsonSchema,
): Omit<Field, 'version' | 'current'>[] {
  const alternatives = [...((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[])];
  if (alternatives.length > 0) return alternatives.flatMap((s) => stringFields(s, at, name, owner));
  // A string of a few known values (an enum, a literal) holds nothing anyone wrote.
  if (schema.type === 'string') return schema.enum || 'const' in schema ? [] : [{ at, name, schema, owner }];
  if (schema.type === 'array') return stringFields(schema.items as JsonSchema, `${at}[]`, name, owner);
  if (schema.type === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const fields = Object.entries(properties).flatMap(([field, property]) =>
      stringFields(property, `${at}.${field}`, field, schema),
    );
    const values = schema.additionalProperties;
    return typeof values === 'object'
      ? [...fields, ...stringFields(values as JsonSchema, `${at}{}`, name, schema)]
      : fields;
  }
  return [];
}

/** Every string field of every version of these event types, as published. */
const fieldsOf = (definitions: Iterable<EventDefinition>): Field[] =>
  [...definitions].flatMap((definition) =>
    Object.entries(payloadSchemas(definition)).flatMap(([version, schema]) =>
      stringFields(schema, definition.type, '', schema).map((field) => ({
        ...field,
        version: Number(version),
        current: Number(version) === definition.version,
      })),
    ),
  );
const markOf = (field: Field) => field.schema[PERSONAL_DATA] as PersonalDataMark | undefined;
const named = (field: Field) => `${field.at} v${field.version}`;
const naming = (mark: PersonalDataMark) => mark.kind !== 'free-text';

/** Fields that look personal and carry no mark. */
const unmarkedIn = (fields: readonly Field[]) =>
  fields
    .filter((f) => looksPersonal(f.name) && !markOf(f))
    .filter((f) => !(f.at in notAPersonsData))
    .map(named);
/** Names, emails and phones a current version keeps in the clear. */
const inTheClearIn = (fields: readonly Field[]) =>
  fields.filter((f) => f.current && markOf(f) && naming(markOf(f)!) && !markOf(f)!.sealedWith);
/** Sealed fields whose object lacks an id their mark says names the ring. */
const ringlessIn = (fields: readonly Field[]) =>
  fields.flatMap((f) =>
    (markOf(f)?.sealedWith ?? [])
      .filter((id) => !(id in ((f.owner.properties ?? {}) as object)))
      .map((id) => `${named(f)} sealed with ${id}`),
  );

const catalogue = fieldsOf(eventRegistry.values());

describe('personal data in the event catalogue', () => {
  it('walks every type and version as published, and finds the personal fields we know of', () => {
    expect(catalogue.length).toBeGreaterThan(150);
    expect(catalogue.filter((f) => markOf(f)?.sealedWith).map(named)).toEqual(
      expect.arrayContaining([
        'ResidentEnrolled.name v2',
        'ResidentEnrolled.phone v2',
        'ResidentEnrolled.email v2',
        'OrganizingGroupAppointed.leader.name v1',
        'OrganizingGroupAppointed.deputies[].email v1',
        'OrganizingGroupAppointed.members[].name v1',
      ]),
    );
  });

  it('marks every field that looks personal: a name, an email, a phone, someone who did something, free text', () => {
    expect(unmarkedIn(catalogue)).toEqual([]);
    // The exceptions are real fields of the catalogue, not a list that drifted away from it.
    for (const at of Object.keys(notAPersonsData)) expect(catalogue.map((f) => f.at)).toContain(at);
  });

  it("seals every current field that names a person with that person's ring, but the names written down as kept in the clear", () => {
    const inTheClear = inTheClearIn(catalogue);
    expect([...new Set(inTheClear.map((f) => f.at))].sort()).toEqual(namesInTheClear);
    // Each says whose name it is.
    for (const field of inTheClear) expect(markOf(field)!.about, named(field)).toBeTruthy();
    // A report's recipients are no longer addresses at all.
    expect(catalogue.filter((f) => f.current && f.at.includes('.recipients')).map(named)).toEqual([
      'ReportSent.recipients[].residentId v2',
      'ReportSent.recipients[].personId v2',
      'ReportDeliveryFailed.recipients[].residentId v2',
      'ReportDeliveryFailed.recipients[].personId v2',
    ]);
  });

  it('names, beside each sealed field, the id of the person whose ring seals it', () => {
    expect(ringlessIn(catalogue)).toEqual([]);
  });

  it('bites: a planted email, free text, name in the clear or sealed field without its id is caught', () => {
    const planted = (shape: z.ZodRawShape) => fieldsOf([defineEvent('Planted', z.object(shape))]);
    expect(unmarkedIn(planted({ contactEmail: z.string(), story: z.string().optional() }))).toEqual([
      'Planted.contactEmail v1',
      'Planted.story v1',
    ]);
    expect(unmarkedIn(planted({ guests: z.array(z.object({ fullName: z.string() })) }))).toEqual([
      'Planted.guests[].fullName v1',
    ]);
    expect(unmarkedIn(planted({ story: freeText(), residentId: z.string() }))).toEqual([]);
    const clear = planted({ guestName: nameOfSomeoneUnrecorded('a guest'), note: freeText() });
    expect(inTheClearIn(clear).map(named)).toEqual(['Planted.guestName v1']);
    expect(ringlessIn(planted({ name: sealed('name', ['personId']) }))).toEqual([
      'Planted.name v1 sealed with personId',
    ]);
    expect(ringlessIn(planted({ name: sealed('name', ['personId']), personId: z.string() }))).toEqual([]);
  });

  it('refuses to write a sealed field in the clear: every one, of every current event that has one', () => {
    let checked = 0;
    for (const definition of eventRegistry.values()) {
      const sealedFields = personalFieldsOf(definition.schema).filter(({ mark }) => mark.sealedWith);
      if (sealedFields.length === 0) continue;
      const payload = sampleOf(payloadSchemas(definition)[String(definition.version)]!);
      expect(() => encodeEvent(definition.type, payload), definition.type).not.toThrow();
      expect(() => refuseUnsealed(definition.type, payload), definition.type).not.toThrow();
      for (const { path } of sealedFields) {
        const plain = structuredClone(payload);
        setAt(plain, path, 'Xiomara Quillfeather');
        const at = `${definition.type}.${path.join('.')}`;
        expect(() => refuseUnsealed(definition.type, plain), at).toThrow(/written in the clear/);
        expect(() => refuseUnsealed(definition.type, plain), at).not.toThrow(/Xiomara/);
        checked++;
      }
    }
    expect(checked).toBe(9);
  });
});

/** A payload of a published schema with every field present; strings marked as sealed hold a sealed value. */
function sampleOf(schema: JsonSchema): unknown {
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return sampleOf(alternatives[0]!);
  if (schema.enum) return (schema.enum as unknown[])[0];
  if ('const' in schema) return schema.const;
  switch (schema.type) {
    case 'string':
      if (schema.pattern || schema.format) throw new Error(`no sample for ${JSON.stringify(schema)}`);
      return (schema[PERSONAL_DATA] as PersonalDataMark | undefined)?.sealedWith
        ? 'enc:v2:1:aXY:Y2lwaGVy'
        : 'x';
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return 1;
    case 'array':
      return [sampleOf(schema.items as JsonSchema)];
    case 'object':
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([k, v]) => [
          k,
          sampleOf(v),
        ]),
      );
    default:
      throw new Error(`no sample for ${JSON.stringify(schema)}`);
  }
}

/** Sets the value at a path of `personalFieldsOf` (`[]`: every item of an array). */
function setAt(target: unknown, path: readonly string[], value: string): void {
  const [head, ...rest] = path;
  if (head === '[]') {
    for (const item of target as unknown[]) rest.length ? setAt(item, rest, value) : undefined;
    return;
  }
  const record = target as Record<string, unknown>;
  if (rest.length === 0) record[head!] = value;
  else setAt(record[head!], rest, value);
}
