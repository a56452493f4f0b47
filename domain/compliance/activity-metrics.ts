import type { Target } from '../../events/index.js';
import type { PeriodBounds } from '../shared/time.js';
import { inPeriod } from '../shared/time.js';
import { type ActivityAsOf, status, stillPossible } from './as-of.js';
import { type ComplianceItem, type Judgement, rowOf } from './compliance-item.js';

function matches(target: Target, activity: ActivityAsOf) {
  return (
    activity.category === target.category &&
    (target.format === undefined || activity.format === target.format)
  );
}

function counts(target: Target, activity: ActivityAsOf): boolean {
  const held = activity.held;
  if (!held) return false;
  switch (target.metric) {
    case 'activities-held':
      return true;
    case 'held-within-window':
      return held.heldWithinWindow;
    case 'record-complete':
      return Boolean(
        (held.lecturer ?? activity.plannedLecturer) && held.trainingPlan && held.summary && activity.signedIn,
      );
    default:
      return false;
  }
}

/** `activities-held`, `held-within-window`, `record-complete`: activities of the target's category held in the period that count. */
export function activityItem(target: Target, period: PeriodBounds, judgement: Judgement): ComplianceItem {
  const { activities, instant } = judgement;
  const relevant = activities.filter((a) => matches(target, a));
  const evidence = relevant
    .filter((a) => a.held && inPeriod(a.held.heldOn, period) && counts(target, a))
    .map((a) => a.activityId);
  const possible = relevant.filter((a) => stillPossible(a, period, instant)).length;
  return {
    ...rowOf(target, period),
    required: target.minimum,
    actual: evidence.length,
    status: status(
      evidence.length,
      target.minimum,
      period,
      instant,
      evidence.length + possible >= target.minimum,
    ),
    evidence,
  };
}
