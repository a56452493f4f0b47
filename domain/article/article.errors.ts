import { domainError } from '../shared/errors.js';

export const articleErrors = {
  alreadyExists: (id: string) =>
    domainError('article-already-exists', 'conflict', `article ${id} already exists`),
  notFound: (id: string) => domainError('article-not-found', 'not-found', `article ${id} does not exist`),
  authorNotFound: (id: string) =>
    domainError('author-not-found', 'not-found', `resident ${id} is not on this community's roster`),
  authorNotPartyMember: (kind: string) =>
    domainError('author-not-party-member', 'conflict', `only party members submit a ${kind}`),
  notAwaitingReview: (status: string) =>
    domainError(
      'article-not-awaiting-review',
      'conflict',
      `the article is ${status}; only a submitted or revised article is reviewed`,
    ),
  notAwaitingRevision: (status: string) =>
    domainError(
      'article-not-awaiting-revision',
      'conflict',
      `the article is ${status}; revise it only after a needs-revision verdict`,
    ),
  writtenInFuture: (writtenOn: string, today: string) =>
    domainError(
      'written-in-future',
      'invalid',
      `the article is dated ${writtenOn}, after today (${today} in the plan's time zone)`,
    ),
  writtenOutsidePlanYear: (writtenOn: string, year: number) =>
    domainError(
      'written-outside-plan-year',
      'invalid',
      `the article is dated ${writtenOn}; an article of the ${year} plan is written in ${year}`,
    ),
  reviewedInFuture: (reviewedOn: string, today: string) =>
    domainError(
      'reviewed-in-future',
      'invalid',
      `the review is dated ${reviewedOn}, after today (${today} in the plan's time zone)`,
    ),
  reviewedBeforeWritten: (reviewedOn: string, writtenOn: string) =>
    domainError(
      'reviewed-before-written',
      'invalid',
      `the review is dated ${reviewedOn}, before the article was written (${writtenOn})`,
    ),
};
