import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { streamIdOf } from '../../domain/shared/ids.js';
import { COMMUNITY_MARKER_PREFIX } from '../../functions/adapters/dynamodb-community-markers.js';
import {
  DIGEST_PARTITION_PREFIX,
  LEDGER_MARK_PREFIX,
} from '../../functions/adapters/dynamodb-digest-store.js';
import { KEY_RING_PARTITION_PREFIX } from '../../functions/adapters/dynamodb-key-store.js';
import { grantIn, grantInvokeOnly, grantTable, type TableAccess } from '../constructs/grants.js';
import type { LedgerFunction } from '../constructs/ledger-function.js';
import type { LedgerFunctionName } from '../functions.js';
import { scheduledQueues } from '../scheduled-work.js';
import type { StageConfig } from '../stage-config.js';
import { eventsTable, idempotencyTable, viewsTable } from '../tables.js';
import type { SharedResources } from './handoff.js';
import type { WorkQueues } from './work-queues.js';

/**
 * Least privilege, function by function (test/infra/app.unit.spec.ts reads these grants back from
 * the template; test/infra/iam-simulation.int.spec.ts evaluates every call the suite made against
 * them). No role may update, delete or batch-write the Events table's history: appends are PutItems
 * guarded by `attribute_not_exists`, and the hash chains catch anything else.
 */
export function grantLeastPrivilege(
  { config, shared, work }: { config: StageConfig; shared: SharedResources; work: WorkQueues },
  functions: Readonly<Record<LedgerFunctionName, LedgerFunction>>,
): void {
  const { commands, queries, projector, publisher, mailer, digests, printer, scheduler } = functions;
  const events = (fn: LedgerFunction, access: TableAccess) =>
    grantTable(fn, shared.events, eventsTable, shared.dataKey, access);
  const views = (fn: LedgerFunction, access: TableAccess) =>
    grantTable(fn, shared.views, viewsTable, shared.dataKey, access);
  // Commands append history and idempotency records, make residents' data keys (and destroy a
  // resident's key ring on erasure: the only deletes in the Events table), and ask the mailer.
  events(commands, 'append');
  grantIn(commands, shared.events, 'dynamodb:DeleteItem', [`${KEY_RING_PARTITION_PREFIX}*`]);
  grantTable(commands, shared.idempotency, idempotencyTable, shared.dataKey, 'read-write');
  views(commands, 'read');
  shared.personalDataKey.grant(commands, 'kms:GenerateDataKey');
  grantInvokeOnly(commands, mailer);
  // Queries read views, the history for auditors' routes, and callers' recent writes (session
  // consistency, kept beside the idempotency records), and invoke the printer; nothing else.
  views(queries, 'read');
  events(queries, 'read');
  grantTable(queries, shared.idempotency, idempotencyTable, shared.dataKey, 'read');
  // Queries hand printable documents to the printer function, the only one that carries the font.
  // The printer itself is granted nothing: it reads no table, no key, no bus.
  grantInvokeOnly(queries, printer);
  // A report keeps a ledger mark when it read commits too recent to have settled (ledger-marks.ts):
  // its own partition, never an event's. The mailer's reports keep them too.
  grantIn(queries, shared.events, 'dynamodb:PutItem', [`${LEDGER_MARK_PREFIX}*`]);
  // Only the projector writes views; it unwraps residents' keys (kept in the Events table) to fill them.
  views(projector, 'read-write');
  events(projector, 'read');
  shared.personalDataKey.grant(projector, 'kms:Decrypt');
  // The publisher reads the stream (granted by its mapping) and puts events on the bus.
  shared.bus.grantPutEventsTo(publisher);
  // The mailer reads views, appends ReportSent to the history, and is the only function that sends
  // email (reports, and the notices the bus routes to it: a resident given a place from a waitlist).
  views(mailer, 'read');
  // It appends only to report streams (and marks a community it is the first to write for).
  events(mailer, 'read');
  grantIn(mailer, shared.events, 'dynamodb:PutItem', [
    streamIdOf('*', 'report', '*'),
    `${COMMUNITY_MARKER_PREFIX}*`,
    `${LEDGER_MARK_PREFIX}*`,
  ]);
  grantSending(config, mailer);
  // Digests read the history and write only their own partitions (`$digest#<community>`): they
  // cannot put an item where an event is.
  events(digests, 'read');
  grantIn(digests, shared.events, 'dynamodb:PutItem', [`${DIGEST_PARTITION_PREFIX}*`]);
  // The scheduler reads the plans registry (a view) and queues units; the queues' consumers are
  // granted receiving and deleting by their event source mappings.
  views(scheduler, 'read');
  scheduler.addToRolePolicy(
    new PolicyStatement({
      actions: ['sqs:SendMessage'],
      resources: scheduledQueues.map((name) => work.queues[name].queueArn),
    }),
  );
}

/** SES: sending from the stage's domain identity through its configuration set; SMTP: reading the relay's secret. */
function grantSending(config: StageConfig, mailer: LedgerFunction): void {
  if (config.mail.kind === 'smtp') {
    const secret = Secret.fromSecretNameV2(mailer, 'SmtpRelay', config.mail.secretName);
    secret.grantRead(mailer);
    mailer.addEnvironment('SMTP_SECRET_ARN', secret.secretArn);
    return;
  }
  const stack = mailer.stack;
  mailer.addToRolePolicy(
    new PolicyStatement({
      // SES v2 SendEmail with simple content: the IAM action is ses:SendEmail alone.
      actions: ['ses:SendEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: config.mail.domain }),
        stack.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: `community-culture-ledger-${config.stage}`,
        }),
      ],
    }),
  );
}
