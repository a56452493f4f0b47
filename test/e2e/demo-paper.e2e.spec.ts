import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedResult, seedDemo } from '../../infra/local/seed/demo.js';
import { httpSeedClient } from '../../infra/local/seed/http-client.js';
import { latinWords, pdfText, pdftotextAvailable, pdfWordBoxes } from '../functions/printing/pdf-tools.js';
import { startApi, type TestApi } from '../support/api.js';

const root = join(import.meta.dirname, '..', '..');

/**
 * Every paper of the English demo (`--lang en`) read back with poppler: no word split by a line
 * break (each Latin word of a PDF is a word of the JSON answers it came from, or of the wording),
 * page 1 of the report filled rather than one row and blank space, and the figures the same as
 * the JSON's (issue 25).
 */
describe.runIf(pdftotextAvailable())('the English demo on paper', () => {
  let api: TestApi;
  let result: SeedResult;
  let leader: string;
  let organizer: string;
  const dictionary = new Set<string>();
  const learn = (value: unknown) => {
    for (const word of latinWords(typeof value === 'string' ? value : JSON.stringify(value)))
      dictionary.add(word);
  };
  /** Reads an answer, and learns its words: the papers may print only those. */
  const readAndLearn = async <T>(path: string, token = leader) => {
    const answer = await api.as(token).get<T>(path);
    expect(answer.status, path).toBe(200);
    learn(answer.body);
    return answer.body;
  };
  const pdf = async (path: string, token = leader) => {
    const answer = await api.call('GET', path, {
      token,
      headers: { accept: 'application/pdf', 'accept-language': 'en' },
    });
    expect(answer.status, path).toBe(200);
    return answer.bytes;
  };
  const splitWords = (bytes: Uint8Array) =>
    latinWords(pdfText(bytes)).filter((word) => !dictionary.has(word));

  beforeAll(async () => {
    api = await startApi();
    result = await seedDemo(
      await httpSeedClient(api.url, api.runtime.secret),
      new Date('2026-11-28T10:00:00+08:00'),
      () => undefined,
      { lang: 'en' },
    );
    await api.runtime.dispatcher.idle();
    [leader, organizer] = [await api.token('leader'), await api.token('organizer')];
    // The words a paper may hold: its answers' and the wording's (and the months Intl spells).
    learn(readFileSync(join(root, 'domain/reports/messages.en.ts'), 'utf8'));
    for (let m = 0; m < 12; m++)
      learn(new Date(Date.UTC(2026, m, 15)).toLocaleString('en', { month: 'long' }));
    await readAndLearn(`/plans/${result.planId}`, organizer);
    let cursor = '';
    do {
      const page = await readAndLearn<{ nextCursor: string | null }>(
        `/activities?planId=${result.planId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        organizer,
      );
      cursor = page.nextCursor ?? '';
    } while (cursor);
    await readAndLearn('/residents?limit=500', await api.token('admin'));
    await readAndLearn(`/articles?planId=${result.planId}&limit=100`, organizer);
    await readAndLearn(`/good-deeds?planId=${result.planId}&limit=100`, organizer);
  }, 300_000);
  afterAll(async () => api?.close());

  it('reads in English: community, plan, activities', async () => {
    const plan = await readAndLearn<{ communityName: string; title: string }>(`/plans/${result.planId}`);
    expect(plan.communityName).toBe('Venus community');
    expect(plan.title).toBe('Community integrated cultural services work plan 2026');
  });

  it('prints the Q3 report with no word split, page 1 filled, and the figures of its JSON answer', async () => {
    const report = await readAndLearn<{
      held: { title: string; signIns: number }[];
      attendance: { signIns: number; distinctResidents: number };
    }>(`/reports/${result.planId}?period=2026-Q3`);
    const bytes = await pdf(`/reports/${result.planId}?period=2026-Q3`);
    expect(splitWords(bytes)).toEqual([]);
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain(`${report.attendance.signIns}`);
    for (const activity of report.held.slice(0, 5)) expect(text).toContain(activity.title);
    // Page 1 is written down to near its foot (the footer aside), not one row and blank space.
    const page1 = pdfWordBoxes(bytes).filter(
      (w) => w.page === 1 && !/page|of|\d|Venus|community|·/.test(w.text),
    );
    const lowest = Math.max(...page1.map((w) => w.yMax));
    expect(lowest).toBeGreaterThan(841.89 * 0.75);
  });

  it("prints the year's ledger with no word split, each activity's sign-ins counted as listed", async () => {
    const bytes = await pdf(`/plans/${result.planId}/ledger?year=2026`);
    expect(splitWords(bytes)).toEqual([]);
    expect(pdfText(bytes)).not.toContain('Headcount');
  });

  it('prints the sign-in sheet of a coming activity with its registered residents, no word split', async () => {
    type Activity = { activityId: string; status: string; registeredCount: number; title: string };
    const coming = (
      await readAndLearn<{ items: Activity[] }>(
        `/activities?planId=${result.planId}&limit=100&from=2026-11-28`,
        organizer,
      )
    ).items.find((a) => a.status === 'planned' && a.registeredCount > 0)!;
    const bytes = await pdf(`/activities/${coming.activityId}/sign-in-sheet`, organizer);
    expect(splitWords(bytes)).toEqual([]);
    const page1 = pdfText(bytes, { first: 1, last: 1 });
    expect(page1).toContain('Scan to check in');
    expect(page1).toContain(`${coming.registeredCount} registered`);
  });
});
