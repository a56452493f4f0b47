import type { ActivityEvent } from '../../events/index.js';

/** An activity's registration figures, as its detail item keeps them. */
export interface RegistrationCounts {
  /** Residents holding a place now (cancelled places left out, promotions from the waitlist in). */
  readonly registeredCount: number;
  /** Residents waiting in line for a place. */
  readonly waitlistedCount: number;
  /** Registrations (places or places in line) cancelled before the activity opened. */
  readonly registrationsCancelled: number;
}

type RegistrationEvent = Extract<
  ActivityEvent,
  {
    type:
      | 'ResidentRegistered'
      | 'ResidentWaitlisted'
      | 'ResidentPromotedFromWaitlist'
      | 'RegistrationCancelled';
  }
>;

/** The figures after one registration event. */
export function registrationCounts(counts: RegistrationCounts, event: RegistrationEvent): RegistrationCounts {
  const { registeredCount, waitlistedCount, registrationsCancelled } = counts;
  switch (event.type) {
    case 'ResidentRegistered':
      return { registeredCount: registeredCount + 1, waitlistedCount, registrationsCancelled };
    case 'ResidentWaitlisted':
      return { registeredCount, waitlistedCount: waitlistedCount + 1, registrationsCancelled };
    case 'ResidentPromotedFromWaitlist':
      return {
        registeredCount: registeredCount + 1,
        waitlistedCount: waitlistedCount - 1,
        registrationsCancelled,
      };
    case 'RegistrationCancelled':
      return event.data.was === 'registered'
        ? {
            registeredCount: registeredCount - 1,
            waitlistedCount,
            registrationsCancelled: registrationsCancelled + 1,
          }
        : {
            registeredCount,
            waitlistedCount: waitlistedCount - 1,
            registrationsCancelled: registrationsCancelled + 1,
          };
  }
}
