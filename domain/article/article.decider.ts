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
    };

export type ArticleStatus = 'submitted' | 'revised' | Verdict;

export type ArticleState =
  | { readonly status: 'none' }
  | {
      readonly status: ArticleStatus;
      readonly authorId: string;
      readonly title: string;
      readonly abstract?: string;
    };

/** Theory articles and research reports are the party members' written work the plan asks for. */
export const partyMembersOnly: readonly ArticleKind[] = ['theory-article', 'research-report'];

export const articleDecider: Decider<ArticleCommand, ArticleState, ArticleEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'SubmitArticle') {
      if (state.status !== 'none') return articleErrors.alreadyExists(command.articleId);
      if (!command.author) return articleErrors.authorNotFound(command.authorId);
      if (partyMembersOnly.includes(command.kind) && !command.author.partyMember)
        return articleErrors.authorNotPartyMember(command.kind);
      const { type: _t, author: _a, ...data } = command;
      return [{ type: 'ArticleSubmitted', data }];
    }
    if (state.status === 'none') return articleErrors.notFound(command.articleId);
    switch (command.type) {
      case 'ReviewArticle': {
        // A revised article is reviewed again; a settled verdict stays settled.
        if (state.status !== 'submitted' && state.status !== 'revised')
          return articleErrors.notAwaitingReview(state.status);
        const { type: _t, articleId: _id, ...data } = command;
        return [{ type: 'ArticleReviewed', data }];
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
          authorId: event.data.authorId,
          title: event.data.title,
          abstract: event.data.abstract,
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
