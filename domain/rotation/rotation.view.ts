import * as z from 'zod';
import {
  type DomainEvent,
  type RotationAnnounced,
  RotationDrawn,
  RotationParticipant,
  RotationSlot,
  RotationSlotsSwapped,
} from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { Projection } from '../shared/projection.js';

/** A slot with who holds it now (swaps applied) and who the draw gave it to. */
export const RotationSlotView = RotationSlot.extend({
  participant: z.string().optional().describe('who performs in this slot now, swaps applied'),
  drawnParticipant: z.string().optional().describe('who the draw gave this slot'),
});

/** A rotation: its roster, its slots as they stand, the draw as it was drawn and every swap since. */
export const RotationDetail = z.object({
  rotationId: z.string(),
  planId: z.string(),
  title: z.string(),
  timeZone: z.string(),
  status: z.enum(['announced', 'drawn']),
  seedDay: z.string(),
  algorithm: z.string(),
  announcedAt: z.string(),
  participants: z.array(RotationParticipant),
  slots: z.array(RotationSlotView),
  draw: RotationDrawn.schema.extend({ drawnAt: z.string() }).optional(),
  swaps: z.array(RotationSlotsSwapped.schema.extend({ recordedAt: z.string() })),
});
export type RotationDetail = z.infer<typeof RotationDetail>;

export const rotationKey = (community: string, rotationId: string) => ({
  community,
  view: 'rotation',
  id: [rotationId],
});
/** A plan's rotations, by when they were announced. */
export const rotationsList = (community: string, planId: string) => ({
  community,
  list: 'rotations',
  of: planId,
});

type Announced = z.infer<typeof RotationAnnounced.schema>;
const detailOf = (data: Announced, announcedAt: string): RotationDetail => ({
  ...data,
  status: 'announced',
  announcedAt,
  slots: data.slots,
  swaps: [],
});

/** The rotation's detail, listed per plan; the slots show the current holder and the drawn one. */
export const rotationDetails: Projection<DomainEvent, RotationDetail> = {
  name: 'rotation-details',
  schema: RotationDetail,
  touches(event, context) {
    switch (event.type) {
      case 'RotationAnnounced':
      case 'RotationDrawn':
      case 'RotationSlotsSwapped':
        return [rotationKey(context.community, entityIdOf(context.streamId))];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
    if (event.type === 'RotationAnnounced')
      return {
        data: detailOf(event.data, context.recordedAt),
        placement: {
          list: rotationsList(context.community, event.data.planId),
          order: [context.recordedAt, event.data.rotationId],
        },
      };
    if (!current) return null;
    const data = current.data;
    if (event.type === 'RotationDrawn') {
      const holder = new Map(event.data.assignments.map((a) => [a.slot, a.participant]));
      const slots = data.slots.map((s) => ({
        ...s,
        participant: holder.get(s.number),
        drawnParticipant: holder.get(s.number),
      }));
      return {
        ...current,
        data: { ...data, status: 'drawn', slots, draw: { ...event.data, drawnAt: context.recordedAt } },
      };
    }
    if (event.type === 'RotationSlotsSwapped') {
      const { slotA, slotB, participantA, participantB } = event.data;
      const slots = data.slots.map((s) =>
        s.number === slotA
          ? { ...s, participant: participantB }
          : s.number === slotB
            ? { ...s, participant: participantA }
            : s,
      );
      const swaps = [...data.swaps, { ...event.data, recordedAt: context.recordedAt }];
      return { ...current, data: { ...data, slots, swaps } };
    }
    return current;
  },
};

export const rotationProjections: readonly Projection<DomainEvent, Record<string, unknown>>[] = [
  rotationDetails as Projection<DomainEvent, Record<string, unknown>>,
];
