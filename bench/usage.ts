import { stages } from '../infra/stages.js';
import { type COSTED, SCHEDULE_RUNS_A_MONTH } from './stack-inventory.js';

/** One command's traffic as `bench/costs.ts` measures it on the wire (per command, projector included). */
export interface CommandTraffic {
  readonly calls: number;
  readonly writeUnits: number;
  readonly readUnits: number;
  /** Request to answer, locally: stands in for the HTTP function's billed time. */
  readonly handlerMs: number;
  /** Answer to idle stream consumers, locally: stands in for each consumer's billed time. */
  readonly streamMs: number;
}
export type Measured = Record<
  'enrolment' | 'check-in' | 'held' | 'compliance query' | 'calendar query',
  CommandTraffic
>;

/**
 * One community's month as the seed plan's demo year has it (`npm run seed`: ~200 residents, 65
 * activities, ~1,000 sign-ins a year): about 132 commits a month, 69 of them check-ins. The rest of
 * the figures are assumptions, stated in the report.
 */
export const SEED_MONTH = {
  commits: 132,
  checkIns: 69,
  /** ~200 residents enrolled over the year. */
  enrolments: 17,
  /** Everything else (activities planned and held, articles, nominations, scores), priced as `held`. */
  otherCommits: 132 - 69 - 17,
  /** Staff dashboards: half compliance, half calendar (~100 a day). */
  pageViews: 3000,
  /** PDFs printed (queries invokes the printer). */
  prints: 10,
  /** Month, quarter and year reports of one plan, averaged over the year. */
  reports: 1 + 1 / 3 + 1 / 12,
  reportRecipients: 3,
  emailKb: 60,
  digestUnits: 365.25 / 12,
  staffMau: 10,
  residents: 200,
  /** Tokens issued (sign-in and hourly refresh) per MAU and month: the token-claims trigger runs on each. */
  tokensPerStaff: 40,
  tokensPerResident: 4,
  /** Answer size of an average API response. */
  responseKb: 4,
} as const;

/** Assumed, not measured: durations of work the bench does not time, sizes, and log volume. */
export const ASSUMED = {
  printerMs: 2000,
  mailerMsPerReport: 1500,
  digestMsPerUnit: 300,
  schedulerMsPerPage: 300,
  tokenClaimsMs: 20,
  /** A registry page: up to 100 plans, ~20 KB, read strongly consistent. */
  readUnitsPerPage: 5,
  digestReadUnits: 3,
  digestWriteUnits: 2,
  reportReadUnits: 6,
  reportWriteUnits: 2,
  /** Extra write units per commit the proxy does not see: the Events index copy and a views index copy. */
  indexWriteUnitsPerCommit: 2,
  /** Bytes kept per commit: the Events item and its index copy (a stored check-in is 632 characters), view growth. */
  storedKbPerCommit: 0.75 + 0.75 + 1,
  eventsTableKbPerCommit: 0.75,
  /** Second year of operation: 18 months of history on average, one rotation of every key. */
  historyMonths: 18,
  keyRotationsBilled: 1,
  /** Backups kept (daily, the stage default of 35 days' retention): each a full copy of the Events table. */
  backupCopies: 35,
  /** Logs: platform START/END/REPORT plus the handler's JSON lines per invocation; one access-log line per request. */
  logKbPerInvocation: 1,
  accessLogKbPerRequest: 0.45,
  /** The prod stage keeps logs 365 days: stored as ingested (no compression credit). */
  logRetentionMonths: (stages.prod?.logRetentionDays ?? 365) / 30.44,
  archiveRetentionMonths: 12,
  eventKb: 1,
  /** Every invocation traced (Lambda samples 1/s plus 5 %: nearly all at these rates); a tenth retrieved. */
  tracesRetrievedShare: 0.1,
  /** KMS: a data key generated per enrolment, a Decrypt per commit on a resident's stream when projected. */
  kmsRequestsPerCommunity: 17 + 17 + 69,
  /** DynamoDB table keys, refreshed about every 5 minutes per table while in use: an upper bound. */
  kmsTableKeyRequests: 3 * 12 * 730,
  /** Idle SQS triggers: ~5 pollers, one 20-second long poll each, per queue (an estimate). */
  sqsIdleRequestsPerQueue: 5 * 3 * 60 * 730,
  alarmNotifications: 100,
  operatorEmails: 2,
  registryPageSize: 100,
} as const;

export const SCHEDULED_RUNS = Object.values(SCHEDULE_RUNS_A_MONTH).reduce((a, b) => a + b, 0);

/** Invocations and billed milliseconds of each function, per community-month (scheduler: apart). */
export type FunctionUsage = (m: Measured, residentsSignIn: boolean) => { invocations: number; ms: number };

const weightedCommandMs = (m: Measured) =>
  (SEED_MONTH.checkIns * m['check-in'].handlerMs +
    SEED_MONTH.enrolments * m.enrolment.handlerMs +
    SEED_MONTH.otherCommits * m.held.handlerMs) /
  SEED_MONTH.commits;
const streamMs = (m: Measured) =>
  (SEED_MONTH.checkIns * m['check-in'].streamMs +
    SEED_MONTH.enrolments * m.enrolment.streamMs +
    SEED_MONTH.otherCommits * m.held.streamMs) /
  SEED_MONTH.commits;
const queryMs = (m: Measured) => (m['compliance query'].handlerMs + m['calendar query'].handlerMs) / 2;
const tokens = (signIn: boolean) =>
  SEED_MONTH.staffMau * SEED_MONTH.tokensPerStaff +
  (signIn ? SEED_MONTH.residents * SEED_MONTH.tokensPerResident : 0);

/**
 * Every function the stack has, with its usage: a function added to the stack (and so to COSTED)
 * without a line here does not compile. Stream consumers: one invocation per commit (batches of
 * one at these rates), each billed the whole measured stream time (an upper bound).
 */
export const FUNCTION_USAGE: Record<keyof typeof COSTED.functions, FunctionUsage> = {
  commands: (m) => ({ invocations: SEED_MONTH.commits, ms: weightedCommandMs(m) }),
  queries: (m) => ({ invocations: SEED_MONTH.pageViews + SEED_MONTH.prints, ms: queryMs(m) }),
  printer: () => ({ invocations: SEED_MONTH.prints, ms: ASSUMED.printerMs }),
  projector: (m) => ({ invocations: SEED_MONTH.commits, ms: streamMs(m) }),
  publisher: (m) => ({ invocations: SEED_MONTH.commits, ms: streamMs(m) }),
  mailer: () => ({ invocations: SEED_MONTH.reports, ms: ASSUMED.mailerMsPerReport }),
  digests: () => ({ invocations: SEED_MONTH.digestUnits, ms: ASSUMED.digestMsPerUnit }),
  tokenClaims: (_m, signIn) => ({ invocations: tokens(signIn), ms: ASSUMED.tokenClaimsMs }),
  // The scheduler's pages depend on the number of communities: priced apart (fixed runs, extra pages).
  scheduler: () => ({ invocations: 0, ms: ASSUMED.schedulerMsPerPage }),
};

/** Registry pages read a month for `communities` plans: every run reads all pages. */
export const registryPages = (communities: number) =>
  SCHEDULED_RUNS * Math.max(1, Math.ceil(communities / ASSUMED.registryPageSize));
