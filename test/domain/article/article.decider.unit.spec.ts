import { describe, it } from 'vitest';
import { type ArticleCommand, articleDecider } from '../../../domain/article/article.decider.js';
import type { ArticleEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';
import { given as givenHistory } from '../../support/use-case-spec.js';

const body = { sha256: 'a'.repeat(64), bytes: 1200 };
const revisedBody = { sha256: 'b'.repeat(64), bytes: 1400 };

const submit: Extract<ArticleCommand, { type: 'SubmitArticle' }> = {
  type: 'SubmitArticle',
  articleId: 'A1',
  planId: 'P1',
  authorId: 'R1',
  author: { partyMember: true },
  kind: 'theory-article',
  title: 'On serving the community',
  abstract: 'Why the study sessions matter',
  body,
  // The day the use case found it to be in the plan's zone, and the plan's year: what `writtenOn` is judged by.
  today: '2026-05-04',
  planYear: 2026,
};
const submitted: ArticleEvent = {
  type: 'ArticleSubmitted',
  data: {
    articleId: 'A1',
    planId: 'P1',
    authorId: 'R1',
    kind: 'theory-article',
    title: 'On serving the community',
    abstract: 'Why the study sessions matter',
    body,
    writtenOn: '2026-05-04',
  },
};
const review = (verdict: 'quality' | 'accepted' | 'needs-revision' | 'rejected'): ArticleCommand => ({
  type: 'ReviewArticle',
  articleId: 'A1',
  verdict,
  comments: 'read',
  reviewerId: 'J1',
  today: '2026-05-04',
});
const reviewed = (verdict: 'quality' | 'accepted' | 'needs-revision' | 'rejected'): ArticleEvent => ({
  type: 'ArticleReviewed',
  data: { verdict, comments: 'read', reviewerId: 'J1', reviewedOn: '2026-05-04' },
});
const revise: ArticleCommand = {
  type: 'ReviseArticle',
  articleId: 'A1',
  title: 'Serving, revised',
  body: revisedBody,
};

describe('article decider', () => {
  it('submits a party member’s theory article, dropping the roster lookup from the event', () => {
    given(articleDecider, []).when(submit).then([submitted]);
  });

  it('lets anyone on the roster submit a reading essay', () => {
    given(articleDecider, [])
      .when({ ...submit, kind: 'reading-essay', author: { partyMember: false } })
      .then([
        { type: 'ArticleSubmitted', data: { ...submitted.data, kind: 'reading-essay' } } as ArticleEvent,
      ]);
  });

  it('dates an article the day it was written, given one in the plan’s year up to today (issue 25)', () => {
    given(articleDecider, [])
      .when({ ...submit, writtenOn: '2026-02-11' })
      .then([
        { type: 'ArticleSubmitted', data: { ...submitted.data, writtenOn: '2026-02-11' } } as ArticleEvent,
      ]);
    given(articleDecider, [])
      .when({ ...submit, writtenOn: '2026-01-01' })
      .then([
        { type: 'ArticleSubmitted', data: { ...submitted.data, writtenOn: '2026-01-01' } } as ArticleEvent,
      ]);
  });

  it('refuses an article written after today, or outside the plan’s year (issue 25)', () => {
    given(articleDecider, [])
      .when({ ...submit, writtenOn: '2026-05-05' })
      .then({ code: 'written-in-future', category: 'invalid' });
    given(articleDecider, [])
      .when({ ...submit, writtenOn: '2025-12-31' })
      .then({ code: 'written-outside-plan-year', category: 'invalid' });
    given(articleDecider, [])
      .when({ ...submit, today: '2027-01-10', writtenOn: '2027-01-02' })
      .then({ code: 'written-outside-plan-year', category: 'invalid' });
  });

  it('dates a review the day it was made: not before the article was written, not after today (issue 25)', () => {
    const written = {
      type: 'ArticleSubmitted',
      data: { ...submitted.data, writtenOn: '2026-02-11' },
    } as ArticleEvent;
    given(articleDecider, [written])
      .when({ ...review('quality'), reviewedOn: '2026-03-02' } as ArticleCommand)
      .then([
        {
          type: 'ArticleReviewed',
          data: { ...reviewed('quality').data, reviewedOn: '2026-03-02' },
        } as ArticleEvent,
      ]);
    given(articleDecider, [written])
      .when({ ...review('quality'), reviewedOn: '2026-02-10' } as ArticleCommand)
      .then({ code: 'reviewed-before-written', category: 'invalid' });
    given(articleDecider, [written])
      .when({ ...review('quality'), reviewedOn: '2026-05-05' } as ArticleCommand)
      .then({ code: 'reviewed-in-future', category: 'invalid' });
  });

  it('refuses a theory article or research report from someone who is not a party member', () => {
    for (const kind of ['theory-article', 'research-report'] as const)
      given(articleDecider, [])
        .when({ ...submit, kind, author: { partyMember: false } })
        .then({ code: 'author-not-party-member', category: 'conflict' });
  });

  it('refuses an author who is not on the roster', () => {
    given(articleDecider, [])
      .when({ ...submit, author: undefined })
      .then({ code: 'author-not-found', category: 'not-found' });
  });

  it('refuses to submit the same article twice', () => {
    given(articleDecider, [submitted])
      .when(submit)
      .then({ code: 'article-already-exists', category: 'conflict' });
  });

  it('refuses a review or revision of an article that does not exist', () => {
    given(articleDecider, [])
      .when(review('quality'))
      .then({ code: 'article-not-found', category: 'not-found' });
    given(articleDecider, []).when(revise).then({ code: 'article-not-found', category: 'not-found' });
  });

  it('reviews a submitted article with any verdict', () => {
    for (const verdict of ['quality', 'accepted', 'needs-revision', 'rejected'] as const)
      given(articleDecider, [submitted])
        .when(review(verdict))
        .then([reviewed(verdict)]);
  });

  it('keeps a settled verdict settled: no second review', () => {
    for (const verdict of ['quality', 'accepted', 'rejected'] as const)
      given(articleDecider, [submitted, reviewed(verdict)])
        .when(review('quality'))
        .then({ code: 'article-not-awaiting-review', category: 'conflict' });
  });

  it('revises only after a needs-revision verdict, keeping the abstract it is not given', () => {
    given(articleDecider, [submitted])
      .when(revise)
      .then({ code: 'article-not-awaiting-revision', category: 'conflict' });
    given(articleDecider, [submitted, reviewed('needs-revision')])
      .when(revise)
      .then([
        {
          type: 'ArticleRevised',
          data: { title: 'Serving, revised', abstract: 'Why the study sessions matter', body: revisedBody },
        },
      ]);
  });

  it('keeps the title when a revision names none, and reviews the revised article again', () => {
    const revisedEvent: ArticleEvent = {
      type: 'ArticleRevised',
      data: {
        title: 'On serving the community',
        abstract: 'Why the study sessions matter',
        body: revisedBody,
      },
    };
    given(articleDecider, [submitted, reviewed('needs-revision')])
      .when({ type: 'ReviseArticle', articleId: 'A1', body: revisedBody })
      .then([revisedEvent]);
    given(articleDecider, [submitted, reviewed('needs-revision'), revisedEvent])
      .when(review('accepted'))
      .then([reviewed('accepted')]);
    given(articleDecider, [submitted, reviewed('needs-revision'), revisedEvent])
      .when(revise)
      .then({ code: 'article-not-awaiting-revision' });
  });

  it('runs through the command service: a stored submission, then a review appended to its stream', async () => {
    await givenHistory({ 'c1#article#A1': [submitted] })
      .when({ decider: articleDecider, streamId: 'c1#article#A1', command: review('quality') })
      .then([reviewed('quality')]);
    await givenHistory({})
      .when({ decider: articleDecider, streamId: 'c1#article#A1', command: review('quality') })
      .then({ code: 'article-not-found', category: 'not-found' });
  });
});
