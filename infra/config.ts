import { StageConfig } from './stage-config.js';
import { stages } from './stages.js';

/**
 * The stage named by context (`cdk.json` or `-c stage=prod`), with any `-c ledger='{"…":…}'`
 * overrides on top; an unknown stage or a bad value stops synthesis with the field that is wrong.
 * `-c deploying=true` (set by `npm run deploy`) refuses placeholder hosts in every stage.
 */
export function stageConfigFrom(context: {
  stage?: unknown;
  ledger?: unknown;
  deploying?: unknown;
}): StageConfig {
  const name = typeof context.stage === 'string' ? context.stage : 'dev';
  const base = stages[name];
  if (!base) throw new Error(`unknown stage "${name}"; the stages are: ${Object.keys(stages).join(', ')}`);
  // `-c ledger='{"timeZone":"…"}'` arrives from the CLI as text; from cdk.json or tests as an object.
  const overrides = typeof context.ledger === 'string' ? JSON.parse(context.ledger) : context.ledger;
  const deploying = context.deploying === true || context.deploying === 'true';
  const parsed = StageConfig.safeParse({
    ...base,
    ...(overrides as object | undefined),
    stage: name,
    ...(deploying ? { placeholdersAllowed: false } : {}),
  });
  if (!parsed.success)
    throw new Error(
      `stage "${name}" is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
