import * as z from 'zod';
import { stages } from './stages.js';

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

/**
 * The stage named by context (`cdk.json` or `-c stage=prod`), with any `-c ledger='{"…":…}'`
 * overrides on top; an unknown stage or a bad value stops synthesis with the field that is wrong.
 */
export function stageConfigFrom(context: { stage?: unknown; ledger?: unknown }): StageConfig {
  const name = typeof context.stage === 'string' ? context.stage : 'dev';
  const base = stages[name];
  if (!base) throw new Error(`unknown stage "${name}"; the stages are: ${Object.keys(stages).join(', ')}`);
  // `-c ledger='{"timeZone":"…"}'` arrives from the CLI as text; from cdk.json or tests as an object.
  const overrides = typeof context.ledger === 'string' ? JSON.parse(context.ledger) : context.ledger;
  const parsed = StageConfig.safeParse({ ...base, ...(overrides as object | undefined), stage: name });
  if (!parsed.success)
    throw new Error(
      `stage "${name}" is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
