import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { eventsTable, idempotencyTable, type TableDesign, viewsTable } from '../tables.js';

const attributeType = (type: 'S' | 'N') => (type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);

/** What must outlive every deployment: the history, the views, the idempotency records, their key. */
export class StatefulStack extends Stack {
  readonly events: TableV2;
  readonly views: TableV2;
  readonly idempotency: TableV2;
  readonly dataKey: Key;
  /** Wraps each resident's data key: erasing a resident deletes their wrapped key. */
  readonly personalDataKey: Key;

  constructor(scope: Construct, id: string, props: StackProps & { stage: string }) {
    super(scope, id, props);
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
  }
}
