import type { ArticleEvent, ArticleKind, Verdict } from '../../events/index.js';
import type { Decider } from '../shared/decider.js';
import { articleErrors } from './article.errors.js';

type BodyRef = { sha256: string; bytes: number };

export type ArticleCommand =
  | {
      readonly type: 'SubmitArticle';
      readonly articleId: string;
      readonly planId: string;
      readonly authorId: string;
      /** The author as the handler found them on the roster; absent if not enrolled. */
      readonly author: { readonly partyMember: boolean } | undefined;
      readonly kind: ArticleKind;
      readonly title: string;
      readonly abstract?: string;
      readonly body: BodyRef;
      /** The day it was written, as the author says (`yyyy-mm-dd` in the plan's zone); else today. */
      readonly writtenOn?: string;
      /** Today in the plan's time zone, by the server's clock. */
      readonly today: string;
      readonly planYear: number;
    }
  | {
      readonly type: 'ReviseArticle';
      readonly articleId: string;
      readonly title?: string;
      readonly abstract?: string;
      readonly body: BodyRef;
    }
  | {
      readonly type: 'ReviewArticle';
      readonly articleId: string;
      readonly verdict: Verdict;
      readonly comments?: string;
      readonly reviewerId: string;
      /** The day it was reviewed (`yyyy-mm-dd` in the plan's zone); else today. */
      readonly reviewedOn?: string;
      /** Today in the plan's time zone, by the server's clock. */
      readonly today: string;
    };

export type ArticleStatus = 'submitted' | 'revised' | Verdict;

export type ArticleState =
  | { readonly status: 'none' }
  | {
      readonly status: ArticleStatus;
      readonly planId: string;
      readonly authorId: string;
      readonly title: string;
      readonly abstract?: string;
      /** Absent for an article recorded before articles were dated. */
      readonly writtenOn?: string;
    };

/** Theory articles and research reports are the party members' written work the plan asks for. */
export const partyMembersOnly: readonly ArticleKind[] = ['theory-article', 'research-report'];

/**
 * Why an article cannot be dated `writtenOn` (undefined: it can): after today, or outside its plan's
 * year. Days compare as `yyyy-mm-dd` strings; the HTTP layer has already refused one that is not a day.
 */
export function writtenOnProblem(writtenOn: string, today: string, planYear: number) {
  if (writtenOn > today) return articleErrors.writtenInFuture(writtenOn, today);
  if (!writtenOn.startsWith(`${planYear}-`)) return articleErrors.writtenOutsidePlanYear(writtenOn, planYear);
  return undefined;
}

export const articleDecider: Decider<ArticleCommand, ArticleState, ArticleEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'SubmitArticle') {
      if (state.status !== 'none') return articleErrors.alreadyExists(command.articleId);
      if (!command.author) return articleErrors.authorNotFound(command.authorId);
      if (partyMembersOnly.includes(command.kind) && !command.author.partyMember)
        return articleErrors.authorNotPartyMember(command.kind);
      const writtenOn = command.writtenOn ?? command.today;
      const problem = writtenOnProblem(writtenOn, command.today, command.planYear);
      if (problem) return problem;
      const { type: _t, author: _a, today: _d, planYear: _y, ...data } = command;
      return [{ type: 'ArticleSubmitted', data: { ...data, writtenOn } }];
    }
    if (state.status === 'none') return articleErrors.notFound(command.articleId);
    switch (command.type) {
      case 'ReviewArticle': {
        // A revised article is reviewed again; a settled verdict stays settled.
        if (state.status !== 'submitted' && state.status !== 'revised')
          return articleErrors.notAwaitingReview(state.status);
        const reviewedOn = command.reviewedOn ?? command.today;
        if (reviewedOn > command.today) return articleErrors.reviewedInFuture(reviewedOn, command.today);
        if (state.writtenOn && reviewedOn < state.writtenOn)
          return articleErrors.reviewedBeforeWritten(reviewedOn, state.writtenOn);
        const { type: _t, articleId: _id, today: _d, ...data } = command;
        return [{ type: 'ArticleReviewed', data: { ...data, reviewedOn } }];
      }
      case 'ReviseArticle':
        if (state.status !== 'needs-revision') return articleErrors.notAwaitingRevision(state.status);
        return [
          {
            type: 'ArticleRevised',
            data: {
              title: command.title ?? state.title,
              abstract: command.abstract ?? state.abstract,
              body: command.body,
            },
          },
        ];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ArticleSubmitted':
        return {
          status: 'submitted',
          planId: event.data.planId,
          authorId: event.data.authorId,
          title: event.data.title,
          abstract: event.data.abstract,
          ...(event.data.writtenOn ? { writtenOn: event.data.writtenOn } : {}),
        };
      case 'ArticleRevised':
        return state.status === 'none'
          ? state
          : { ...state, status: 'revised', title: event.data.title, abstract: event.data.abstract };
      case 'ArticleReviewed':
        return state.status === 'none' ? state : { ...state, status: event.data.verdict };
      default:
        return state;
    }
  },
};
