import type { Metric } from '../../events/index.js';
import { equipmentInspectedItem } from '../equipment/inspection-compliance.js';
import { periodBounds, periodsOfYear } from '../shared/time.js';
import { activityItem } from './activity-metrics.js';
import { articlesPerMemberItem } from './articles-per-member.js';
import { type ActivityAsOf, activityAsOf, recordedBy, targetForPeriod } from './as-of.js';
import type { ComplianceFacts, ComplianceItem, Judgement, MetricEvaluator } from './compliance-item.js';
import { membersStudyItem } from './members-study.js';

export { activityAsOf, targetForPeriod } from './as-of.js';
export type {
  ComplianceFacts,
  ComplianceItem,
  ComplianceStatus,
  Judgement,
  MetricEvaluator,
} from './compliance-item.js';

/** How each metric judges a period: a new metric adds its evaluator here (the compiler asks for it). */
export const evaluators: Readonly<Record<Metric, MetricEvaluator>> = {
  'activities-held': activityItem,
  'held-within-window': activityItem,
  'record-complete': activityItem,
  'articles-per-member': articlesPerMemberItem,
  'members-study': membersStudyItem,
  'equipment-inspected': (target, period, judgement) =>
    equipmentInspectedItem(
      target,
      period,
      judgement.facts.equipment ?? { equipment: [], venues: [] },
      new Date(judgement.instant),
    ),
};

/** Where the plan stands against every target, in every period of its year, as the history said at `asOf`. */
export function evaluateCompliance(facts: ComplianceFacts, asOf: Date): ComplianceItem[] {
  const instant = asOf.getTime();
  const { plan } = facts;
  const judgement: Judgement = {
    facts,
    instant,
    activities: facts.activities
      .map((row) => activityAsOf(row, instant))
      .filter((a): a is ActivityAsOf => a !== undefined),
    members: facts.members.filter((m) => recordedBy(m.since, instant)).map((m) => m.residentId),
  };
  const targetIds = [...new Set(plan.history.map((t) => t.targetId))].sort();
  const items: ComplianceItem[] = [];
  for (const targetId of targetIds) {
    const versions = plan.history.filter((t) => t.targetId === targetId);
    const kinds = new Set(versions.filter((v) => recordedBy(v.recordedAt, instant)).map((v) => v.per));
    for (const kind of ['year', 'quarter', 'month'] as const) {
      if (!kinds.has(kind)) continue;
      for (const name of periodsOfYear(plan.year, kind)) {
        const period = periodBounds(name, plan.timeZone);
        const target = targetForPeriod(versions, period, instant);
        if (!target || target.per !== kind) continue;
        items.push(evaluators[target.metric](target, period, judgement));
      }
    }
  }
  return items;
}
