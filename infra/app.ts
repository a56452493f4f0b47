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
    deploying: app.node.tryGetContext('deploying'),
  });
  const env = { account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const stateful = new StatefulStack(app, `Ledger-${config.stage}-Data`, { env, config });
  // The stateless stack reads the stateful one's SSM parameters at deployment (no exports to block
  // a later change), so it is deployed after it.
  const stateless = new StatelessStack(app, `Ledger-${config.stage}-Api`, { env, config });
  stateless.addStackDependency(stateful);
  // AWS Solutions rules on the whole app: a finding fails synthesis unless acknowledged, with its reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeNagFindings({ stateful, stateless });
  return { app, stateful, stateless, config };
}

// Run as the CDK app (`cdk synth`), not when imported by tests.
if (process.argv[1] && /infra[\\/]app\.ts$/.test(process.argv[1])) {
  buildApp().app.synth();
}
