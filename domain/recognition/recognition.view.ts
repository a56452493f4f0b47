import * as z from 'zod';
import { type DomainEvent, GoodDeedRecorded, ModelNamed } from '../../events/index.js';
import { residentKey } from '../resident/resident.view.js';
import type { PartitionSlice, Projection } from '../shared/projection.js';

export const GoodDeed = GoodDeedRecorded.schema.extend({ recordedAt: z.string() });
export type GoodDeed = z.infer<typeof GoodDeed>;
export const ModelEntry = ModelNamed.schema.extend({ recordedAt: z.string() });
export type ModelEntry = z.infer<typeof ModelEntry>;

export const goodDeedKey = (community: string, deedId: string) => ({
  pk: `${community}#deed#${deedId}`,
  sk: 'detail',
});
export const residentGoodDeedKey = (community: string, residentId: string, deedId: string) => ({
  pk: residentKey(community, residentId).pk,
  sk: `deed#${deedId}`,
});
export const modelKey = (community: string, residentId: string, modelId: string) => ({
  pk: residentKey(community, residentId).pk,
  sk: `model#${modelId}`,
});
/** A resident's good deeds and the models they were named, in the partition of their profile. */
export const goodDeedsOf = (community: string, residentId: string): PartitionSlice => ({
  pk: residentKey(community, residentId).pk,
  skPrefix: 'deed#',
});
export const modelsOf = (community: string, residentId: string): PartitionSlice => ({
  pk: residentKey(community, residentId).pk,
  skPrefix: 'model#',
});
/** A plan's list of good deeds, by date. */
export const goodDeedsList = (community: string, planId: string) => `${community}#plan#${planId}#good-deeds`;
/** The community's models, by when they were named. */
export const modelsList = (community: string) => `${community}#models`;

/** The list of good deeds, per plan by date. */
export const goodDeeds: Projection<DomainEvent, GoodDeed> = {
  name: 'good-deeds',
  schema: GoodDeed,
  keys: (event, context) =>
    event.type === 'GoodDeedRecorded' ? [goodDeedKey(context.community, event.data.deedId)] : [],
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
  schema: GoodDeed,
  keys: (event, context) =>
    event.type === 'GoodDeedRecorded'
      ? event.data.residentIds.map((id) => residentGoodDeedKey(context.community, id, event.data.deedId))
      : [],
  apply: (current, event, context) =>
    event.type === 'GoodDeedRecorded'
      ? { data: { ...event.data, recordedAt: context.recordedAt } }
      : (current ?? null),
};

export const models: Projection<DomainEvent, ModelEntry> = {
  name: 'models',
  schema: ModelEntry,
  keys(event, context) {
    return event.type === 'ModelNamed'
      ? [modelKey(context.community, event.data.residentId, event.data.modelId)]
      : [];
  },
  apply(current, event, context) {
    return event.type === 'ModelNamed'
      ? {
          data: { ...event.data, recordedAt: context.recordedAt },
          gsi1pk: modelsList(context.community),
          gsi1sk: `${context.recordedAt}#${event.data.modelId}`,
        }
      : (current ?? null);
  },
};
