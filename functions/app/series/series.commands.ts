import { activityDecider, activitySnapshots } from '../../../domain/activity/activity.decider.js';
import { occurrenceCommand, writesByOccurrence } from '../../../domain/series/occurrence-writes.js';
import { durationOf, expandRecurrence } from '../../../domain/series/recurrence.js';
import { type SeriesCommand, seriesDecider } from '../../../domain/series/series.decider.js';
import { seriesErrors } from '../../../domain/series/series.errors.js';
import type { ActivityTemplate } from '../../../domain/series/series.state.js';
import { type DomainError, isDomainError } from '../../../domain/shared/errors.js';
import { DEFAULT_TIME_ZONE, localDateTime, resolveInstant } from '../../../domain/shared/time.js';
import type { SeriesChange, SeriesRecurrence, SeriesScope, Window } from '../../../events/index.js';
import type { CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import { planFactsOf } from '../plan/plans.commands.js';

export interface SeriesCommandDeps {
  readonly commands: CommandService;
}

/** The recurrence as given: each occurrence lasts `durationMinutes`, or until `endTime` (`hh:mm`). */
export type RecurrenceInput = Omit<SeriesRecurrence, 'durationMinutes' | 'start'> & {
  /** The first occurrence's local date-time; or the `window` of the series' first occurrence. */
  readonly start?: string;
  readonly durationMinutes?: number;
  readonly endTime?: string;
};

export type PlanSeriesInput = ActivityTemplate & {
  readonly seriesId: string;
  readonly planId: string;
  readonly recurrence: RecurrenceInput;
  /**
   * The first occurrence as `POST /activities` takes a window (dates in the plan's zone, date-times
   * with their offset): its start and length stand for `recurrence.start` and its duration.
   */
  readonly window?: Window;
};

/** The recurrence with its start and length: given, or read from the first occurrence's window. */
function recurrenceWithStart(
  input: PlanSeriesInput,
  timeZone: string,
): (RecurrenceInput & { start: string }) | DomainError {
  const { recurrence, window } = input;
  if (recurrence.start !== undefined) return { ...recurrence, start: recurrence.start };
  if (!window)
    return seriesErrors.invalidRecurrence("give recurrence.start or the first occurrence's window");
  const start = resolveInstant(window.start, timeZone, 'start');
  const end = resolveInstant(window.end, timeZone, 'end');
  const timed = recurrence.durationMinutes !== undefined || recurrence.endTime !== undefined;
  return {
    ...recurrence,
    start: localDateTime(start, timeZone),
    ...(timed
      ? {}
      : { durationMinutes: Math.max(1, Math.round((end.getTime() - start.getTime()) / 60_000)) }),
  };
}

export interface ChangeSeriesInput {
  readonly seriesId: string;
  readonly scope: SeriesScope;
  readonly occurrenceId?: string;
  readonly change: SeriesChange;
  readonly reason: string;
}

export interface CancelSeriesInput {
  readonly seriesId: string;
  readonly scope: SeriesScope;
  readonly occurrenceId?: string;
  readonly reason: string;
}

/** How many occurrence streams are written at once. */
const PARALLEL_WRITES = 8;

const onSeries = (deps: SeriesCommandDeps, actor: CommandActor, seriesId: string, command: SeriesCommand) =>
  executeOn(deps.commands, actor, { decider: seriesDecider, kind: 'series', id: seriesId }, command);

/**
 * The request as it writes what the series decided: on other streams than the one `If-Match` named,
 * under the same Idempotency-Key (recorded with each commit, and no append past the claim's lock),
 * but never looking for an earlier commit of the key there: each write finds its own work done
 * (the activity exists, is cancelled, is already where it should be). A plan names a stream no one
 * else writes first, so it is appended at version 0 without a read.
 */
function writerFor(actor: CommandActor, fresh: boolean): CommandActor {
  const { idempotency } = actor;
  return {
    principal: actor.principal,
    correlationId: actor.correlationId,
    idempotencyKey: actor.idempotencyKey,
    idempotency: idempotency && { key: idempotency.key, appendBefore: idempotency.appendBefore },
    expectedVersion: undefined,
    // An occurrence's activity is planned on a new stream; every other write goes to one that exists.
    ids: { issued: () => fresh },
  };
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * After a decision: makes every occurrence write the series still has pending (this decision's, and
 * any a crash left unmade), then records that they are made. Crash-safe without transactions: the
 * decision is on the series stream first, naming each occurrence by a deterministic id, so whoever
 * comes next (a retry with the same key, or the next edit) finds it pending and makes it.
 */
async function writeOccurrences(
  deps: SeriesCommandDeps,
  actor: CommandActor,
  decided: CommandResult,
): Promise<CommandResult> {
  const { id: seriesId, outcome } = decided;
  if (isDomainError(outcome)) return decided;
  const loaded = await deps.commands.load(seriesDecider, outcome.streamId);
  const series = loaded.state;
  if (series.status === 'none' || series.pending.length === 0) {
    return { id: seriesId, outcome: { ...outcome, version: loaded.version } };
  }
  const byOccurrence = [...writesByOccurrence(series.pending)];
  await inParallel(byOccurrence, PARALLEL_WRITES, async ([occurrenceId, writes]) => {
    for (const { write, reason } of writes) {
      // A refusal is the activity's own answer (already there, held, cancelled, moved): nothing to do.
      await executeOn(
        deps.commands,
        writerFor(actor, write.kind === 'plan'),
        { decider: activityDecider, kind: 'activity', id: occurrenceId, snapshots: activitySnapshots },
        occurrenceCommand(series, write, reason),
      );
    }
  });
  const written = await onSeries(deps, writerFor(actor, false), seriesId, {
    type: 'RecordOccurrencesWritten',
    seriesId,
    decisions: series.decisions,
  });
  if (isDomainError(written.outcome)) return written;
  return { id: seriesId, outcome: { ...outcome, version: written.outcome.version } };
}

/** Plans a series of the plan: its occurrences, in the plan's year and zone, become activities. */
export async function planSeries(
  deps: SeriesCommandDeps,
  actor: CommandActor,
  input: PlanSeriesInput,
): Promise<CommandResult> {
  const { seriesId, recurrence: _given, window: _window, ...fields } = input;
  const facts = await planFactsOf(deps.commands, actor.principal.community, input.planId);
  const recurrence = recurrenceWithStart(input, facts?.timeZone ?? DEFAULT_TIME_ZONE);
  if (isDomainError(recurrence)) return { id: seriesId, outcome: recurrence };
  const { durationMinutes: _d, endTime: _e, ...rule } = recurrence;
  const durationMinutes = durationOf(recurrence.start, recurrence);
  if (isDomainError(durationMinutes)) return { id: seriesId, outcome: durationMinutes };
  // A window given as the first occurrence must be one: a rule that skips its day is a mistake.
  if (input.recurrence.start === undefined && facts) {
    const first = expandRecurrence({ ...rule, durationMinutes }, facts);
    const day = recurrence.start.slice(0, 10);
    if (!isDomainError(first) && first[0]?.date !== day)
      return {
        id: seriesId,
        outcome: seriesErrors.invalidRecurrence(
          `the window's day (${day}) is not one the rule gives; its first would be ${first[0]?.date ?? 'none'}`,
        ),
      };
  }
  const decided = await onSeries(deps, actor, seriesId, {
    ...fields,
    type: 'PlanSeries',
    seriesId,
    plan: facts,
    recurrence: { ...rule, durationMinutes },
  });
  return writeOccurrences(deps, actor, decided);
}

/** Changes the time of day, duration, venue or lecturer of this, this and the following, or all occurrences. */
export async function changeSeries(
  deps: SeriesCommandDeps,
  actor: CommandActor,
  input: ChangeSeriesInput,
): Promise<CommandResult> {
  const decided = await onSeries(deps, actor, input.seriesId, { type: 'ChangeSeries', ...input });
  return writeOccurrences(deps, actor, decided);
}

/** Cancels this, this and the following, or all occurrences (held ones stay held). */
export async function cancelSeries(
  deps: SeriesCommandDeps,
  actor: CommandActor,
  input: CancelSeriesInput,
): Promise<CommandResult> {
  const decided = await onSeries(deps, actor, input.seriesId, { type: 'CancelSeries', ...input });
  return writeOccurrences(deps, actor, decided);
}
