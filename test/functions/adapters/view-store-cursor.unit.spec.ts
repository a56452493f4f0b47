import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbViewStore, decodeCursor } from '../../../functions/adapters/dynamodb-view-store.js';
import { InvalidCursor } from '../../../functions/app/view-store.js';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const LIST_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
const page = { pk: 'demo#activity#A', sk: 'detail', gsi1pk: 'demo#activities', gsi1sk: '2026-05-20#A' };

/** A store whose client must never be reached: a bad cursor is refused before DynamoDB sees it. */
const untouched = new DynamoDbViewStore(
  {
    send: async () => {
      throw new Error('DynamoDB was called with a cursor that should have been refused');
    },
  } as unknown as DynamoDBDocumentClient,
  'Views',
);

describe('list cursors (issue 14: a tampered cursor was a 500)', () => {
  it('takes back exactly the key a page ended on', () => {
    expect(decodeCursor(cursorOf(page), LIST_KEY, 'gsi1pk', 'demo#activities')).toEqual(page);
  });

  it.each([
    ['only the partition', { gsi1pk: 'demo#activities' }],
    ['a missing attribute', { pk: page.pk, sk: page.sk, gsi1pk: page.gsi1pk }],
    ['an extra attribute', { ...page, deleted: 'x' }],
    ['a number', { ...page, sk: 1 }],
    ['an empty key', { ...page, pk: '' }],
    ['a DynamoDB-typed value', { ...page, gsi1sk: { S: 'x' } }],
    ['a key over 1 KB', { ...page, sk: 'x'.repeat(1_025) }],
    ['another list', { ...page, gsi1pk: 'other#activities' }],
    ['an array', [page]],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(() => decodeCursor(cursorOf(value), LIST_KEY, 'gsi1pk', 'demo#activities')).toThrow(InvalidCursor);
  });

  it('refuses text that is not base64url JSON', () => {
    expect(() => decodeCursor('%%%', LIST_KEY, 'gsi1pk', 'demo#activities')).toThrow(InvalidCursor);
  });

  it("refuses a cursor outside the query's bounds, which DynamoDB answers with an error", async () => {
    await expect(
      untouched.list({
        list: { community: 'demo', list: 'activities' },
        from: '2026-06',
        to: '2026-07',
        cursor: cursorOf(page),
        limit: 10,
      }),
    ).rejects.toThrow(InvalidCursor);
    await expect(
      untouched.group(
        { community: 'demo', view: 'attendee', within: ['A'] },
        {
          cursor: cursorOf({ pk: 'demo#activity#A', sk: 'detail' }),
        },
      ),
    ).rejects.toThrow(InvalidCursor);
  });
});
