import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decodeEvent,
  encodeEvent,
  eventRegistry,
  ResidentEnrolled,
  refuseUnsealed,
} from '../../events/index.js';

describe('event catalogue', () => {
  it('writes events at their current version after validating the payload', () => {
    const encoded = encodeEvent('ResidentEnrolled', {
      residentId: 'R',
      name: 'Chen Jing',
      householdId: 'H',
      partyMember: true,
    });
    expect(encoded.schemaVersion).toBe(ResidentEnrolled.version);
    expect(ResidentEnrolled.version).toBe(2);
    expect(() => encodeEvent('ResidentEnrolled', { residentId: 'R' })).toThrow(/ResidentEnrolled/);
    expect(() => encodeEvent('Nope', {})).toThrow(/unknown event type/);
  });

  it('refuses a decided event holding in the clear what the catalogue seals, without quoting it', () => {
    const plain = { residentId: 'R', name: 'Chen Jing', householdId: 'H', partyMember: true };
    expect(() => refuseUnsealed('ResidentEnrolled', plain)).toThrow(
      /written in the clear, not sealed: name of R$/,
    );
    expect(() => refuseUnsealed('ResidentEnrolled', { ...plain, name: 'enc:v1:aXY:Y2lwaGVy' })).not.toThrow();
    expect(() => refuseUnsealed('ActivityCancelled', { reason: 'Mr Li is ill' })).not.toThrow();
  });

  it('upcasts a v1 ResidentEnrolled (before party membership was recorded) to v2', () => {
    const v1 = {
      residentId: 'R1',
      name: 'Zhao Lei',
      householdId: 'H-3',
      building: '5',
      phone: '13800000000',
    };
    expect(decodeEvent('ResidentEnrolled', 1, v1)).toEqual({ ...v1, partyMember: false });
  });

  it('reads a v1 delivery (recipients by address) as v2, which names no one and keeps no address', () => {
    const v1 = {
      planId: 'P',
      period: '2026-Q1',
      recipients: ['lead@example.org'],
      asOf: '01J00000000000000000000000',
      trigger: 'schedule',
    };
    const { recipients: _addresses, ...rest } = v1;
    expect(decodeEvent('ReportSent', 1, v1)).toEqual({ ...rest, recipients: [] });
    expect(decodeEvent('ReportDeliveryFailed', 1, { recipients: ['lead@example.org'], reason: 'x' })).toEqual(
      {
        recipients: [],
        reason: 'x',
      },
    );
  });

  it('reads the current version unchanged and refuses versions it does not know', () => {
    const v2 = { residentId: 'R2', name: 'Li Na', householdId: 'H', partyMember: true, branch: 'Branch 2' };
    expect(decodeEvent('ResidentEnrolled', 2, v2)).toEqual(v2);
    expect(() => decodeEvent('ResidentEnrolled', 3, v2)).toThrow(/newer than this code/);
    expect(() => decodeEvent('ResidentEnrolled', 1, { name: 'no ids' })).toThrow(/v1/);
    expect(() => decodeEvent('NoSuchEvent', 1, {})).toThrow(/unknown event type/);
  });

  it('has a definition for every type it names, with versions 1..n', () => {
    for (const [type, definition] of eventRegistry) {
      expect(definition.type).toBe(type);
      expect(definition.past.map((p) => p.version)).toEqual(
        Array.from({ length: definition.version - 1 }, (_, i) => i + 1),
      );
    }
  });

  it('serialises canonically: key order never changes the text', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], u: undefined })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});
