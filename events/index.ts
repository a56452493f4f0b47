import type {
  ActivityCancelled,
  ActivityDetailsChanged,
  ActivityHeld,
  ActivityPlanned,
  ActivityRescheduled,
  AttendanceRevoked,
  RegistrationCancelled,
  ResidentAttended,
  ResidentPromotedFromWaitlist,
  ResidentRegistered,
  ResidentWaitlisted,
} from './activity.events.js';
import type { ArticleReviewed, ArticleRevised, ArticleSubmitted } from './article.events.js';
import type { EventOf } from './define.js';
import type { EquipmentEvent } from './equipment.events.js';
import type {
  FamilyNominated,
  JudgeRecused,
  NominationDecided,
  NominationEndorsed,
  NominationScored,
  NominationWithdrawn,
  RoundOpened,
} from './nomination.events.js';
import type {
  OrganizingGroupAppointed,
  OrganizingGroupMemberErased,
  OrganizingGroupPersonErased,
  PlanCreated,
  TargetSet,
} from './plan.events.js';
import type { ReadingEvent } from './reading.events.js';
import type { GoodDeedRecorded, ModelNamed } from './recognition.events.js';
import type { ReportDeliveryFailed, ReportSent } from './report.events.js';
import type { ResidentEnrolled, ResidentPersonalDataErased } from './resident.events.js';
import type { RotationEvent } from './rotation.events.js';
import type { SeriesEvent } from './series.events.js';
import type { StudyEvent } from './study.events.js';

export * from './activity.events.js';
export * from './article.events.js';
export * from './canonical-json.js';
export * from './define.js';
export * from './envelope.js';
export * from './equipment.events.js';
export * from './nomination.events.js';
export * from './personal-data.js';
export * from './plan.events.js';
export * from './reading.events.js';
export * from './recognition.events.js';
export * from './registry.js';
export * from './report.events.js';
export * from './resident.events.js';
export * from './rotation.events.js';
export * from './series.events.js';
export * from './shared.js';
export * from './study.events.js';

export type ResidentEvent = EventOf<typeof ResidentEnrolled> | EventOf<typeof ResidentPersonalDataErased>;

export type PlanEvent =
  | EventOf<typeof PlanCreated>
  | EventOf<typeof TargetSet>
  | EventOf<typeof OrganizingGroupAppointed>
  | EventOf<typeof OrganizingGroupMemberErased>
  | EventOf<typeof OrganizingGroupPersonErased>;
export type ActivityEvent =
  | EventOf<typeof ActivityPlanned>
  | EventOf<typeof ActivityRescheduled>
  | EventOf<typeof ActivityDetailsChanged>
  | EventOf<typeof ActivityCancelled>
  | EventOf<typeof ResidentRegistered>
  | EventOf<typeof ResidentWaitlisted>
  | EventOf<typeof RegistrationCancelled>
  | EventOf<typeof ResidentPromotedFromWaitlist>
  | EventOf<typeof ResidentAttended>
  | EventOf<typeof AttendanceRevoked>
  | EventOf<typeof ActivityHeld>;

export type ArticleEvent =
  | EventOf<typeof ArticleSubmitted>
  | EventOf<typeof ArticleRevised>
  | EventOf<typeof ArticleReviewed>;

export type RoundEvent = EventOf<typeof RoundOpened>;
export type NominationEvent =
  | EventOf<typeof FamilyNominated>
  | EventOf<typeof NominationEndorsed>
  | EventOf<typeof JudgeRecused>
  | EventOf<typeof NominationScored>
  | EventOf<typeof NominationWithdrawn>
  | EventOf<typeof NominationDecided>;

export type ReportEvent = EventOf<typeof ReportSent> | EventOf<typeof ReportDeliveryFailed>;
export type RecognitionEvent = EventOf<typeof GoodDeedRecorded> | EventOf<typeof ModelNamed>;

/** Every current domain event, as deciders emit and projections read them. */
export type DomainEvent =
  | ResidentEvent
  | PlanEvent
  | ActivityEvent
  | ArticleEvent
  | RoundEvent
  | NominationEvent
  | RecognitionEvent
  | ReportEvent
  | SeriesEvent
  | StudyEvent
  | RotationEvent
  | EquipmentEvent
  | ReadingEvent;
