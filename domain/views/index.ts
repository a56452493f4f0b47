import type { DomainEvent } from '../../events/index.js';
import { activityDetails, attendeeRows } from './activity.view.js';
import { articleDetails, authoredArticles } from './article.view.js';
import { activityCompliance, partyMembers, planTargets } from './compliance.view.js';
import { equipmentProjections } from './equipment.view.js';
import { nominationRows, roundDetails } from './nomination.view.js';
import { participationRows } from './participation.view.js';
import { allPlans, planDetails } from './plan.view.js';
import type { Projection } from './projection.js';
import { readingProjections } from './reading.view.js';
import { goodDeeds, models, residentGoodDeeds } from './recognition.view.js';
import { registrationRows } from './registration.view.js';
import { residentProfiles } from './resident.view.js';
import { rotationProjections } from './rotation.view.js';
import { seriesProjections } from './series.view.js';

export * from './activity.view.js';
export * from './article.view.js';
export * from './compliance.view.js';
export * from './equipment.view.js';
export * from './nomination.view.js';
export * from './participation.view.js';
export * from './plan.view.js';
export * from './projection.js';
export * from './reading.view.js';
export * from './recognition.view.js';
export * from './registration.view.js';
export * from './resident.view.js';
export * from './rotation.view.js';
export * from './series.view.js';
export * from './study.view.js';

/** Every live view, in the order the projector applies them. */
export const projections: readonly Projection<DomainEvent, Record<string, unknown>>[] = [
  residentProfiles,
  planDetails,
  allPlans,
  activityDetails,
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
