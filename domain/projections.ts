import type { DomainEvent } from '../events/index.js';
import { activityDetails } from './activity/activity.view.js';
import { attendeeRows } from './activity/attendee.view.js';
import { longWindowActivities } from './activity/long-window.view.js';
import { participationRows } from './activity/participation.view.js';
import { registrationRows } from './activity/registration.view.js';
import { articleDetails, authoredArticles } from './article/article.view.js';
import { activityCompliance, partyMembers, planTargets } from './compliance/compliance.view.js';
import { equipmentProjections } from './equipment/equipment.view.js';
import { nominationRows, roundDetails } from './nomination/nomination.view.js';
import { allPlans, planDetails } from './plan/plan.view.js';
import { readingProjections } from './reading/reading.view.js';
import { goodDeeds, models, residentGoodDeeds } from './recognition/recognition.view.js';
import { residentProfiles } from './resident/resident.view.js';
import { rotationProjections } from './rotation/rotation.view.js';
import { seriesProjections } from './series/series.view.js';
import type { Projection } from './shared/projection.js';

export * from './activity/activity.view.js';
export * from './activity/attendee.view.js';
export * from './activity/long-window.view.js';
export * from './activity/participation.view.js';
export * from './activity/registration.view.js';
export * from './article/article.view.js';
export * from './compliance/compliance.view.js';
export * from './compliance/study.view.js';
export * from './equipment/equipment.view.js';
export * from './nomination/nomination.view.js';
export * from './plan/plan.view.js';
export * from './reading/reading.view.js';
export * from './recognition/recognition.view.js';
export * from './resident/resident.view.js';
export * from './rotation/rotation.view.js';
export * from './series/series.view.js';
export * from './shared/projection.js';

/** Every live view, in the order the projector applies them. */
export const projections: readonly Projection<DomainEvent, Record<string, unknown>>[] = [
  residentProfiles,
  planDetails,
  allPlans,
  activityDetails,
  longWindowActivities,
  attendeeRows,
  registrationRows,
  participationRows,
  articleDetails,
  authoredArticles,
  activityCompliance,
  planTargets,
  partyMembers,
  roundDetails,
  nominationRows,
  goodDeeds,
  residentGoodDeeds,
  models,
  ...seriesProjections,
  ...rotationProjections,
  ...equipmentProjections,
  ...readingProjections,
];
