import * as z from 'zod';

/** Per-stage settings: `infra/stages.ts` names each stage's values, `-c stage=<name>` picks one. */
export const StageConfig = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/),
  // The tables' customer-managed key needs a concrete region; SES sends from it too.
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  /** Front-end origins allowed by CORS; never `*` (the API takes bearer tokens). */
  allowedOrigins: z.array(z.url().refine((u) => !u.endsWith('/'), 'no trailing slash')).min(1),
  /** The zone the report schedules fire in (IANA name); each plan also carries its own. */
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone'),
  /** The SES identity reports are sent from (verified on first deploy). */
  senderAddress: z.email(),
  /** Who is told when an alarm fires (an SNS email subscription each; may be empty). */
  operatorEmails: z.array(z.email()).default([]),
  /** The HTTP API's steady rate and burst, per second, for all routes together. */
  throttle: z.object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() }),
  /** How long function and access logs are kept, in days. */
  logRetentionDays: z.union([z.literal(30), z.literal(90), z.literal(365)]).default(30),
});
export type StageConfig = z.infer<typeof StageConfig>;
export type StageInput = z.input<typeof StageConfig>;
