import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { StatefulStack } from './stacks/stateful-stack.js';
import type { StatelessStack } from './stacks/stateless-stack.js';

/**
 * Every cdk-nag AwsSolutions finding we accept, where we accept it, and why. Each is acknowledged on
 * the narrowest constructs it applies to (never a whole stack), so a new resource with the same
 * finding still fails synthesis until someone writes down its own reason.
 */
export interface NagAcknowledgement {
  readonly id: string;
  readonly reason: string;
  readonly on: (app: { stateful: StatefulStack; stateless: StatelessStack }) => readonly IConstruct[];
}

const functionsOf = ({ stateful, stateless }: { stateful: StatefulStack; stateless: StatelessStack }) => [
  ...Object.values(stateless.functions),
  ...(stateful.identity ? [stateful.identity.tokenClaims] : []),
];
const rolesOf = (app: { stateful: StatefulStack; stateless: StatelessStack }) =>
  functionsOf(app).map((fn) => fn.role!);
const tableUsersOf = ({ stateless }: { stateless: StatelessStack }) =>
  [
    stateless.functions.commands,
    stateless.functions.projector,
    stateless.functions.mailer,
    stateless.functions.digests,
  ].map((fn) => fn.role!);

export const nagAcknowledgements: readonly NagAcknowledgement[] = [
  {
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 is the runtime the functions are built and tested for (esbuild target node22, issue 8); moving to a newer runtime is a deliberate upgrade with its own test run, not a synthesis default.',
    on: functionsOf,
  },
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Only xray:PutTraceSegments and xray:PutTelemetryRecords, added by active tracing: X-Ray has no resource-level permissions, so AWS documents Resource "*" for them.',
    on: rolesOf,
  },
  {
    id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    reason:
      "Writing a table encrypted with the ledger data key: DynamoDB uses the key on the caller's behalf and needs the ReEncrypt* family; the statement is limited to that one key's ARN.",
    on: tableUsersOf,
  },
  {
    id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    reason:
      "Writing a table encrypted with the ledger data key: DynamoDB asks for data keys (with and without plaintext) on the caller's behalf; the statement is limited to that one key's ARN.",
    on: tableUsersOf,
  },
  {
    id: 'AwsSolutions-APIG4',
    reason:
      'GET /openapi.json and GET /docs (with its script and assets) are public by the API contract: front-end developers read the documentation before they have a token. They serve static text and touch no data. The check-in and kiosk pages (/check-in, /kiosk, /signed-in, /web) are public as well: a phone opens them from a QR code before signing in; they show nothing but a sign-in until the API, behind its authorizer, answers the signed-in person.',
    on: ({ stateless }) => stateless.publicRoutes,
  },
  {
    id: 'AwsSolutions-COG8',
    reason:
      "The Plus plan (threat protection) is priced per monthly active user on top of Essentials, and users here include residents (the resident role): at the cost model's 10 staff and up to 200 residents a community it would multiply the largest line of the bill. Accounts are created by administrators only (no self sign-up), MFA is required, passwords are 12+ characters, and the API's own throttling and 4xx-rate alarm watch sign-in abuse; revisit if residents sign in at scale.",
    on: ({ stateful }) => (stateful.identity ? [stateful.identity.users] : []),
  },
  {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    reason:
      "AWS Backup's own service role for taking backups: AWS maintains it as the services it backs up change, and it grants only what Backup needs to snapshot the selected tables into the vault.",
    on: ({ stateful }) => [stateful.backups.plan],
  },
  {
    id: 'AwsSolutions-SMG4',
    reason:
      "The check-in ticket key signs QR codes on printed sign-in sheets, each good only until its activity's check-in closes (hours); rotating it would void every sheet already printed for the coming days. It never leaves the two functions that read it; to rotate it, replace the secret's value between activities and reprint.",
    on: ({ stateful }) => [stateful.ticketKey],
  },
  {
    id: 'AwsSolutions-SQS3',
    reason:
      'StreamFailures is itself a dead-letter queue: the on-failure destination of the projector and publisher stream mappings (cdk-nag only recognises queue-to-queue redrive). Its depth is alarmed.',
    on: ({ stateless }) => [stateless.streamFailures],
  },
];

export function acknowledgeNagFindings(app: { stateful: StatefulStack; stateless: StatelessStack }): void {
  for (const acknowledgement of nagAcknowledgements) {
    for (const scope of acknowledgement.on(app)) {
      Validations.of(scope).acknowledge({
        id: `AwsSolutions::${acknowledgement.id}`,
        reason: acknowledgement.reason,
      });
    }
  }
}
