import { workQueues } from '../infra/scheduled-work.js';
import { PRICE } from './prices.js';
import { COSTED, CUSTOM_METRICS } from './stack-inventory.js';
import {
  ASSUMED,
  FUNCTION_USAGE,
  type Measured,
  registryPages,
  SCHEDULED_RUNS,
  SEED_MONTH,
} from './usage.js';

/** One billed item: USD a month for the whole stage (fixed) or for all its communities (variable). */
export interface CostLine {
  readonly item: string;
  readonly usd: number;
}

export interface CostModel {
  readonly communities: number;
  readonly fixed: readonly CostLine[];
  readonly variable: readonly CostLine[];
  readonly fixedTotal: number;
  readonly variableTotal: number;
  readonly total: number;
  /** Cognito with residents signing in too: the alternative line and the total it gives. */
  readonly residentsSignIn: { readonly line: CostLine; readonly total: number };
}

const GB = 1024 * 1024;
const perCommunity = (units: readonly { w: number; r: number }[], k: 'w' | 'r') =>
  units.reduce((t, u) => t + u[k], 0).toFixed(0);
const sum = (lines: readonly CostLine[]) => lines.reduce((n, l) => n + l.usd, 0);
const lambda = (invocations: number, ms: number, memoryMb: number) =>
  invocations * PRICE.lambdaRequest +
  ((invocations * ms) / 1000) * (memoryMb / 1024) * PRICE.lambdaGbSecondArm;
const alarmMetrics = COSTED.alarms.reduce((n, a) => n + a.count * a.metricsEach, 0);
const cognitoLine = (communities: number, signIn: boolean): CostLine => {
  const mau = communities * (SEED_MONTH.staffMau + (signIn ? SEED_MONTH.residents : 0));
  return {
    item: signIn
      ? `Cognito Essentials, residents sign in too (${SEED_MONTH.staffMau} staff + ${SEED_MONTH.residents} residents a community)`
      : `Cognito Essentials, staff only (${SEED_MONTH.staffMau} MAU a community)`,
    usd: mau * PRICE.cognitoEssentialsMau,
  };
};

/** What a stage costs whatever the number of communities: keys, alarms, idle polling, the schedules' runs. */
export function fixedLines(): CostLine[] {
  const runs = SCHEDULED_RUNS;
  const triggers = Object.keys(workQueues).length;
  return [
    { item: `KMS: ${COSTED.kmsKeys} customer-managed keys`, usd: COSTED.kmsKeys * PRICE.kmsKeyMonth },
    {
      item: `KMS rotation surcharge: ${COSTED.rotatedKmsKeys} rotated keys, ${ASSUMED.keyRotationsBilled} rotation each (year 2; capped at 2 from year 3)`,
      usd: COSTED.rotatedKmsKeys * ASSUMED.keyRotationsBilled * PRICE.kmsRotationMonth,
    },
    {
      item: "KMS requests: the tables' keys, refreshed about every 5 minutes (upper bound)",
      usd: ASSUMED.kmsTableKeyRequests * PRICE.kmsRequest,
    },
    {
      item: `CloudWatch alarms: ${COSTED.alarms.reduce((n, a) => n + a.count, 0)} alarms reading ${alarmMetrics} metrics`,
      usd: alarmMetrics * PRICE.alarmMetricMonth,
    },
    {
      item: `CloudWatch custom metrics: ${CUSTOM_METRICS.length} EMF business metrics, each emitted all month (upper bound)`,
      usd: CUSTOM_METRICS.length * PRICE.customMetricMonth,
    },
    {
      item: `SQS: ${triggers} queue triggers long-polling while idle (estimate)`,
      usd: triggers * ASSUMED.sqsIdleRequestsPerQueue * PRICE.sqsRequest,
    },
    {
      item: `Scheduler: ${runs.toFixed(0)} runs a month (48 report hours, daily digests), first registry page each`,
      usd:
        runs * PRICE.schedulerInvocation +
        lambda(runs, ASSUMED.schedulerMsPerPage, COSTED.functions.scheduler) +
        runs * (ASSUMED.readUnitsPerPage * PRICE.dynamoReadUnit + 2 * PRICE.sqsRequest) +
        runs * ((ASSUMED.logKbPerInvocation / GB) * PRICE.logsIngestGb + PRICE.xrayTraceRecorded),
    },
    {
      item: `SNS: ~${ASSUMED.alarmNotifications} alarm notifications to ${ASSUMED.operatorEmails} operators`,
      usd: ASSUMED.alarmNotifications * (PRICE.snsPublish + ASSUMED.operatorEmails * PRICE.snsEmail),
    },
    { item: `SSM: ${COSTED.ssmParameters} standard parameters (free)`, usd: 0 },
    {
      item: `Secrets Manager: ${COSTED.secrets} secret (the check-in ticket key), read once per container`,
      usd: COSTED.secrets * PRICE.secretMonth,
    },
    {
      item: 'AWS Backup vault, vault lock and plan; Cognito user pool; HTTP API; JWT authorizer (no charge of their own)',
      usd: 0,
    },
  ];
}

/** What `communities` communities cost a month at the seed plan's rates (each line for all of them). */
export function variableLines(communities: number, m: Measured, residentsSignIn = false): CostLine[] {
  const n = communities;
  const s = SEED_MONTH;
  const extraPages = registryPages(n) - SCHEDULED_RUNS;
  // The scheduler's pages beyond each run's first grow with the registry, not linearly.
  const perFunction = Object.entries(FUNCTION_USAGE).map(([name, usage]) => {
    const { invocations, ms } = usage(m, residentsSignIn);
    const total = name === 'scheduler' ? extraPages : n * invocations;
    return { name, total, ms, memory: COSTED.functions[name as keyof typeof COSTED.functions] };
  });
  const invocations = perFunction.reduce((t, f) => t + f.total, 0);
  const requests = n * (s.commits + s.pageViews + s.prints);
  const traffic = (count: number, t: { writeUnits: number; readUnits: number }) => ({
    w: count * t.writeUnits,
    r: count * t.readUnits,
  });
  const units = [
    traffic(s.checkIns, m['check-in']),
    traffic(s.enrolments, m.enrolment),
    traffic(s.otherCommits, m.held),
    traffic(s.pageViews / 2, m['compliance query']),
    traffic(s.pageViews / 2, m['calendar query']),
    { w: s.commits * ASSUMED.indexWriteUnitsPerCommit, r: 0 },
    { w: s.digestUnits * ASSUMED.digestWriteUnits, r: s.digestUnits * ASSUMED.digestReadUnits },
    { w: s.reports * ASSUMED.reportWriteUnits, r: s.reports * ASSUMED.reportReadUnits },
  ];
  const wru = n * units.reduce((t, u) => t + u.w, 0);
  const rru = n * units.reduce((t, u) => t + u.r, 0) + extraPages * ASSUMED.readUnitsPerPage;
  const storedGb = (n * s.commits * ASSUMED.storedKbPerCommit * ASSUMED.historyMonths) / GB;
  const eventsGb = (n * s.commits * ASSUMED.eventsTableKbPerCommit * ASSUMED.historyMonths) / GB;
  const logGb = (invocations * ASSUMED.logKbPerInvocation + requests * ASSUMED.accessLogKbPerRequest) / GB;
  const emails = n * s.reports * s.reportRecipients;
  const events = n * s.commits;
  const units$ = n * (s.digestUnits + s.reports);
  return [
    ...perFunction.map((f) => ({
      item:
        f.name === 'scheduler'
          ? `Lambda scheduler (${f.memory} MB arm64): registry pages beyond each run's first, ${ASSUMED.registryPageSize} plans a page, × ${f.ms} ms`
          : `Lambda ${f.name} (${f.memory} MB arm64): ${(f.total / n).toFixed(0)} invocations × ${f.ms.toFixed(0)} ms`,
      usd: lambda(f.total, f.ms, f.memory),
    })),
    { item: `HTTP API: ${requests / n} requests`, usd: requests * PRICE.httpApiRequest },
    {
      item: `Data transfer out of the API: ${s.responseKb} KB an answer`,
      usd: ((requests * s.responseKb) / GB) * PRICE.transferOutGb,
    },
    {
      item: `DynamoDB on-demand: ${perCommunity(units, 'w')} WRU, ${perCommunity(units, 'r')} RRU (measured per command; index copies, digests, reports, registry pages added)`,
      usd: wru * PRICE.dynamoWriteUnit + rru * PRICE.dynamoReadUnit,
    },
    { item: 'DynamoDB Streams: read by Lambda triggers (free)', usd: 0 },
    {
      item: `DynamoDB storage: ${((storedGb * 1024) / n).toFixed(1)} MB after ${ASSUMED.historyMonths} months of history`,
      usd: storedGb * PRICE.dynamoStorageGbMonth,
    },
    { item: `DynamoDB PITR on ${COSTED.tablesWithPitr} tables`, usd: storedGb * PRICE.dynamoPitrGbMonth },
    {
      item: `AWS Backup: ${ASSUMED.backupCopies} daily full copies of the Events table (warm)`,
      usd: eventsGb * ASSUMED.backupCopies * PRICE.backupWarmGbMonth,
    },
    {
      item: 'KMS requests: data keys made and unwrapped',
      usd: n * ASSUMED.kmsRequestsPerCommunity * PRICE.kmsRequest,
    },
    {
      item: `CloudWatch Logs: ${((logGb * 1024) / n).toFixed(1)} MB ingested, kept ${Math.round(ASSUMED.logRetentionMonths)} months`,
      usd: logGb * PRICE.logsIngestGb + logGb * ASSUMED.logRetentionMonths * PRICE.logsStoreGbMonth,
    },
    {
      item: `X-Ray: ${(invocations / n).toFixed(0)} traces recorded, a tenth retrieved`,
      usd: invocations * (PRICE.xrayTraceRecorded + ASSUMED.tracesRetrievedShare * PRICE.xrayTraceRetrieved),
    },
    {
      item: `EventBridge: ${s.commits} custom events, archived ${ASSUMED.archiveRetentionMonths} months`,
      usd:
        events * PRICE.busCustomEvent +
        ((events * ASSUMED.eventKb) / GB) *
          (PRICE.archiveGbProcessed + ASSUMED.archiveRetentionMonths * PRICE.archiveGbMonth),
    },
    {
      item: `SQS: ${(s.digestUnits + s.reports).toFixed(0)} report and digest units, and further registry pages`,
      usd: (units$ * 1.1 + extraPages * 2) * PRICE.sqsRequest,
    },
    {
      item: `SES: ${(emails / n).toFixed(1)} report emails (${s.reportRecipients} leaders, ${s.emailKb} KB each)`,
      usd: emails * PRICE.sesMessage + ((emails * s.emailKb) / GB) * PRICE.sesDataGb,
    },
    cognitoLine(n, residentsSignIn),
  ];
}

/** The stage's month at `communities` communities: fixed apart, Cognito staff-only, residents' sign-in as the alternative. */
export function costModel(communities: number, m: Measured): CostModel {
  const fixed = fixedLines();
  const variable = variableLines(communities, m, false);
  const fixedTotal = sum(fixed);
  const variableTotal = sum(variable);
  const withResidents = variableLines(communities, m, true);
  return {
    communities,
    fixed,
    variable,
    fixedTotal,
    variableTotal,
    total: fixedTotal + variableTotal,
    residentsSignIn: { line: cognitoLine(communities, true), total: fixedTotal + sum(withResidents) },
  };
}
