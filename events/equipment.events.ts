import * as z from 'zod';
import { defineEvent, type EventOf } from './define.js';
import { freeText, nameOfSomeoneUnrecorded } from './personal-data.js';
import { Instant } from './shared.js';

/**
 * "Four sports into the community": the sports venues with their equipment register (one `venue`
 * stream each: the venue, then every item installed there, inspected, maintained and retired) and
 * the sports instructors with the sessions they lead (one `instructor` stream each). Dates a person
 * gives are stored as instants, read in the venue's (or session's) `timeZone`.
 */

export const venueKinds = [
  'fitness-station',
  'court',
  'square',
  'library',
  'hall',
  'field',
  'pool',
  'other',
] as const;
export const VenueKind = z.enum(venueKinds);

export const VenueRegistered = defineEvent(
  'VenueRegistered',
  z.object({
    venueId: z.string(),
    /** The plan it serves, when one was named: its time zone is the venue's. */
    planId: z.string().optional(),
    name: z.string(),
    kind: VenueKind,
    location: z.string(),
    timeZone: z.string(),
  }),
);

/** An item of equipment put into service at the venue; `inspectEveryDays` is how long an inspection holds. */
export const EquipmentInstalled = defineEvent(
  'EquipmentInstalled',
  z.object({
    equipmentId: z.string(),
    item: z.string(),
    quantity: z.number().int().positive(),
    installedOn: Instant,
    inspectEveryDays: z.number().int().positive(),
  }),
);

export const equipmentConditions = ['good', 'needs-repair', 'unsafe'] as const;
export const EquipmentCondition = z.enum(equipmentConditions);

export const EquipmentInspected = defineEvent(
  'EquipmentInspected',
  z.object({
    equipmentId: z.string(),
    inspectedOn: Instant,
    inspector: nameOfSomeoneUnrecorded('who inspected it, as the inspection record names them'),
    condition: EquipmentCondition,
    notes: freeText().optional(),
  }),
);

export const EquipmentMaintained = defineEvent(
  'EquipmentMaintained',
  z.object({
    equipmentId: z.string(),
    doneOn: Instant,
    by: nameOfSomeoneUnrecorded('who did the work, as the maintenance record names them'),
    work: freeText(),
  }),
);

/** Taken out of service: no inspection or maintenance is recorded for it afterwards. */
export const EquipmentRetired = defineEvent(
  'EquipmentRetired',
  z.object({ equipmentId: z.string(), retiredOn: Instant, reason: freeText() }),
);

/** A sports instructor (a name and a specialty, never contact data). */
export const InstructorRegistered = defineEvent(
  'InstructorRegistered',
  z.object({
    instructorId: z.string(),
    name: nameOfSomeoneUnrecorded("the instructor's name (instructors have no key ring yet)"),
    /** The resident they are, when they live in the community. */
    residentId: z.string().optional(),
    specialty: z.string(),
    /** `yyyy-mm-dd`: the last day their certification is valid. */
    certifiedUntil: z.string().optional(),
  }),
);

/** A session the instructor led: a lecture, a class, guidance at a practice point. */
export const InstructorSessionHeld = defineEvent(
  'InstructorSessionHeld',
  z.object({
    sessionId: z.string(),
    heldOn: Instant,
    /** The zone `heldOn` was given in (the activity's plan's, the venue's, or the community's). */
    timeZone: z.string(),
    /** The `sports-fitness` activity it was part of. */
    activityId: z.string().optional(),
    venueId: z.string().optional(),
    topic: z.string(),
    participants: z.number().int().min(0).optional(),
  }),
);

export const equipmentEvents = [
  VenueRegistered,
  EquipmentInstalled,
  EquipmentInspected,
  EquipmentMaintained,
  EquipmentRetired,
  InstructorRegistered,
  InstructorSessionHeld,
] as const;

export type VenueEvent =
  | EventOf<typeof VenueRegistered>
  | EventOf<typeof EquipmentInstalled>
  | EventOf<typeof EquipmentInspected>
  | EventOf<typeof EquipmentMaintained>
  | EventOf<typeof EquipmentRetired>;
export type InstructorEvent = EventOf<typeof InstructorRegistered> | EventOf<typeof InstructorSessionHeld>;
export type EquipmentEvent = VenueEvent | InstructorEvent;
