import { schedules } from '../infra/scheduled-work.js';

/**
 * What the cost model prices, resource by resource, as the synthesized templates hold it.
 * test/bench/cost-model.unit.spec.ts synthesizes the app and compares: an alarm, a function, a key
 * or a queue added to the stack without its line here fails that test.
 */
export const COSTED = {
  /** Memory in MB; every function runs on arm64 with active X-Ray tracing. */
  functions: {
    commands: 1024,
    queries: 1024,
    projector: 512,
    publisher: 256,
    mailer: 1024,
    digests: 512,
    printer: 1024,
    scheduler: 256,
    tokenClaims: 256,
  },
  /** Alarms by kind; a metric-math alarm is billed per metric it reads. */
  alarms: [
    { what: 'dead-letter queues', count: 6, metricsEach: 1 },
    { what: 'function errors and throttles (9 functions)', count: 18, metricsEach: 1 },
    { what: 'stream iterator age', count: 2, metricsEach: 1 },
    { what: 'table throttles (reads + writes)', count: 3, metricsEach: 2 },
    { what: 'API 5xx and 4xx rates (errors / requests)', count: 2, metricsEach: 2 },
    { what: 'API p99 latency', count: 1, metricsEach: 1 },
    { what: 'SES bounce and complaint rates', count: 2, metricsEach: 1 },
  ],
  /** Customer-managed keys (data, personal data, backup vault, mail-feedback topic, alarm topic). */
  kmsKeys: 5,
  rotatedKmsKeys: 5,
  tables: 3,
  tablesWithPitr: 3,
  streamedTables: 1,
  logGroups: 10,
  /** Four work queues (pages, reports, digests, notifications) with their dead letters, and two more. */
  queues: 10,
  topics: 2,
  schedules: schedules.map((s) => s.id),
  backupPlans: 1,
  eventBuses: 1,
  archives: 1,
  userPools: 1,
  /** The check-in ticket key (Secrets Manager). */
  secrets: 1,
  /** Standard parameters: free. */
  ssmParameters: 12,
} as const;

/**
 * Business metrics the functions emit as EMF (namespace CommunityCultureLedger, dimension `service`),
 * read from functions/: each name is one custom metric, billed for the hours it is emitted.
 */
export const CUSTOM_METRICS = [
  ...['Commands', 'Queries'].flatMap((p) => ['Answered', 'Refused', 'Failed'].map((o) => p + o)),
  ...['Projection', 'Publishing'].flatMap((p) => ['Lag', 'Commits', 'FailedStreams'].map((o) => p + o)),
  'DocumentsPrinted',
  'DocumentsRefused',
  'PrintMs',
  ...['Sent', 'Already-sent', 'Skipped', 'Failed'].map((o) => `Report${o}`),
  ...['Written', 'Skipped', 'Failed'].map((o) => `Digest${o}`),
  'PagePaged',
  'PageFailed',
] as const;

/** Runs a month of each schedule (UTC): hourly on the last day and on the 1st, daily digests. */
export const SCHEDULE_RUNS_A_MONTH: Record<(typeof schedules)[number]['id'], number> = {
  ReportsOnLastDay: 24,
  ReportsOnFirst: 24,
  DailyDigests: 365.25 / 12,
};

type Counted = Exclude<keyof typeof COSTED, 'alarms' | 'functions' | 'schedules'>;
export type Inventory = Record<Counted | 'alarms' | 'alarmMetrics', number> & {
  functions: Record<string, number>;
  schedules: string[];
  /** Functions not on arm64 or without active tracing (priced as both). */
  untracedOrX86: string[];
};

/** The declared inventory in the shape `templateInventory` reads from templates. */
export function costedInventory(): Inventory {
  const { alarms, functions, schedules: ids, ...rest } = COSTED;
  return {
    ...rest,
    functions: { ...functions },
    schedules: [...ids].sort(),
    alarms: alarms.reduce((n, a) => n + a.count, 0),
    alarmMetrics: alarms.reduce((n, a) => n + a.count * a.metricsEach, 0),
    untracedOrX86: [] as string[],
  };
}

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties, read by path and compared.
type Properties = Record<string, any>;
type Resource = { Type: string; Properties?: Properties };
type TemplateJson = { Resources?: Record<string, Resource> };

/** The same inventory, counted from synthesized templates (both stacks of one stage). */
export function templateInventory(templates: readonly TemplateJson[]): Inventory {
  const all = templates.flatMap((t) => Object.entries(t.Resources ?? {}));
  const of = (type: string) => all.filter(([, r]) => r.Type === type);
  const functions: Record<string, number> = {};
  const untracedOrX86: string[] = [];
  for (const [id, r] of of('AWS::Lambda::Function')) {
    // Logical ids are the construct id (`Commands`, `TokenClaims`) and a hash.
    const name = id.replace(/[0-9A-F]{8}$/, '');
    functions[name.charAt(0).toLowerCase() + name.slice(1)] = r.Properties?.MemorySize;
    const arm = (r.Properties?.Architectures ?? []).includes('arm64');
    if (!arm || r.Properties?.TracingConfig?.Mode !== 'Active') untracedOrX86.push(name);
  }
  const alarms = of('AWS::CloudWatch::Alarm');
  const metricsOf = (r: Resource) =>
    r.Properties?.Metrics ? r.Properties.Metrics.filter((m: Properties) => m.MetricStat).length : 1;
  const tables = of('AWS::DynamoDB::GlobalTable').concat(of('AWS::DynamoDB::Table'));
  const pitr = (r: Resource) =>
    r.Properties?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled ??
    r.Properties?.Replicas?.[0]?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled;
  const keys = of('AWS::KMS::Key');
  return {
    functions,
    alarms: alarms.length,
    alarmMetrics: alarms.reduce((n, [, r]) => n + metricsOf(r), 0),
    kmsKeys: keys.length,
    rotatedKmsKeys: keys.filter(([, r]) => r.Properties?.EnableKeyRotation === true).length,
    tables: tables.length,
    tablesWithPitr: tables.filter(([, r]) => pitr(r) === true).length,
    streamedTables: tables.filter(([, r]) => r.Properties?.StreamSpecification).length,
    logGroups: of('AWS::Logs::LogGroup').length,
    queues: of('AWS::SQS::Queue').length,
    topics: of('AWS::SNS::Topic').length,
    schedules: of('AWS::Scheduler::Schedule')
      .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))
      .sort(),
    backupPlans: of('AWS::Backup::BackupPlan').length,
    eventBuses: of('AWS::Events::EventBus').length,
    archives: of('AWS::Events::Archive').length,
    userPools: of('AWS::Cognito::UserPool').length,
    secrets: of('AWS::SecretsManager::Secret').length,
    ssmParameters: of('AWS::SSM::Parameter').length,
    untracedOrX86,
  };
}
