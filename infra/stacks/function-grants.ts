import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { grantInvokeOnly, grantTable } from '../constructs/grants.js';
import type { LedgerFunction } from '../constructs/ledger-function.js';
import type { LedgerFunctionName } from '../functions.js';
import { eventsTable, idempotencyTable, viewsTable } from '../tables.js';

/** Least privilege, function by function (test/infra/app.unit.spec.ts reads these grants back from the template). */
export function grantLeastPrivilege(
  props: {
    readonly events: TableV2;
    readonly views: TableV2;
    readonly idempotency: TableV2;
    /** The tables' key: reading or writing a table is using it. */
    readonly dataKey: IKey;
    readonly personalDataKey: IKey;
    readonly bus: IEventBus;
    readonly sender: IEmailIdentity;
  },
  functions: Readonly<Record<LedgerFunctionName, LedgerFunction>>,
): void {
  const { commands, queries, projector, publisher, mailer, digests, printer } = functions;
  const events = (fn: LedgerFunction, access: 'read' | 'read-write') =>
    grantTable(fn, props.events, eventsTable, props.dataKey, access);
  const views = (fn: LedgerFunction, access: 'read' | 'read-write') =>
    grantTable(fn, props.views, viewsTable, props.dataKey, access);
  // Commands append history and idempotency records, make residents' data keys, and ask the mailer.
  events(commands, 'read-write');
  grantTable(commands, props.idempotency, idempotencyTable, props.dataKey, 'read-write');
  views(commands, 'read');
  props.personalDataKey.grant(commands, 'kms:GenerateDataKey');
  grantInvokeOnly(commands, mailer);
  // Queries read views, the history for auditors' routes, and callers' recent writes (session
  // consistency, kept beside the idempotency records), and invoke the printer; nothing else.
  views(queries, 'read');
  events(queries, 'read');
  grantTable(queries, props.idempotency, idempotencyTable, props.dataKey, 'read');
  // Queries hand printable documents to the printer function, the only one that carries the font.
  // The printer itself is granted nothing: it reads no table, no key, no bus.
  grantInvokeOnly(queries, printer);
  // Only the projector writes views; it unwraps residents' keys (kept in the Events table) to fill them.
  views(projector, 'read-write');
  events(projector, 'read');
  props.personalDataKey.grant(projector, 'kms:Decrypt');
  // The publisher reads the stream (granted by its mapping) and puts events on the bus.
  props.bus.grantPutEventsTo(publisher);
  // The mailer reads views, records ReportSent in the history, and is the only function that sends email.
  views(mailer, 'read');
  events(mailer, 'read-write');
  props.sender.grantSendEmail(mailer);
  // Digests read the history and write digest items beside it.
  events(digests, 'read-write');
}
