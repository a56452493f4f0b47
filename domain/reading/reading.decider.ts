import type { ArticleEvent, ArticleKind, ReadingEvent } from '../../events/index.js';
import { planErrors } from '../plan/plan.errors.js';
import type { Decider } from '../shared/decider.js';
import { readingErrors } from './reading.errors.js';

/** What a reading essay's own stream says about it, as the handler folded it (`essayFacts`). */
export type EssayFacts = {
  readonly kind: ArticleKind;
  readonly authorId: string;
  readonly planId: string;
  readonly title: string;
};

export type ReadingCommand =
  | {
      readonly type: 'RecommendBook';
      readonly bookId: string;
      readonly planId: string;
      readonly planKnown: boolean;
      readonly title: string;
      readonly author: string;
      readonly isbn?: string | undefined;
      readonly recommendedBy: string;
      readonly reason: string;
    }
  | {
      readonly type: 'ReviewBook';
      readonly bookId: string;
      readonly residentId: string;
      readonly residentKnown: boolean;
      readonly rating: number;
      readonly text: string;
    }
  | {
      readonly type: 'LinkReadingEssay';
      readonly bookId: string;
      readonly articleId: string;
      /** Absent when the article does not exist. */
      readonly essay: EssayFacts | undefined;
    };

export type ReadingState =
  | { readonly status: 'none' }
  | { readonly status: 'recommended'; readonly planId: string; readonly essays: readonly string[] };

export const MAX_ESSAYS = 200;

/** A recommended book: residents' reviews (one each, the latest counts) and the reading essays about it. */
export const readingDecider: Decider<ReadingCommand, ReadingState, ReadingEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'RecommendBook') {
      if (state.status !== 'none') return readingErrors.alreadyExists(command.bookId);
      if (!command.planKnown) return planErrors.notFound(command.planId);
      const { type: _t, planKnown: _k, isbn, ...data } = command;
      return [{ type: 'BookRecommended', data: { ...data, ...(isbn ? { isbn } : {}) } }];
    }
    if (state.status === 'none') return readingErrors.notFound(command.bookId);
    if (command.type === 'ReviewBook') {
      if (!command.residentKnown) return readingErrors.residentNotFound(command.residentId);
      const { residentId, rating, text } = command;
      return [{ type: 'BookReviewed', data: { residentId, rating, text } }];
    }
    const { articleId, essay } = command;
    if (!essay) return readingErrors.articleNotFound(articleId);
    if (essay.kind !== 'reading-essay') return readingErrors.notAReadingEssay(articleId, essay.kind);
    if (essay.planId !== state.planId) return readingErrors.essayOfAnotherPlan(articleId);
    if (state.essays.includes(articleId)) return readingErrors.essayAlreadyLinked(articleId);
    if (state.essays.length >= MAX_ESSAYS) return readingErrors.tooManyEssays(MAX_ESSAYS);
    return [
      { type: 'ReadingEssayLinked', data: { articleId, authorId: essay.authorId, title: essay.title } },
    ];
  },

  evolve(state, event) {
    switch (event.type) {
      case 'BookRecommended':
        return { status: 'recommended', planId: event.data.planId, essays: [] };
      case 'ReadingEssayLinked':
        return state.status === 'none'
          ? state
          : { ...state, essays: [...state.essays, event.data.articleId] };
      default:
        return state;
    }
  },
};

/**
 * An article's kind, author, plan and current title from its own stream: the article's decider state
 * keeps no kind, so the reading use case folds the article's events with this.
 */
export const essayFacts: Pick<
  Decider<never, EssayFacts | undefined, ArticleEvent>,
  'initialState' | 'evolve'
> = {
  initialState: undefined,
  evolve(state, event) {
    if (event.type === 'ArticleSubmitted') {
      const { kind, authorId, planId, title } = event.data;
      return { kind, authorId, planId, title };
    }
    if (event.type === 'ArticleRevised' && state) return { ...state, title: event.data.title };
    return state;
  },
};
