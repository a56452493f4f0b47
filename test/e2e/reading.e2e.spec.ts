import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Answer = { id: string; code?: string };
type Book = {
  bookId: string;
  title: string;
  isbn?: string;
  reviewCount: number;
  averageRating: number | null;
  essays: { articleId: string; authorId: string; title: string }[];
  reviews?: { residentId: string; rating: number; text: string }[];
};

describe('reading over HTTP: recommended books, residents’ reviews, reading essays', () => {
  const clock = new ManualClock('2026-04-01T02:00:00Z');
  let api: TestApi;
  let staff: string;
  let planId: string;
  const r: Record<string, string> = {};
  const as = (who: string) => api.token('resident', { sub: r[who] });

  beforeAll(async () => {
    api = await startApi({ clock });
    const admin = await api.token('admin');
    staff = await api.token('organizer');
    planId = (
      await api
        .as(admin)
        .call<Answer>('POST', '/plans', { communityName: 'Venus', year: 2026, title: 'Plan' })
    ).body.id;
    for (const [name, partyMember] of [
      ['lin', true],
      ['chen', false],
    ] as const)
      r[name] = (
        await api
          .as(admin)
          .call<Answer>('POST', '/residents', { name, householdId: `H-${name}`, partyMember })
      ).body.id;
  }, 60_000);
  afterAll(async () => api?.close());

  it('recommends a book, takes one review per resident (the latest counts) and ties reading essays to it', async () => {
    const body = {
      planId,
      title: 'Walden',
      author: 'Henry David Thoreau',
      isbn: '978-0-14-119448-6',
      recommendedBy: 'Community library',
      reason: 'For the family reading project',
    };
    expect((await api.as(await as('lin')).call<Answer>('POST', '/books', body)).status).toBe(403);
    const badIsbn = await api
      .as(staff)
      .call<Answer>('POST', '/books', { ...body, isbn: '978-0-14-119448-7' });
    expect([badIsbn.status, badIsbn.body.code]).toEqual([400, 'validation-failed']);
    const unknownPlan = await api
      .as(staff)
      .call<Answer>('POST', '/books', { ...body, planId: '0'.repeat(26) });
    expect([unknownPlan.status, unknownPlan.body.code]).toEqual([404, 'plan-not-found']);
    const book = await api.as(staff).call<Answer>('POST', '/books', body);
    expect(book.status).toBe(201);
    const bookId = book.body.id;

    const review = (who: string, rating: number, text: string, residentId = r[who]) =>
      as(who).then((token) =>
        api.as(token).call<Answer>('POST', `/books/${bookId}/reviews`, { residentId, rating, text }),
      );
    expect((await review('lin', 5, 'Quiet and deep')).status).toBe(201);
    expect((await review('lin', 4, 'Slow in the middle')).status).toBe(201);
    expect((await review('chen', 2, 'not for me', r.lin)).status).toBe(403);
    expect((await review('chen', 2, 'Not for me')).status).toBe(201);
    const tooHigh = await api.as(staff).call<Answer>('POST', `/books/${bookId}/reviews`, {
      residentId: r.chen,
      rating: 6,
      text: 'x',
    });
    expect(tooHigh.status).toBe(400);

    const essay = await api.as(await as('lin')).call<Answer>('POST', '/articles', {
      planId,
      authorId: r.lin,
      kind: 'reading-essay',
      title: 'What Walden taught our family',
      body: 'We read it aloud…',
    });
    const theory = await api.as(staff).call<Answer>('POST', '/articles', {
      planId,
      authorId: r.lin,
      kind: 'theory-article',
      title: 'Theory',
      body: 'text',
    });
    expect(
      (
        await api
          .as(await as('chen'))
          .call<Answer>('POST', `/books/${bookId}/essays`, { articleId: essay.body.id })
      ).status,
    ).toBe(403);
    const notEssay = await api
      .as(staff)
      .call<Answer>('POST', `/books/${bookId}/essays`, { articleId: theory.body.id });
    expect([notEssay.status, notEssay.body.code]).toEqual([409, 'not-a-reading-essay']);
    const missing = await api
      .as(staff)
      .call<Answer>('POST', `/books/${bookId}/essays`, { articleId: '0'.repeat(26) });
    expect([missing.status, missing.body.code]).toEqual([404, 'article-not-found']);
    expect(
      (
        await api
          .as(await as('lin'))
          .call<Answer>('POST', `/books/${bookId}/essays`, { articleId: essay.body.id })
      ).status,
    ).toBe(201);
    const twice = await api
      .as(staff)
      .call<Answer>('POST', `/books/${bookId}/essays`, { articleId: essay.body.id });
    expect([twice.status, twice.body.code]).toEqual([409, 'essay-already-linked']);

    const leader = await api.token('leader');
    const list = await api.as(await as('chen')).call<{ items: Book[] }>('GET', `/books?planId=${planId}`);
    expect(list.body.items).toMatchObject([
      { bookId, title: 'Walden', isbn: '9780141194486', reviewCount: 2, averageRating: 3 },
    ]);
    const opened = await api.as(leader).call<Book>('GET', `/books/${bookId}`);
    expect(opened.body).not.toHaveProperty('ratings');
    expect(opened.body.reviews?.map((x) => [x.residentId, x.rating, x.text]).sort()).toEqual(
      [
        [r.lin, 4, 'Slow in the middle'],
        [r.chen, 2, 'Not for me'],
      ].sort(),
    );
    expect(opened.body.essays).toMatchObject([
      { articleId: essay.body.id, authorId: r.lin, title: 'What Walden taught our family' },
    ]);
    expect((await api.as(leader).call<Answer>('GET', `/books/${'0'.repeat(26)}`)).status).toBe(404);
  });

  it('shows each resident’s latest review in their participation, to them and overseers only', async () => {
    const own = await api
      .as(await as('lin'))
      .call<{ bookReviews: { title: string; rating: number }[] }>('GET', `/residents/${r.lin}/participation`);
    expect(own.status).toBe(200);
    expect(own.body.bookReviews).toEqual([expect.objectContaining({ title: 'Walden', rating: 4 })]);
    expect(
      (await api.as(await as('chen')).call<Answer>('GET', `/residents/${r.lin}/participation`)).status,
    ).toBe(403);
  });
});
