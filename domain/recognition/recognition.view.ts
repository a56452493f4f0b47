import * as z from 'zod';
import { type DomainEvent, GoodDeedRecorded, ModelNamed } from '../../events/index.js';
import type { DocumentGroup, Projection } from '../shared/projection.js';

export const GoodDeed = GoodDeedRecorded.schema.extend({ recordedAt: z.string() });
export type GoodDeed = z.infer<typeof GoodDeed>;
export const ModelEntry = ModelNamed.schema.extend({ recordedAt: z.string() });
export type ModelEntry = z.infer<typeof ModelEntry>;

export const goodDeedKey = (community: string, deedId: string) => ({ community, view: 'deed', id: [deedId] });
export const residentGoodDeedKey = (community: string, residentId: string, deedId: string) => ({
  community,
  view: 'resident-deed',
  id: [residentId, deedId],
});
export const modelKey = (community: string, residentId: string, modelId: string) => ({
  community,
  view: 'model',
  id: [residentId, modelId],
});
/** A resident's good deeds and the models they were named, grouped under the resident. */
export const goodDeedsOf = (community: string, residentId: string): DocumentGroup => ({
  community,
  view: 'resident-deed',
  within: [residentId],
});
export const modelsOf = (community: string, residentId: string): DocumentGroup => ({
  community,
  view: 'model',
  within: [residentId],
});
/** A plan's list of good deeds, by date. */
export const goodDeedsList = (community: string, planId: string) => ({
  community,
  list: 'good-deeds',
  of: planId,
});
/** The community's models, by when they were named. */
export const modelsList = (community: string) => ({ community, list: 'models' });

/** The list of good deeds, per plan by date. */
export const goodDeeds: Projection<DomainEvent, GoodDeed> = {
  name: 'good-deeds',
  schema: GoodDeed,
  touches: (event, context) =>
    event.type === 'GoodDeedRecorded' ? [goodDeedKey(context.community, event.data.deedId)] : [],
  evolve(current, event, context) {
    if (event.type !== 'GoodDeedRecorded') return current ?? null;
    return {
      data: { ...event.data, recordedAt: context.recordedAt },
      placement: {
        list: goodDeedsList(context.community, event.data.planId),
        order: [event.data.date, event.data.deedId],
      },
    };
  },
};

/** Each deed again under every named resident, for their participation page. */
export const residentGoodDeeds: Projection<DomainEvent, GoodDeed> = {
  name: 'resident-good-deeds',
  schema: GoodDeed,
  touches: (event, context) =>
    event.type === 'GoodDeedRecorded'
      ? event.data.residentIds.map((id) => residentGoodDeedKey(context.community, id, event.data.deedId))
      : [],
  evolve: (current, event, context) =>
    event.type === 'GoodDeedRecorded'
      ? { data: { ...event.data, recordedAt: context.recordedAt } }
      : (current ?? null),
};

export const models: Projection<DomainEvent, ModelEntry> = {
  name: 'models',
  schema: ModelEntry,
  touches(event, context) {
    return event.type === 'ModelNamed'
      ? [modelKey(context.community, event.data.residentId, event.data.modelId)]
      : [];
  },
  evolve(current, event, context) {
    return event.type === 'ModelNamed'
      ? {
          data: { ...event.data, recordedAt: context.recordedAt },
          placement: { list: modelsList(context.community), order: [context.recordedAt, event.data.modelId] },
        }
      : (current ?? null);
  },
};
