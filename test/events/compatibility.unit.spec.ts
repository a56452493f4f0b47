import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { PUBLISHED_EVENTS_FILE, publishedText, readPublished } from '../../client/publish-events.js';
import { breakingChanges, compareWithPublished, payloadSchemas } from '../../events/compatibility.js';
import { defineEvent } from '../../events/define.js';
import { eventRegistry, ResidentEnrolled } from '../../events/index.js';

/** Issue 27: the events are a contract; a released version never changes under its readers. */
describe('published event schemas', () => {
  it('client/event-schemas.json is what `npm run events` makes of the catalogue today', () => {
    expect(readFileSync(PUBLISHED_EVENTS_FILE, 'utf8')).toBe(publishedText());
  });

  it('every type and version of the catalogue is published, none with a break, none withdrawn', () => {
    expect(compareWithPublished(readPublished(), eventRegistry.values())).toEqual({
      breaks: [],
      unpublished: [],
      withdrawn: [],
    });
    expect(Object.keys(readPublished()).length).toBe(eventRegistry.size);
  });

  describe('a change of a published version that a reader would trip over is caught', () => {
    const published = { ResidentEnrolled: payloadSchemas(ResidentEnrolled) };
    const current = ResidentEnrolled.schema as z.ZodObject;
    const changedTo = (schema: z.ZodType) =>
      compareWithPublished(published, [defineEvent('ResidentEnrolled', schema, ResidentEnrolled.past)])
        .breaks;
    const version = `v${ResidentEnrolled.version}`;

    it('a field removed', () => {
      expect(changedTo(current.omit({ householdId: true }))).toEqual([
        `ResidentEnrolled ${version} data.householdId: removed or renamed`,
      ]);
    });

    it('a field renamed', () => {
      const renamed = current.omit({ householdId: true }).extend({ household: z.string() });
      expect(changedTo(renamed)).toEqual([
        `ResidentEnrolled ${version} data.householdId: removed or renamed`,
        `ResidentEnrolled ${version} data.household: newly required`,
      ]);
    });

    it("a field's type changed", () => {
      expect(changedTo(current.extend({ householdId: z.number() }))).toEqual([
        `ResidentEnrolled ${version} data.householdId: its type changed`,
      ]);
    });

    it('a field newly required', () => {
      expect(changedTo(current.extend({ building: z.string() }))).toEqual([
        `ResidentEnrolled ${version} data.building: newly required`,
      ]);
    });

    it('but not an optional field added, nor a description changed, nor a field marked as personal data', () => {
      expect(changedTo(current.extend({ nickname: z.string().optional() }))).toEqual([]);
      expect(changedTo(current.extend({ householdId: z.string().describe('the household') }))).toEqual([]);
      const marked = z.string().meta({ 'x-personal-data': { kind: 'free-text' } });
      expect(changedTo(current.extend({ householdId: marked }))).toEqual([]);
      // An annotation hides no change of shape under it.
      expect(changedTo(current.extend({ householdId: z.number().meta({ 'x-personal-data': {} }) }))).toEqual([
        `ResidentEnrolled ${version} data.householdId: its type changed`,
      ]);
    });

    it('and a version never published is named, not passed over', () => {
      expect(compareWithPublished({}, [ResidentEnrolled]).unpublished).toContain(
        `ResidentEnrolled ${version}`,
      );
    });

    it('inside arrays and nested objects too', () => {
      const before = {
        type: 'object',
        properties: {
          people: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
          },
        },
        required: ['people'],
      };
      const after = {
        type: 'object',
        properties: { people: { type: 'array', items: { type: 'object', properties: {} } } },
        required: ['people'],
      };
      expect(breakingChanges(before, after)).toEqual(['data.people[].name: removed or renamed']);
    });
  });
});
