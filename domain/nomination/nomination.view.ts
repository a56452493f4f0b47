import * as z from 'zod';
import { type DomainEvent, FamilyNominated, NominationDecided, RoundOpened } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { EventContext, Projection } from '../shared/projection.js';

/** A "good family style" round as it was opened. */
export const RoundDetail = RoundOpened.schema.extend({ openedAt: z.string() });
export type RoundDetail = z.infer<typeof RoundDetail>;

/** One row per nomination: everything the ranking and its explanation need. */
export const NominationRow = FamilyNominated.schema.extend({
  nominatedAt: z.string(),
  status: z.enum(['open', 'withdrawn', 'decided']),
  endorsements: z.number(),
  scores: z.record(
    z.string(),
    z.object({ scores: z.record(z.string(), z.number()), recordedAt: z.string() }),
  ),
  recusals: z.record(z.string(), z.object({ reason: z.string(), automatic: z.boolean() })),
  withdrawal: z.object({ reason: z.string(), at: z.string() }).optional(),
  decision: NominationDecided.schema.extend({ at: z.string() }).optional(),
});
export type NominationRow = z.infer<typeof NominationRow>;

export const roundKey = (community: string, roundId: string) => ({ community, view: 'round', id: [roundId] });
export const nominationKey = (community: string, nominationId: string) => ({
  community,
  view: 'nomination',
  id: [nominationId],
});
/** Every round of the community. */
export const roundsList = (community: string) => ({ community, list: 'rounds' });
export const roundNominationsList = (community: string, roundId: string) => ({
  community,
  list: 'nominations',
  of: roundId,
});
const idOf = (context: EventContext) => entityIdOf(context.streamId);

export const roundDetails: Projection<DomainEvent, RoundDetail> = {
  name: 'round-details',
  schema: RoundDetail,
  touches: (event, context) =>
    event.type === 'RoundOpened' ? [roundKey(context.community, idOf(context))] : [],
  evolve(current, event, context) {
    if (event.type !== 'RoundOpened') return current ?? null;
    return {
      data: { ...event.data, openedAt: context.recordedAt },
      placement: { list: roundsList(context.community), order: [event.data.roundId] },
    };
  },
};

export const nominationRows: Projection<DomainEvent, NominationRow> = {
  name: 'nomination-rows',
  schema: NominationRow,
  touches(event, context) {
    switch (event.type) {
      case 'FamilyNominated':
      case 'NominationEndorsed':
      case 'JudgeRecused':
      case 'NominationScored':
      case 'NominationWithdrawn':
      case 'NominationDecided':
        return [nominationKey(context.community, idOf(context))];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
    if (event.type === 'FamilyNominated') {
      return {
        data: {
          ...event.data,
          nominatedAt: context.recordedAt,
          status: 'open',
          endorsements: 0,
          scores: {},
          recusals: {},
        },
        placement: {
          list: roundNominationsList(context.community, event.data.roundId),
          order: [event.data.nominationId],
        },
      };
    }
    if (!current) return null;
    const row = current.data;
    switch (event.type) {
      case 'NominationEndorsed':
        return { ...current, data: { ...row, endorsements: row.endorsements + 1 } };
      case 'JudgeRecused':
        return {
          ...current,
          data: {
            ...row,
            recusals: {
              ...row.recusals,
              [event.data.judgeId]: { reason: event.data.reason, automatic: event.data.automatic },
            },
          },
        };
      case 'NominationScored':
        return {
          ...current,
          data: {
            ...row,
            scores: {
              ...row.scores,
              [event.data.judgeId]: { scores: event.data.scores, recordedAt: context.recordedAt },
            },
          },
        };
      case 'NominationWithdrawn':
        return {
          ...current,
          data: {
            ...row,
            status: 'withdrawn',
            withdrawal: { reason: event.data.reason, at: context.recordedAt },
          },
        };
      case 'NominationDecided':
        return {
          ...current,
          data: { ...row, status: 'decided', decision: { ...event.data, at: context.recordedAt } },
        };
      default:
        return current;
    }
  },
};
