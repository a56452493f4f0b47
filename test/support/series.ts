import { expect } from 'vitest';
import type { TestApi } from './api.js';

/** What the waiting needs of a series answer. */
interface WrittenOrNot {
  readonly occurrencesWritten: boolean;
  readonly occurrences: readonly { readonly status: string }[];
}

/** The series once every occurrence's activity is on the calendar (the projector is a moment behind). */
export async function seriesWhenWritten<S extends WrittenOrNot>(
  api: TestApi,
  token: string,
  seriesId: string,
): Promise<S> {
  for (let i = 0; i < 100; i++) {
    const read = await api.call<S>('GET', `/activity-series/${seriesId}`, { token });
    expect(read.status).toBe(200);
    if (read.body.occurrencesWritten && read.body.occurrences.every((o) => o.status !== 'pending'))
      return read.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('occurrences never reached the views');
}
