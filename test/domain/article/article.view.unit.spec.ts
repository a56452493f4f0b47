import { describe, expect, it } from 'vitest';
import {
  type ArticleDetail,
  articleDetails,
  articleKey,
  articlesList,
  authoredArticles,
  authoredKey,
} from '../../../domain/article/article.view.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const body = { sha256: 'a'.repeat(64), bytes: 10 };
const submitted = {
  type: 'ArticleSubmitted',
  data: { articleId: 'A1', planId: 'P1', authorId: 'R1', kind: 'theory-article', title: 'T', body },
};
const reviewed = (verdict: string) => ({ type: 'ArticleReviewed', data: { verdict, reviewerId: 'J1' } });
const revised = {
  type: 'ArticleRevised',
  data: { title: 'T2', abstract: 'new', body: { sha256: 'b'.repeat(64), bytes: 12 } },
};

describe('article-details projection', () => {
  it('shows a submitted article, listed per plan by author', async () => {
    const views = await project([['c1#article#A1', submitted]], [articleDetails]);
    expect(await views.item<ArticleDetail>(articleKey('c1', 'A1'))).toEqual({
      data: { ...submitted.data, status: 'submitted', submittedAt: recordedAt(0), revisions: 0, reviews: [] },
      placement: { list: articlesList('c1', 'P1'), order: ['R1', 'A1'] },
      owner: 'c1#article#A1',
      appliedVersion: 1,
    });
  });

  it('keeps every review, counts revisions and shows the latest status and text', async () => {
    const views = await project(
      [
        ['c1#article#A1', submitted],
        ['c1#article#A1', reviewed('needs-revision')],
        ['c1#article#A1', revised],
        ['c1#article#A1', reviewed('quality')],
      ],
      [articleDetails],
    );
    const { data } = (await views.item<ArticleDetail>(articleKey('c1', 'A1')))!;
    expect(data).toMatchObject({
      status: 'quality',
      title: 'T2',
      abstract: 'new',
      revisions: 1,
      body: revised.data.body,
    });
    expect(data.reviews).toEqual([
      { verdict: 'needs-revision', reviewerId: 'J1', recordedAt: recordedAt(1) },
      { verdict: 'quality', reviewerId: 'J1', recordedAt: recordedAt(3) },
    ]);
  });
});

describe('authored-articles projection', () => {
  it('puts the article in its author’s partition', async () => {
    const views = await project([['c1#article#A1', [submitted, reviewed('accepted')]]], [authoredArticles]);
    expect(await views.item(authoredKey('c1', 'R1', 'A1'))).toEqual({
      data: { articleId: 'A1', planId: 'P1' },
      owner: 'c1#article#A1',
      appliedVersion: 2,
    });
  });
});
