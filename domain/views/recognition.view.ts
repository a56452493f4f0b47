import type { DomainEvent } from '../../events/index.js';
import type { Projection } from './projection.js';

export type GoodDeed = Extract<DomainEvent, { type: 'GoodDeedRecorded' }>['data'] & { recordedAt: string };
export type ModelEntry = Extract<DomainEvent, { type: 'ModelNamed' }>['data'] & { recordedAt: string };

export const goodDeedsList = (community: string, planId: string) => `${community}#plan#${planId}#good-deeds`;

/** The list of good deeds, per plan by date. */
export const goodDeeds: Projection<DomainEvent, GoodDeed> = {
  name: 'good-deeds',
  keys: (event, context) =>
    event.type === 'GoodDeedRecorded'
      ? [{ pk: `${context.community}#deed#${event.data.deedId}`, sk: 'detail' }]
      : [],
  apply(current, event, context) {
    if (event.type !== 'GoodDeedRecorded') return current ?? null;
    return {
      data: { ...event.data, recordedAt: context.recordedAt },
      gsi1pk: goodDeedsList(context.community, event.data.planId),
      gsi1sk: `${event.data.date}#${event.data.deedId}`,
    };
  },
};

/** Each deed again in every named resident's partition, for their participation page. */
export const residentGoodDeeds: Projection<DomainEvent, GoodDeed> = {
  name: 'resident-good-deeds',
  keys: (event, context) =>
    event.type === 'GoodDeedRecorded'
      ? event.data.residentIds.map((id) => ({
          pk: `${context.community}#resident#${id}`,
          sk: `deed#${event.data.deedId}`,
        }))
      : [],
  apply: (current, event, context) =>
    event.type === 'GoodDeedRecorded'
      ? { data: { ...event.data, recordedAt: context.recordedAt } }
      : (current ?? null),
};

export const models: Projection<DomainEvent, ModelEntry> = {
  name: 'models',
  keys(event, context) {
    return event.type === 'ModelNamed'
      ? [{ pk: `${context.community}#resident#${event.data.residentId}`, sk: `model#${event.data.modelId}` }]
      : [];
  },
  apply(current, event, context) {
    return event.type === 'ModelNamed'
      ? {
          data: { ...event.data, recordedAt: context.recordedAt },
          gsi1pk: `${context.community}#models`,
          gsi1sk: `${context.recordedAt}#${event.data.modelId}`,
        }
      : (current ?? null);
  },
};
