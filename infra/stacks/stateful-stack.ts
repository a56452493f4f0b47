import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { BUS_SOURCE } from '../../functions/app/event-bus.js';
import { EventSchemas } from '../constructs/event-schemas.js';
import type { StageConfig } from '../stage-config.js';
import { eventsTable, idempotencyTable, type TableDesign, viewsTable } from '../tables.js';
import { type BackupOfTables, backUpTables } from './backups.js';
import { loginDomain, ticketSecret } from './check-in-pages.js';
import { type CognitoIdentity, cognitoIdentity } from './cognito-identity.js';
import { publishHandoff } from './handoff.js';
import { type MailIdentity, mailIdentity } from './mail-identity.js';

const attributeType = (type: 'S' | 'N') => (type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);

/**
 * What must outlive every deployment: the history, the views, the idempotency records, their keys,
 * the event bus and its archive, the users (where Cognito is the identity provider), the mail
 * domain, and the backups. Nothing here is replaced by a redeploy of the functions; the stateless
 * stack finds it through SSM parameters (`handoff.ts`).
 */
export class StatefulStack extends Stack {
  readonly events: TableV2;
  readonly views: TableV2;
  readonly idempotency: TableV2;
  readonly dataKey: Key;
  /** Wraps each resident's data key: erasing a resident deletes their wrapped key. */
  readonly personalDataKey: Key;
  readonly bus: EventBus;
  /** The Cognito user pool, its client, groups and claims trigger; absent where an OIDC provider signs. */
  readonly identity?: CognitoIdentity;
  readonly mail: MailIdentity;
  readonly backups: BackupOfTables;
  /** Signs the check-in tickets printed sign-in sheets carry. */
  readonly ticketKey: Secret;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const { config } = props;
    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts the community ledger tables',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.personalDataKey = new Key(this, 'PersonalDataKey', {
      description: "Wraps residents' personal-data keys (crypto-shredding)",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const table = (design: TableDesign, extra: Partial<ConstructorParameters<typeof TableV2>[2]> = {}) =>
      new TableV2(this, design.logicalName, {
        partitionKey: { name: design.partitionKey.name, type: attributeType(design.partitionKey.type) },
        sortKey: design.sortKey
          ? { name: design.sortKey.name, type: attributeType(design.sortKey.type) }
          : undefined,
        globalSecondaryIndexes: design.indexes.map((index) => ({
          indexName: index.name,
          partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey.type) },
          sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey.type) },
        })),
        billing: Billing.onDemand(),
        encryption: TableEncryptionV2.customerManagedKey(this.dataKey),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...extra,
      });
    // The history is the system of record: never deleted with the stack, streamed to the projector.
    this.events = table(eventsTable, {
      dynamoStream: StreamViewType.NEW_IMAGE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Views can be rebuilt from history; keep them anyway so a redeploy never empties the dashboards.
    // Only the projector's short-lived notes of a caller's applied writes carry `expiresAt`.
    this.views = table(viewsTable, { timeToLiveAttribute: 'expiresAt', removalPolicy: RemovalPolicy.RETAIN });
    this.idempotency = table(idempotencyTable, {
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Every committed event, announced for other systems; the archive lets a new consumer replay them.
    this.bus = new EventBus(this, 'Bus', { eventBusName: `community-culture-ledger-${config.stage}` });
    this.bus.archive('Archive', {
      archiveName: `community-culture-ledger-${config.stage}`,
      description: 'Every event the ledger published, for replay to new consumers',
      eventPattern: { source: [BUS_SOURCE] },
      retention: Duration.days(365),
    });

    // Every event type and version as a schema of the bus's own registry (code bindings on AWS).
    new EventSchemas(this, 'EventSchemas', { stage: config.stage });

    this.mail = mailIdentity(this, config);
    if (config.identity.kind === 'cognito') {
      this.identity = cognitoIdentity(this, config, this.mail);
      new CfnOutput(this, 'UserPoolId', { value: this.identity.users.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.identity.frontendClient.userPoolClientId });
      new CfnOutput(this, 'OperatorClientId', { value: this.identity.operatorClient.userPoolClientId });
      // The check-in and kiosk pages sign people in here (the pages' client is the API stack's).
      const login = loginDomain(config, this.identity.users);
      new CfnOutput(this, 'LoginDomain', { value: login.baseUrl() });
    }
    this.ticketKey = ticketSecret(this, config);
    // The history and the key ring beside it (views are rebuilt from history; idempotency records expire).
    this.backups = backUpTables(this, [this.events], config.backupRetentionDays);

    publishHandoff(this, config.stage, {
      EventsTableArn: this.events.tableArn,
      EventsStreamArn: this.events.tableStreamArn!,
      ViewsTableArn: this.views.tableArn,
      IdempotencyTableArn: this.idempotency.tableArn,
      DataKeyArn: this.dataKey.keyArn,
      PersonalDataKeyArn: this.personalDataKey.keyArn,
      BusArn: this.bus.eventBusArn,
      CheckInTicketSecretArn: this.ticketKey.secretArn,
      ...(this.identity
        ? {
            UserPoolArn: this.identity.users.userPoolArn,
            FrontendClientId: this.identity.frontendClient.userPoolClientId,
            OperatorClientId: this.identity.operatorClient.userPoolClientId,
            TokenClaimsFunctionName: this.identity.tokenClaims.functionName,
          }
        : {}),
    });
  }
}
