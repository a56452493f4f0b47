import type { Target } from '../../events/index.js';
import type { ArticleDetail } from '../article/article.view.js';
import type { EquipmentInspectionFacts } from '../equipment/inspection-compliance.js';
import type { PeriodBounds } from '../shared/time.js';
import type { ActivityAsOf, ComplianceStatus } from './as-of.js';
import type { ActivityComplianceRow, PartyMemberRow, PlanTargetsRow } from './compliance.view.js';

export type { ComplianceStatus };

export interface ComplianceItem {
  readonly targetId: string;
  readonly description: string;
  readonly metric: Target['metric'];
  readonly period: string;
  readonly required: number;
  readonly actual: number;
  readonly status: ComplianceStatus;
  /** The activity or article ids that count towards `actual`. */
  readonly evidence: readonly string[];
  /** Per-member targets: the members still below the minimum. */
  readonly shortMembers?: readonly string[];
  /** Per-member targets: what each member must reach. */
  readonly minimumPerMember?: number;
}

export interface ComplianceFacts {
  readonly plan: PlanTargetsRow;
  readonly activities: readonly ActivityComplianceRow[];
  readonly articles: readonly ArticleDetail[];
  readonly members: readonly PartyMemberRow[];
  /** The community's equipment register: read only for a plan with an `equipment-inspected` target. */
  readonly equipment?: EquipmentInspectionFacts;
}

/** What every metric is judged from: the facts, and the plan's activities and members as of the instant. */
export interface Judgement {
  readonly facts: ComplianceFacts;
  readonly activities: readonly ActivityAsOf[];
  /** The party members recorded by the instant. */
  readonly members: readonly string[];
  readonly instant: number;
}

/** One metric's rule: a target's row for one period. */
export type MetricEvaluator = (target: Target, period: PeriodBounds, judgement: Judgement) => ComplianceItem;

/** The fields every row repeats from its target and period. */
export const rowOf = (target: Target, period: PeriodBounds) => ({
  targetId: target.targetId,
  description: target.description,
  metric: target.metric,
  period: period.period,
});
