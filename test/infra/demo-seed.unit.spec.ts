import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../infra/local/seed/demo.js';
import { demoLanguageArgument } from '../../infra/local/seed/demo-wording.js';
import { random } from '../../infra/local/seed/plan-template.js';
import type { SeedClient } from '../../infra/local/seed/seed-client.js';

/**
 * A server that answers every write after a delay of its own (as a loaded server does) and
 * records what it was sent, by Idempotency-Key: the demo, written concurrently, must send the
 * same data whatever order the answers come back in.
 */
function recordingServer(jitter: () => number) {
  const sent = new Map<string, unknown>();
  const series = new Map<string, string>();
  const answer = async (path: string, body: unknown, key: string) => {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(jitter() * 3)));
    sent.set(key, { path: path.replace(/id-[^/]+/g, 'ID'), body });
    if (path === '/activity-series') series.set(`id-${key}`, key);
    return { status: 201, body: { id: `id-${key}` } as Record<string, unknown> };
  };
  const client: SeedClient = {
    post: answer,
    postAs: (_identity, path, body, key) => answer(path, body, key),
    async get(path) {
      const seriesId = /^\/activity-series\/(.+)$/.exec(path)?.[1];
      if (!seriesId) return { status: 200, body: { items: [] } };
      // Three past occurrences and two to come, each a 90-minute session.
      const occurrences = [1, 2, 3, 11, 12].map((month) => {
        const start = `2026-${String(month).padStart(2, '0')}-15T11:00:00.000Z`;
        return {
          occurrenceId: `id-${seriesId}-${month}`,
          date: start.slice(0, 10),
          window: { start, end: start.replace('T11:00', 'T12:30') },
        };
      });
      return { status: 200, body: { occurrences } };
    },
  };
  return { client, sent };
}

describe('the demo seed (issue 25)', () => {
  it('sends the same data on every seed, whatever order the answers come back in', async () => {
    const now = new Date('2026-11-28T10:00:00+08:00');
    const first = recordingServer(random(1));
    const second = recordingServer(random(2));
    await seedDemo(first.client, now);
    await seedDemo(second.client, now);
    expect(first.sent.size).toBeGreaterThan(1000);
    expect(Object.fromEntries(second.sent)).toEqual(Object.fromEntries(first.sent));
  }, 60_000);

  it('dates articles and their reviews across the year so far, the same on every seed, never after today (issue 25)', async () => {
    const dated = async (now: Date) => {
      const server = recordingServer(() => 0);
      await seedDemo(server.client, now);
      const sent = [...server.sent.values()] as { path: string; body: Record<string, string> }[];
      return {
        written: sent.filter((s) => s.path === '/articles').map((s) => s.body.writtenOn!),
        reviewed: sent
          .filter((s) => s.path.startsWith('/articles/') && s.path.endsWith('/reviews'))
          .map((s) => s.body.reviewedOn!),
      };
    };
    const late = await dated(new Date('2026-11-28T10:00:00+08:00'));
    // 24 members' articles and the reading essay.
    expect(late.written).toHaveLength(25);
    expect(new Set(late.written.map((d) => d.slice(0, 7))).size).toBeGreaterThan(5);
    for (const day of [...late.written, ...late.reviewed])
      expect(day >= '2026-01-01' && day <= '2026-11-28', day).toBe(true);
    expect(late.written.every((d) => d < '2026-11-28')).toBe(true);
    expect(late.written.slice().sort()[0]! < late.reviewed.slice().sort()[0]!).toBe(true);
    expect(await dated(new Date('2026-11-28T10:00:00+08:00'))).toEqual(late);
    // Loaded on New Year's Day (still 31 December in UTC): everything is dated that very day.
    const first = await dated(new Date('2026-01-01T07:00:00+08:00'));
    expect(new Set([...first.written, ...first.reviewed])).toEqual(new Set(['2026-01-01']));
  }, 60_000);

  it('writes in Chinese unless --lang en, and refuses a language it does not speak', async () => {
    expect(demoLanguageArgument(['--demo'])).toBe('zh-CN');
    expect(demoLanguageArgument(['--demo', '--lang', 'en'])).toBe('en');
    expect(demoLanguageArgument(['--lang=zh-cn'])).toBe('zh-CN');
    expect(() => demoLanguageArgument(['--lang', 'fr'])).toThrow(/zh-CN or en/);
    const now = new Date('2026-11-28T10:00:00+08:00');
    const zh = recordingServer(() => 0);
    await seedDemo(zh.client, now);
    const bodies = [...zh.sent.values()].map((s) => JSON.stringify((s as { body: unknown }).body));
    const han = bodies.join('').match(/\p{Script=Han}/gu)?.length ?? 0;
    const plan = zh.sent.get('demo-2026-plan') as { body: { communityName: string; locale: string } };
    expect(plan.body).toMatchObject({ communityName: '金星社区', locale: 'zh-CN' });
    expect(han).toBeGreaterThan(10_000);
  }, 60_000);
});
