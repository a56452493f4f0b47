import type { Stack } from 'aws-cdk-lib';
import { type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';

/**
 * What the stateful stack hands the stateless one, through SSM parameters rather than CloudFormation
 * exports. An export cannot change or go while another stack imports it, so replacing a table's key
 * or dropping a reference would block the next deployment ("deadly embrace"); a parameter is read
 * at deploy time and can change under a running consumer. Names are per stage.
 */
export const handoffValues = [
  'EventsTableArn',
  'EventsStreamArn',
  'ViewsTableArn',
  'IdempotencyTableArn',
  'DataKeyArn',
  'PersonalDataKeyArn',
  'BusArn',
  'CheckInTicketSecretArn',
  'UserPoolArn',
  'FrontendClientId',
  'OperatorClientId',
  'TokenClaimsFunctionName',
] as const;
export type HandoffValue = (typeof handoffValues)[number];

export const handoffParameterName = (stage: string, value: HandoffValue) =>
  `/community-culture-ledger/${stage}/${value}`;

/** Writes each value the stateless stack reads (an identity provider's values only where there is one). */
export function publishHandoff(
  stack: Stack,
  stage: string,
  values: Partial<Record<HandoffValue, string>>,
): void {
  for (const [name, value] of Object.entries(values) as [HandoffValue, string][]) {
    new StringParameter(stack, `Handoff${name}`, {
      parameterName: handoffParameterName(stage, name),
      stringValue: value,
      description: `Read by the Ledger-${stage}-Api stack at deployment`,
    });
  }
}

/** The stateful resources as the stateless stack sees them: imported by the ARNs its parameters hold. */
export interface SharedResources {
  readonly events: ITableV2;
  readonly views: ITableV2;
  readonly idempotency: ITableV2;
  readonly dataKey: IKey;
  readonly personalDataKey: IKey;
  readonly bus: IEventBus;
  /** Read a value the stateful stack published (the identity provider's, for one). */
  readonly read: (value: HandoffValue) => string;
}

export function importHandoff(stack: Stack, stage: string): SharedResources {
  const read = (value: HandoffValue) =>
    StringParameter.valueForStringParameter(stack, handoffParameterName(stage, value));
  return {
    events: TableV2.fromTableAttributes(stack, 'EventsTable', {
      tableArn: read('EventsTableArn'),
      tableStreamArn: read('EventsStreamArn'),
    }),
    views: TableV2.fromTableAttributes(stack, 'ViewsTable', { tableArn: read('ViewsTableArn') }),
    idempotency: TableV2.fromTableAttributes(stack, 'IdempotencyTable', {
      tableArn: read('IdempotencyTableArn'),
    }),
    dataKey: Key.fromKeyArn(stack, 'DataKey', read('DataKeyArn')),
    personalDataKey: Key.fromKeyArn(stack, 'PersonalDataKey', read('PersonalDataKeyArn')),
    bus: EventBus.fromEventBusArn(stack, 'Bus', read('BusArn')),
    read,
  };
}
