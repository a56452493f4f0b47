import { z } from 'zod';

/** Per-stage settings, from CDK context (`cdk.json` or `-c stage=prod`). Parsed once, typed. */
export const StageConfig = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,20}$/)
    .default('dev'),
  // The tables' customer-managed key needs a concrete region; SES sends from it too.
  region: z.string().default('ap-southeast-1'),
  account: z.string().optional(),
  allowedOrigins: z.array(z.string()).default(['http://localhost:5173']),
  timeZone: z.string().default('Asia/Shanghai'),
  senderAddress: z.string().default('reports@example.org'),
});
export type StageConfig = z.infer<typeof StageConfig>;

export function stageConfigFrom(context: Record<string, unknown>): StageConfig {
  return StageConfig.parse(context);
}
