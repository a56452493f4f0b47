import * as z from 'zod';
import { defineEvent } from './define.js';
import { freeText } from './personal-data.js';

/** An entry on the community's list of good deeds. `date` is the day it happened, in the plan's zone. */
export const GoodDeedRecorded = defineEvent(
  'GoodDeedRecorded',
  z.object({
    deedId: z.string(),
    planId: z.string(),
    residentIds: z.array(z.string()).min(1),
    title: z.string(),
    description: freeText(),
    date: z.string(),
  }),
);

export const ModelTitle = z.enum(['moral-model', 'good-neighbor', 'most-beautiful']);

export const ModelNamed = defineEvent(
  'ModelNamed',
  z.object({ modelId: z.string(), residentId: z.string(), title: ModelTitle, citation: freeText() }),
);

export const recognitionEvents = [GoodDeedRecorded, ModelNamed] as const;
