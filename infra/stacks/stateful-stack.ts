import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { BUS_SOURCE } from '../../functions/app/event-bus.js';
import { roles } from '../../functions/http/principal.js';
import { LedgerFunction } from '../constructs/ledger-function.js';
import { identityFunctions } from '../functions.js';
import type { StageConfig } from '../stage-config.js';
import { eventsTable, idempotencyTable, type TableDesign, viewsTable } from '../tables.js';

const attributeType = (type: 'S' | 'N') => (type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);

/**
 * What must outlive every deployment: the history, the views, the idempotency records, their keys,
 * the event bus and its archive, the users, and the verified sender. Nothing here is replaced by a
 * redeploy of the functions.
 */
export class StatefulStack extends Stack {
  readonly events: TableV2;
  readonly views: TableV2;
  readonly idempotency: TableV2;
  readonly dataKey: Key;
  /** Wraps each resident's data key: erasing a resident deletes their wrapped key. */
  readonly personalDataKey: Key;
  readonly bus: EventBus;
  readonly users: UserPool;
  readonly frontendClient: UserPoolClient;
  readonly sender: EmailIdentity;
  readonly tokenClaims: LedgerFunction;

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
    this.views = table(viewsTable, { removalPolicy: RemovalPolicy.RETAIN });
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

    // Cognito groups are the roles; the community comes from an attribute only administrators set.
    const tokenClaims = new LedgerFunction(this, 'TokenClaims', {
      name: 'tokenClaims',
      entry: identityFunctions.tokenClaims,
      description: "Adds the user's community to ID and access tokens (pre token generation v2)",
      memorySize: 256,
      timeout: Duration.seconds(5),
      logRetention: RetentionDays.ONE_MONTH,
    });
    this.tokenClaims = tokenClaims;
    this.users = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // Access-token customisation (the `community` claim) needs the Essentials plan.
      featurePlan: FeaturePlan.ESSENTIALS,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: { community: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }) },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.users.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, tokenClaims, LambdaVersion.V2_0);
    this.frontendClient = this.users.addClient('Frontend', {
      authFlows: { userSrp: true },
      // Users may read their community, never write it (an administrator sets it).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      preventUserExistenceErrors: true,
    });
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.users.userPoolId,
        groupName: role,
        description: `The ${role} role of the Community Culture Ledger API`,
      });
    }

    this.sender = new EmailIdentity(this, 'Sender', { identity: Identity.email(config.senderAddress) });
  }
}
