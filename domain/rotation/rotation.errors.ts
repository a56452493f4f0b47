import { domainError } from '../shared/errors.js';

export const rotationErrors = {
  alreadyExists: (id: string) =>
    domainError('rotation-already-exists', 'conflict', `rotation ${id} already exists`),
  notFound: (id: string) => domainError('rotation-not-found', 'not-found', `rotation ${id} does not exist`),
  duplicateParticipant: (key: string) =>
    domainError('duplicate-participant', 'invalid', `participant ${key} is on the roster twice`),
  duplicateSlot: (activityId: string) =>
    domainError('duplicate-slot', 'invalid', `activity ${activityId} is named as a slot twice`),
  slotOutsidePlanYear: (date: string, year: number) =>
    domainError('slot-outside-plan-year', 'invalid', `slot ${date} is not in the plan's year ${year}`),
  activityNotFound: (id: string) =>
    domainError('activity-not-found', 'not-found', `activity ${id} does not exist`),
  activityOfAnotherPlan: (id: string) =>
    domainError('activity-of-another-plan', 'invalid', `activity ${id} belongs to another plan`),
  activityCancelled: (id: string) =>
    domainError('activity-cancelled', 'conflict', `activity ${id} is cancelled: it cannot be a slot`),
  seedDayNotAhead: (seedDay: string, today: string) =>
    domainError(
      'seed-day-not-ahead',
      'invalid',
      `the seed day ${seedDay} must be after today (${today}, UTC): nobody may know the seed when the rotation is announced`,
    ),
  seedDayAfterFirstSlot: (seedDay: string, first: string) =>
    domainError(
      'seed-day-after-first-slot',
      'invalid',
      `the seed day ${seedDay} must come before the first slot (${first})`,
    ),
  seedNotYetKnown: (seedDay: string, from: string) =>
    domainError(
      'seed-not-yet-known',
      'conflict',
      `the draw uses the daily digest of ${seedDay} (UTC), which exists once that day has ended: draw at or after ${from}`,
    ),
  seedMissing: (seedDay: string) =>
    domainError(
      'seed-digest-missing',
      'conflict',
      `no daily digest up to ${seedDay} is written yet; write them (POST /audit/digests) and draw again`,
    ),
  alreadyDrawn: () => domainError('rotation-already-drawn', 'conflict', 'the rotation is drawn already'),
  notDrawn: () =>
    domainError('rotation-not-drawn', 'conflict', 'the rotation is not drawn yet: there is nothing to swap'),
  orderNotRoster: () =>
    domainError('draw-order-not-roster', 'invalid', "the drawn order is not the roster's keys"),
  slotNotFound: (slot: number, count: number) =>
    domainError('slot-not-found', 'not-found', `slot ${slot} does not exist (slots 1 to ${count})`),
  sameSlot: () => domainError('same-slot', 'invalid', 'a swap names two different slots'),
  sameParticipant: (key: string) =>
    domainError('same-participant', 'conflict', `both slots are ${key}'s: swapping changes nothing`),
  slotPassed: (slot: number, date: string) =>
    domainError('slot-passed', 'conflict', `slot ${slot} (${date}) has passed: its performance is history`),
  tooManySwaps: (max: number) =>
    domainError('too-many-swaps', 'conflict', `a rotation takes at most ${max} swaps: announce a new one`),
};
