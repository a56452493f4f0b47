import * as z from 'zod';
import { defineEvent } from './define.js';
import { Category, Format } from './shared.js';

export const PlanCreated = defineEvent(
  'PlanCreated',
  z.object({
    planId: z.string(),
    communityName: z.string(),
    year: z.number().int(),
    title: z.string(),
    timeZone: z.string(),
  }),
);

export const metrics = [
  'activities-held',
  'articles-per-member',
  'held-within-window',
  'record-complete',
] as const;
export const Metric = z.enum(metrics);
export type Metric = z.infer<typeof Metric>;
export const TargetPeriod = z.enum(['year', 'quarter', 'month']);

export const Target = z.object({
  targetId: z.string(),
  description: z.string(),
  metric: Metric,
  category: Category.optional(),
  format: Format.optional(),
  minimum: z.number().int().min(0),
  per: TargetPeriod,
});
export type Target = z.infer<typeof Target>;

/** A target set or changed. It applies from the instant it was recorded; the past keeps the target it had. */
export const TargetSet = defineEvent('TargetSet', Target);

export const Person = z.object({
  name: z.string(),
  email: z.string().optional(),
  residentId: z.string().optional(),
});
export type Person = z.infer<typeof Person>;

export const OrganizingGroupAppointed = defineEvent(
  'OrganizingGroupAppointed',
  z.object({ leader: Person, deputies: z.array(Person), members: z.array(Person) }),
);

export const planEvents = [PlanCreated, TargetSet, OrganizingGroupAppointed] as const;
