import { periodKind } from '../../domain/reports/period-selection.js';
import type { PeriodKind } from '../../domain/shared/time.js';
import type { Recipient } from '../../events/index.js';
import type { Clock } from '../../functions/app/ports.js';
import {
  type DigestUnit,
  kindOf,
  type ReportUnit,
  type UnitOutcome,
} from '../../functions/app/scheduled-work.js';
import type { LocalHandlers } from './handlers.js';
import type { LocalWorkQueues } from './work-queues.js';

/** One plan's scheduled report, as a run's caller sees it. */
export interface ScheduledRun {
  readonly planId: string;
  readonly community: string;
  readonly period: string;
  readonly outcome: 'sent' | 'already-sent' | 'failed';
  readonly sentTo?: readonly Recipient[];
  readonly reason?: string;
}

export interface ScheduledRuns {
  /** `time`: the instant the schedule fired (default now); `periods`: keep only these kinds in the answer. */
  reports(event?: {
    time?: string;
    periods?: readonly PeriodKind[];
  }): Promise<{ runAt: string; results: ScheduledRun[] }>;
  digests(event?: { time?: string }): Promise<{
    runAt: string;
    written: { community: string; days: readonly string[] }[];
  }>;
}

/**
 * What EventBridge Scheduler does on AWS, locally: invoke the scheduler function with the run's
 * instant, then let the queues deliver every page and unit to their functions. Runs are one at a
 * time, so each answer holds exactly its own units.
 */
export function scheduledRuns(deps: {
  scheduler: LocalHandlers['scheduler'];
  queues: LocalWorkQueues;
  clock: Clock;
}): ScheduledRuns {
  let running: Promise<unknown> = Promise.resolve();
  const run = (work: 'reports' | 'digests', time: string): Promise<UnitOutcome[]> => {
    const next = running.then(async () => {
      await deps.scheduler({ work, time });
      return deps.queues.drain();
    });
    running = next.catch(() => undefined);
    return next;
  };
  return {
    async reports(event = {}) {
      const time = event.time ?? deps.clock.now().toISOString();
      const wanted = new Set(event.periods ?? ['month', 'quarter', 'year']);
      const results = (await run('reports', time)).flatMap((o): ScheduledRun[] => {
        if (kindOf(o.unit) !== 'report' || o.outcome === 'skipped') return [];
        const unit = o.unit as ReportUnit;
        if (!wanted.has(periodKind(unit.period))) return [];
        const outcome = o.outcome === 'sent' || o.outcome === 'already-sent' ? o.outcome : 'failed';
        return [
          {
            planId: unit.planId,
            community: unit.community,
            period: unit.period,
            outcome,
            sentTo: o.sentTo,
            reason: o.reason,
          },
        ];
      });
      return { runAt: new Date(time).toISOString(), results };
    },
    async digests(event = {}) {
      const time = event.time ?? deps.clock.now().toISOString();
      const written = (await run('digests', time)).flatMap((o) =>
        kindOf(o.unit) === 'digest' && o.outcome === 'written'
          ? [{ community: (o.unit as DigestUnit).community, days: o.days ?? [] }]
          : [],
      );
      return { runAt: new Date(time).toISOString(), written };
    },
  };
}
