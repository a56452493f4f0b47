/**
 * On-demand list prices in USD, ap-southeast-1 (Singapore), as of PRICES_AS_OF, one per billed unit,
 * each naming the page it comes from. `checked` says whether the figure was found in the sources
 * searched for this table (`search` tool, docs and pages corpora); where it was not, the figure is
 * the well-known public list price and the report marks it "(list price, not verified here)".
 * No free tier is taken off anywhere: tiers are per account, and an account shared with other work
 * may have used them (the report lists the always-free ones).
 */
export const PRICES_AS_OF = '2026-11-29';
export const PRICES_REGION = 'ap-southeast-1';

export interface Price {
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
  /** Found in the sources searched; false: the public list price, not verified here. */
  readonly checked: boolean;
  readonly note?: string;
}

const page = (service: string) => `https://aws.amazon.com/${service}/pricing/`;

export const PRICES = {
  lambdaRequest: { usd: 0.2 / 1e6, unit: 'request', source: page('lambda'), checked: true },
  lambdaGbSecondArm: {
    usd: 0.0000133334,
    unit: 'GB-second, arm64',
    source: `${page('lambda')} (arm64 base rate; Singapore has no regional surcharge in artillery's transcription)`,
    checked: true,
  },
  httpApiRequest: {
    usd: 1.0 / 1e6,
    unit: 'HTTP API request (first 300M a month, metered per 512 KB)',
    source: page('api-gateway'),
    checked: false,
    note: 'us-east-1 rate found ($1.00/M); the Singapore figure is the list price',
  },
  dynamoWriteUnit: {
    usd: 0.715 / 1e6,
    unit: 'write request unit',
    source: page('dynamodb/on-demand'),
    checked: false,
  },
  dynamoReadUnit: {
    usd: 0.143 / 1e6,
    unit: 'read request unit',
    source: page('dynamodb/on-demand'),
    checked: false,
  },
  dynamoStorageGbMonth: {
    usd: 0.285,
    unit: 'GB-month of table storage',
    source: page('dynamodb/on-demand'),
    checked: false,
  },
  dynamoPitrGbMonth: {
    usd: 0.228,
    unit: 'GB-month of table size under continuous backup (PITR)',
    source: page('dynamodb/on-demand'),
    checked: false,
  },
  backupWarmGbMonth: {
    usd: 0.114,
    unit: 'GB-month of DynamoDB backup in warm storage (AWS Backup; each DynamoDB backup is a full copy)',
    source: page('backup'),
    checked: false,
  },
  kmsKeyMonth: { usd: 1.0, unit: 'customer-managed key-month', source: page('kms'), checked: true },
  kmsRotationMonth: {
    usd: 1.0,
    unit: 'key-month per rotation, for the first and second rotation only (capped since May 2024)',
    source: `${page('kms')}; AWS Security Blog, April 2024 ("a new limit on the price of all symmetric keys that have had two or more rotations")`,
    checked: true,
  },
  kmsRequest: { usd: 0.03 / 10_000, unit: 'KMS request', source: page('kms'), checked: true },
  logsIngestGb: {
    usd: 0.7,
    unit: 'GB of CloudWatch Logs ingested (standard class)',
    source: page('cloudwatch'),
    checked: false,
    note: 'ap-northeast-1 found at $0.76',
  },
  logsStoreGbMonth: {
    usd: 0.033,
    unit: 'GB-month of logs stored',
    source: page('cloudwatch'),
    checked: false,
  },
  alarmMetricMonth: {
    usd: 0.1,
    unit: 'standard-resolution alarm metric-month (a metric-math alarm pays per metric it reads)',
    source: page('cloudwatch'),
    checked: false,
  },
  customMetricMonth: {
    usd: 0.3,
    unit: 'custom metric-month (EMF)',
    source: page('cloudwatch'),
    checked: false,
  },
  xrayTraceRecorded: { usd: 5.0 / 1e6, unit: 'trace recorded', source: page('xray'), checked: false },
  xrayTraceRetrieved: {
    usd: 0.5 / 1e6,
    unit: 'trace retrieved or scanned',
    source: page('xray'),
    checked: false,
  },
  busCustomEvent: {
    usd: 1.0 / 1e6,
    unit: 'custom event (64 KB chunk)',
    source: page('eventbridge'),
    checked: false,
  },
  archiveGbProcessed: {
    usd: 0.1,
    unit: 'GB of events archived',
    source: page('eventbridge'),
    checked: false,
  },
  archiveGbMonth: {
    usd: 0.023,
    unit: 'GB-month of archive storage',
    source: page('eventbridge'),
    checked: false,
  },
  schedulerInvocation: {
    usd: 1.25 / 1e6,
    unit: 'scheduled invocation (after 14M free a month)',
    source: page('eventbridge'),
    checked: false,
    note: "the AWS price list's Tokyo row reads $1.25/M; taken for Singapore",
  },
  sqsRequest: {
    usd: 0.4 / 1e6,
    unit: 'SQS standard request (64 KB chunk)',
    source: page('sqs'),
    checked: false,
  },
  sesMessage: { usd: 0.1 / 1000, unit: 'email (per recipient)', source: page('ses'), checked: false },
  sesDataGb: { usd: 0.12, unit: 'GB of email sent', source: page('ses'), checked: false },
  cognitoEssentialsMau: {
    usd: 0.015,
    unit: 'monthly active user, Essentials (above the free 10,000 MAU, not taken off)',
    source: page('cognito'),
    checked: true,
  },
  secretMonth: {
    usd: 0.4,
    unit: 'Secrets Manager secret-month (its API calls at USD 0.05 per 10,000; the key is read once per container)',
    source: page('secrets-manager'),
    checked: false,
  },
  snsPublish: { usd: 0.5 / 1e6, unit: 'SNS publish', source: page('sns'), checked: false },
  snsEmail: { usd: 2.0 / 100_000, unit: 'SNS email notification', source: page('sns'), checked: false },
  transferOutGb: {
    usd: 0.12,
    unit: 'GB out to the internet (first 10 TB tier)',
    source: 'https://aws.amazon.com/ec2/pricing/on-demand/ (data transfer)',
    checked: false,
  },
  ssmStandardParameter: {
    usd: 0,
    unit: 'standard parameter-month',
    source: page('systems-manager'),
    checked: false,
  },
} as const satisfies Record<string, Price>;

export type PriceName = keyof typeof PRICES;

/** The per-unit figures alone. */
export const PRICE = Object.fromEntries(Object.entries(PRICES).map(([name, p]) => [name, p.usd])) as Record<
  PriceName,
  number
>;

/** Always-free allowances the figures do not take off (per account and month, list terms). */
export const FREE_TIERS_NOT_APPLIED =
  'Lambda 1M requests and 400,000 GB-s; DynamoDB 25 GB of storage; KMS 20,000 requests; X-Ray 100,000 traces; ' +
  'CloudWatch 10 alarm metrics and 5 GB of logs; SQS 1M requests; Scheduler 14M invocations; Cognito Essentials ' +
  '10,000 MAU; 100 GB out to the internet';
