import * as z from 'zod';
import {
  type DomainEvent,
  EquipmentInspected,
  EquipmentInstalled,
  EquipmentMaintained,
  EquipmentRetired,
  InstructorRegistered,
  InstructorSessionHeld,
  VenueRegistered,
} from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { Projection, ViewDocument } from '../shared/projection.js';
import { localDate } from '../shared/time.js';

/**
 * The sports venues' equipment registers and the instructors' sessions. Every fact keeps the instant
 * it was recorded at beside the date it happened on, so the register can be judged as of any instant.
 */

const recorded = { recordedAt: z.string() };

export const VenueDetail = VenueRegistered.schema.extend({ registeredAt: z.string() });
export type VenueDetail = z.infer<typeof VenueDetail>;

export const InspectionEntry = EquipmentInspected.schema.omit({ equipmentId: true }).extend(recorded);
export const MaintenanceEntry = EquipmentMaintained.schema.omit({ equipmentId: true }).extend(recorded);
export type InspectionEntry = z.infer<typeof InspectionEntry>;
export type MaintenanceEntry = z.infer<typeof MaintenanceEntry>;

/** One item of a venue's register with every inspection and maintenance it had, in the order recorded. */
export const EquipmentRow = EquipmentInstalled.schema.extend({
  venueId: z.string(),
  installedAt: z.string(),
  inspections: z.array(InspectionEntry),
  maintenance: z.array(MaintenanceEntry),
  retired: EquipmentRetired.schema.omit({ equipmentId: true }).extend(recorded).optional(),
});
export type EquipmentRow = z.infer<typeof EquipmentRow>;

export const InstructorDetail = InstructorRegistered.schema.extend({
  registeredAt: z.string(),
  sessionsTotal: z.number().int(),
});
export type InstructorDetail = z.infer<typeof InstructorDetail>;

export const InstructorSession = InstructorSessionHeld.schema.extend({
  instructorId: z.string(),
  /** `yyyy-mm-dd` of `heldOn` in its zone: the day periods count it on. */
  heldDay: z.string(),
  recordedAt: z.string(),
});
export type InstructorSession = z.infer<typeof InstructorSession>;

export const venueKey = (community: string, venueId: string) => ({ community, view: 'venue', id: [venueId] });
export const equipmentKey = (community: string, venueId: string, equipmentId: string) => ({
  community,
  view: 'equipment',
  id: [venueId, equipmentId],
});
/** A venue's register: its equipment rows, grouped under the venue. */
export const registerOf = (community: string, venueId: string) => ({
  community,
  view: 'equipment',
  within: [venueId],
});
/** The community's venues, by name. */
export const venuesList = (community: string) => ({ community, list: 'venues' });
/** Every item of every venue, by venue: what the overdue answer and the inspection metric read. */
export const equipmentList = (community: string) => ({ community, list: 'equipment' });

export const instructorKey = (community: string, instructorId: string) => ({
  community,
  view: 'instructor',
  id: [instructorId],
});
export const instructorSessionKey = (
  community: string,
  instructorId: string,
  heldOn: string,
  sessionId: string,
) => ({ community, view: 'instructor-session', id: [instructorId, heldOn, sessionId] });
export const sessionsOf = (community: string, instructorId: string) => ({
  community,
  view: 'instructor-session',
  within: [instructorId],
});
/** The community's instructors, by name. */
export const instructorsList = (community: string) => ({ community, list: 'instructors' });
/** Every instructor's sessions, by the day they were held: a period is a range of it. */
export const instructorSessionsList = (community: string) => ({ community, list: 'instructor-sessions' });
/** The sessions held between two days (`yyyy-mm-dd`, both included). */
export const sessionsBetween = (community: string, from: string, to: string) => ({
  list: instructorSessionsList(community),
  from,
  to,
});

export const venueDetails: Projection<DomainEvent, VenueDetail> = {
  name: 'venue-details',
  schema: VenueDetail,
  touches: (event, context) =>
    event.type === 'VenueRegistered' ? [venueKey(context.community, event.data.venueId)] : [],
  evolve(current, event, context) {
    if (event.type !== 'VenueRegistered') return current ?? null;
    return {
      data: { ...event.data, registeredAt: context.recordedAt },
      placement: { list: venuesList(context.community), order: [event.data.name, event.data.venueId] },
    };
  },
};

function nextRow(current: ViewDocument<EquipmentRow>, event: DomainEvent, recordedAt: string): EquipmentRow {
  const row = current.data;
  switch (event.type) {
    case 'EquipmentInspected': {
      const { equipmentId: _e, ...entry } = event.data;
      return { ...row, inspections: [...row.inspections, { ...entry, recordedAt }] };
    }
    case 'EquipmentMaintained': {
      const { equipmentId: _e, ...entry } = event.data;
      return { ...row, maintenance: [...row.maintenance, { ...entry, recordedAt }] };
    }
    case 'EquipmentRetired': {
      const { equipmentId: _e, ...entry } = event.data;
      return { ...row, retired: { ...entry, recordedAt } };
    }
    default:
      return row;
  }
}

const equipmentEventTypes = new Set([
  'EquipmentInstalled',
  'EquipmentInspected',
  'EquipmentMaintained',
  'EquipmentRetired',
]);

/** One row per item, under its venue and on the community's equipment list. */
export const equipmentRegister: Projection<DomainEvent, EquipmentRow> = {
  name: 'equipment-register',
  schema: EquipmentRow,
  touches(event, context) {
    if (!equipmentEventTypes.has(event.type)) return [];
    const { equipmentId } = event.data as { equipmentId: string };
    return [equipmentKey(context.community, entityIdOf(context.streamId), equipmentId)];
  },
  evolve(current, event, context) {
    const venueId = entityIdOf(context.streamId);
    const list = equipmentList(context.community);
    if (event.type === 'EquipmentInstalled') {
      const data = {
        ...event.data,
        venueId,
        installedAt: context.recordedAt,
        inspections: [],
        maintenance: [],
      };
      return { data, placement: { list, order: [venueId, event.data.equipmentId] } };
    }
    if (!current) return null;
    return { ...current, data: nextRow(current, event, context.recordedAt) };
  },
};

export const instructorDetails: Projection<DomainEvent, InstructorDetail> = {
  name: 'instructor-details',
  schema: InstructorDetail,
  touches: (event, context) =>
    event.type === 'InstructorRegistered' || event.type === 'InstructorSessionHeld'
      ? [instructorKey(context.community, entityIdOf(context.streamId))]
      : [],
  evolve(current, event, context) {
    if (event.type === 'InstructorRegistered')
      return {
        data: { ...event.data, registeredAt: context.recordedAt, sessionsTotal: 0 },
        placement: {
          list: instructorsList(context.community),
          order: [event.data.name, event.data.instructorId],
        },
      };
    if (event.type !== 'InstructorSessionHeld' || !current) return current ?? null;
    return { ...current, data: { ...current.data, sessionsTotal: current.data.sessionsTotal + 1 } };
  },
};

/** Each session under its instructor (by when it was held) and on the community's list (by day). */
export const instructorSessions: Projection<DomainEvent, InstructorSession> = {
  name: 'instructor-sessions',
  schema: InstructorSession,
  touches: (event, context) =>
    event.type === 'InstructorSessionHeld'
      ? [
          instructorSessionKey(
            context.community,
            entityIdOf(context.streamId),
            event.data.heldOn,
            event.data.sessionId,
          ),
        ]
      : [],
  evolve(current, event, context) {
    if (event.type !== 'InstructorSessionHeld') return current ?? null;
    const heldDay = localDate(event.data.heldOn, event.data.timeZone);
    return {
      data: {
        ...event.data,
        instructorId: entityIdOf(context.streamId),
        heldDay,
        recordedAt: context.recordedAt,
      },
      placement: { list: instructorSessionsList(context.community), order: [heldDay, event.data.sessionId] },
    };
  },
};

export const equipmentProjections: readonly Projection<DomainEvent, Record<string, unknown>>[] = [
  venueDetails,
  equipmentRegister,
  instructorDetails,
  instructorSessions,
];
