import { App } from 'aws-cdk-lib';
import { stageConfigFrom } from './config.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export function buildApp(app: App = new App()) {
  const config = stageConfigFrom({
    ...(app.node.tryGetContext('stage') ? { stage: app.node.tryGetContext('stage') } : {}),
    ...(app.node.tryGetContext('ledger') ?? {}),
  });
  const env = { account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const stateful = new StatefulStack(app, `Ledger-${config.stage}-Data`, { env, stage: config.stage });
  const stateless = new StatelessStack(app, `Ledger-${config.stage}-Api`, {
    env,
    config,
    events: stateful.events,
    views: stateful.views,
    idempotency: stateful.idempotency,
    personalDataKey: stateful.personalDataKey,
  });
  return { app, stateful, stateless, config };
}

// Run as the CDK app (`cdk synth`), not when imported by tests.
if (process.argv[1] && /infra[\\/]app\.ts$/.test(process.argv[1])) {
  buildApp().app.synth();
}
