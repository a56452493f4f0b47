import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfigFrom } from './config.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export function buildApp(app: App = new App()) {
  const config = stageConfigFrom({
    stage: app.node.tryGetContext('stage'),
    ledger: app.node.tryGetContext('ledger'),
  });
  const env = { account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const stateful = new StatefulStack(app, `Ledger-${config.stage}-Data`, { env, config });
  const stateless = new StatelessStack(app, `Ledger-${config.stage}-Api`, {
    env,
    config,
    events: stateful.events,
    views: stateful.views,
    idempotency: stateful.idempotency,
    personalDataKey: stateful.personalDataKey,
    dataKey: stateful.dataKey,
    bus: stateful.bus,
    users: stateful.users,
    frontendClient: stateful.frontendClient,
    sender: stateful.sender,
  });
  // AWS Solutions rules on the whole app: a finding fails synthesis unless acknowledged, with its reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeNagFindings({ stateful, stateless });
  return { app, stateful, stateless, config };
}

// Run as the CDK app (`cdk synth`), not when imported by tests.
if (process.argv[1] && /infra[\\/]app\.ts$/.test(process.argv[1])) {
  buildApp().app.synth();
}
