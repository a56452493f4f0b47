import { domainError } from '../shared/errors.js';

export const MAX_OCCURRENCES = 366;

export const seriesErrors = {
  alreadyExists: (id: string) =>
    domainError('series-already-exists', 'conflict', `activity series ${id} already exists`),
  notFound: (id: string) =>
    domainError('series-not-found', 'not-found', `activity series ${id} does not exist`),
  cancelled: () => domainError('series-cancelled', 'conflict', 'every occurrence of the series is cancelled'),
  occurrenceNotFound: (id: string) =>
    domainError('occurrence-not-found', 'not-found', `occurrence ${id} is not an occurrence of this series`),
  occurrenceCancelled: (id: string) =>
    domainError('occurrence-cancelled', 'conflict', `occurrence ${id} of this series is cancelled`),
  occurrenceRequired: (scope: string) =>
    domainError('occurrence-required', 'invalid', `scope "${scope}" names the occurrence it starts from`),
  emptyChange: () =>
    domainError(
      'empty-change',
      'invalid',
      'name what changes: startTime, durationMinutes, venue or lecturer',
    ),
  unsupportedRule: (detail: string) =>
    domainError('unsupported-recurrence', 'invalid', `recurrence rule not supported: ${detail}`),
  invalidRecurrence: (detail: string) => domainError('invalid-recurrence', 'invalid', detail),
  outsidePlanYear: (year: number, detail: string) =>
    domainError(
      'series-outside-plan-year',
      'invalid',
      `every occurrence must lie within the plan's year ${year}: ${detail}`,
    ),
  tooMany: (found: string) =>
    domainError(
      'too-many-occurrences',
      'invalid',
      `a series has at most ${MAX_OCCURRENCES} occurrences; this rule gives ${found}`,
    ),
  noOccurrences: () => domainError('series-has-no-occurrences', 'invalid', 'the rule gives no occurrence'),
  exceptionNotAnOccurrence: (date: string) =>
    domainError('exception-not-an-occurrence', 'invalid', `exception ${date} is not a date the rule gives`),
};
