import type { Logger } from '@aws-lambda-powertools/logger';
import { refusalOf } from '../app/errors.js';
import type { ReportService } from '../app/reports/report-service.js';
import type { ReportUnit, UnitOutcome } from '../app/scheduled-work.js';

/**
 * One plan's scheduled report of one period: sent once (a redelivered unit finds it already sent).
 * A plan of another year has nothing to report for the period and is skipped; any other refusal
 * (no leader with an email, the mail relay down) fails the unit, so the queue retries it and,
 * after its receive count, dead-letters it and the operators' alarm fires.
 */
export function createReportUnits(deps: { reports: ReportService; logger?: Logger }) {
  return async (unit: ReportUnit): Promise<UnitOutcome> => {
    try {
      const delivery = await deps.reports.send(unit.community, unit.planId, unit.period, 'schedule', {
        actor: 'scheduler',
        roles: [],
        correlationId: `schedule-${unit.time}`,
      });
      return { unit, outcome: delivery.alreadySent ? 'already-sent' : 'sent', sentTo: delivery.sentTo };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.code === 'period-outside-plan') return { unit, outcome: 'skipped' };
      const reason = refusal && refusal.kind !== 'internal' ? refusal.detail : (error as Error).message;
      deps.logger?.error('scheduled report failed', { planId: unit.planId, period: unit.period, reason });
      return { unit, outcome: 'failed', reason };
    }
  };
}
