import { domainError } from '../shared/errors.js';

export const readingErrors = {
  alreadyExists: (id: string) => domainError('book-already-exists', 'conflict', `book ${id} already exists`),
  notFound: (id: string) => domainError('book-not-found', 'not-found', `book ${id} is not recommended here`),
  residentNotFound: (id: string) =>
    domainError('resident-not-found', 'not-found', `resident ${id} is not on this community's roster`),
  articleNotFound: (id: string) =>
    domainError('article-not-found', 'not-found', `article ${id} does not exist`),
  notAReadingEssay: (id: string, kind: string) =>
    domainError('not-a-reading-essay', 'conflict', `article ${id} is a ${kind}, not a reading essay`),
  essayOfAnotherPlan: (id: string) =>
    domainError('essay-of-another-plan', 'conflict', `article ${id} belongs to another plan than the book`),
  essayAlreadyLinked: (id: string) =>
    domainError('essay-already-linked', 'conflict', `article ${id} is already tied to this book`),
  tooManyEssays: (max: number) =>
    domainError('too-many-essays', 'conflict', `a book lists at most ${max} reading essays`),
};
