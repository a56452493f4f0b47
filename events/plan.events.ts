import * as z from 'zod';
import { defineEvent } from './define.js';
import { Category, Format, Locale } from './shared.js';

export const PlanCreated = defineEvent(
  'PlanCreated',
  z.object({
    planId: z.string(),
    communityName: z.string(),
    year: z.number().int(),
    title: z.string(),
    timeZone: z.string(),
    /** The language of the scheduled reports; absent on plans created before it existed: `zh-CN`. */
    locale: Locale.optional(),
    /**
     * How long before an activity's window opens, and after it ends, a check-in is accepted (minutes);
     * absent on plans created before it existed: 30.
     */
    checkInMarginMinutes: z.number().int().min(0).max(1440).optional(),
  }),
);

export const metrics = [
  'activities-held',
  'articles-per-member',
  'held-within-window',
  'record-complete',
  /** Every party member attends or makes up every study session held in the period. */
  'members-study',
  /** Every sports equipment item in service inspected in the period (at least `minimum` times). */
  'equipment-inspected',
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

/**
 * A member of the organizing group. When the person is a resident (`residentId`), their name and
 * email are stored encrypted with one of that resident's keys (`enc:…`), so erasing the resident
 * erases them here too; anyone else is stored as given. (The shape is the same strings either way.)
 */
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

/**
 * A resident named in the organizing group was erased: the plan's group shows them as erased from
 * here on (their key is gone, so the appointment's encrypted name and email are noise anyway).
 */
export const OrganizingGroupMemberErased = defineEvent(
  'OrganizingGroupMemberErased',
  z.object({ residentId: z.string() }),
);

export const planEvents = [
  PlanCreated,
  TargetSet,
  OrganizingGroupAppointed,
  OrganizingGroupMemberErased,
] as const;
