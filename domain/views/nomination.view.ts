import type { DomainEvent } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { EventContext, Projection } from './projection.js';

export type RoundDetail = Extract<DomainEvent, { type: 'RoundOpened' }>['data'] & { openedAt: string };

export type NominationRow = {
  nominationId: string;
  roundId: string;
  householdId: string;
  familyName: string;
  nominatedBy: string;
  motto?: string;
  story: string;
  consent: { by: string; selfNominated: boolean };
  nominatedAt: string;
  status: 'open' | 'withdrawn' | 'decided';
  endorsements: number;
  scores: Record<string, { scores: Record<string, number>; recordedAt: string }>;
  recusals: Record<string, { reason: string; automatic: boolean }>;
  withdrawal?: { reason: string; at: string };
  decision?: { outcome: 'awarded' | 'commended' | 'not-selected'; rationale: string; at: string };
};

export const roundKey = (community: string, roundId: string) => ({
  pk: `${community}#round#${roundId}`,
  sk: 'detail',
});
export const nominationKey = (community: string, nominationId: string) => ({
  pk: `${community}#nomination#${nominationId}`,
  sk: 'detail',
});
export const roundNominationsList = (community: string, roundId: string) =>
  `${community}#round#${roundId}#nominations`;
const idOf = (context: EventContext) => entityIdOf(context.streamId);

export const roundDetails: Projection<DomainEvent, RoundDetail> = {
  name: 'round-details',
  keys: (event, context) =>
    event.type === 'RoundOpened' ? [roundKey(context.community, idOf(context))] : [],
  apply(current, event, context) {
    if (event.type !== 'RoundOpened') return current ?? null;
    return {
      data: { ...event.data, openedAt: context.recordedAt },
      gsi1pk: `${context.community}#rounds`,
      gsi1sk: event.data.roundId,
    };
  },
};

/** One row per nomination: everything the ranking and its explanation need. */
export const nominationRows: Projection<DomainEvent, NominationRow> = {
  name: 'nomination-rows',
  keys(event, context) {
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
  apply(current, event, context) {
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
        gsi1pk: roundNominationsList(context.community, event.data.roundId),
        gsi1sk: event.data.nominationId,
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
