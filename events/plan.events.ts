import * as z from 'zod';
import { defineEvent } from './define.js';
import { sealed } from './personal-data.js';
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
 * A member of the organizing group: a resident (`residentId`), or a person who is not one, known to
 * the plan by the `personId` issued when they were first appointed. Their name and email are sealed
 * with a key of that resident's or that person's ring, so erasing either (`POST /residents/{id}/erase`,
 * `POST /plans/{planId}/organizing-group/{personId}/erase`) makes them unreadable here too.
 * (Groups appointed before people had rings name them with neither id, as given.)
 */
export const Person = z.object({
  name: sealed('name', ['residentId', 'personId']),
  email: sealed('email', ['residentId', 'personId']).optional(),
  residentId: z.string().optional(),
  personId: z.string().optional(),
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

/**
 * A person of the organizing group who is not a resident was erased: their key ring is destroyed,
 * so every appointment that named them holds noise where their name and email were, and the plan
 * shows them as erased from here on. The record of the erasure itself (they may have left the group).
 */
export const OrganizingGroupPersonErased = defineEvent(
  'OrganizingGroupPersonErased',
  z.object({ personId: z.string() }),
);

export const planEvents = [
  PlanCreated,
  TargetSet,
  OrganizingGroupAppointed,
  OrganizingGroupMemberErased,
  OrganizingGroupPersonErased,
] as const;
