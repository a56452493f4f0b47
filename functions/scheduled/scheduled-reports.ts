import type { Logger } from '@aws-lambda-powertools/logger';
import { periodKind, periodsDueAt } from '../../domain/reports/period-selection.js';
import type { PeriodKind } from '../../domain/shared/time.js';
import { localTime } from '../../domain/shared/time.js';
import { allPlansList, type PlanIndexEntry } from '../../domain/views/plan.view.js';
import { refusalOf } from '../app/errors.js';
import type { Clock } from '../app/ports.js';
import { readAll } from '../app/read-all.js';
import type { ViewStore } from '../app/view-store.js';
import type { ReportService } from '../reports/report-service.js';

export interface ScheduledRun {
  readonly planId: string;
  readonly community: string;
  readonly period: string;
  readonly outcome: 'sent' | 'already-sent' | 'failed';
  readonly sentTo?: readonly string[];
  readonly reason?: string;
}

/**
 * What a schedule sends: `time` is when it fired (Scheduler's `<aws.scheduler.scheduled-time>`),
 * `periods` which kinds of period it covers (the monthly schedule months, the quarterly one quarters
 * and years); without them, now and every kind (the local timer).
 */
export interface ScheduledReportsEvent {
  readonly time?: string;
  readonly periods?: readonly PeriodKind[];
}

/** Reports go out at 08:00 community time on the 1st; the schedule fires then, the local timer after. */
const SEND_FROM_HOUR = 8;

/**
 * The scheduled mailer: for every plan, the periods that just ended in the plan's zone. One plan's
 * failure (no leader email, mailer down) is recorded and the run goes on with the others.
 */
export function createScheduledReports(deps: {
  views: ViewStore;
  reports: ReportService;
  clock: Clock;
  logger?: Logger;
}) {
  return async (event: ScheduledReportsEvent = {}): Promise<{ runAt: string; results: ScheduledRun[] }> => {
    const now = event.time ? new Date(event.time) : deps.clock.now();
    const wanted = new Set<PeriodKind>(event.periods ?? ['month', 'quarter', 'year']);
    const plans = await readAll<PlanIndexEntry>(deps.views, { list: allPlansList() });
    const results: ScheduledRun[] = [];
    for (const plan of plans) {
      if (localTime(now, plan.timeZone).hour < SEND_FROM_HOUR) continue;
      for (const period of periodsDueAt(now, plan.timeZone).filter((p) => wanted.has(periodKind(p)))) {
        try {
          const delivery = await deps.reports.send(plan.community, plan.planId, period, 'schedule', {
            actor: 'scheduler',
            roles: [],
            correlationId: `schedule-${now.toISOString()}`,
          });
          results.push({
            ...plan,
            period,
            outcome: delivery.alreadySent ? 'already-sent' : 'sent',
            sentTo: delivery.sentTo,
          });
        } catch (error) {
          // A plan of another year has nothing to report for this period.
          const refusal = refusalOf(error);
          if (refusal?.code === 'period-outside-plan') continue;
          const reason = refusal && refusal.kind !== 'internal' ? refusal.detail : (error as Error).message;
          deps.logger?.error('scheduled report failed', { planId: plan.planId, period, reason });
          results.push({ ...plan, period, outcome: 'failed', reason });
        }
      }
    }
    return { runAt: now.toISOString(), results };
  };
}
