import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitCount, startApi, type TestApi } from '../support/api.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { type CuttableProxy, cuttableProxy } from '../support/cuttable-proxy.js';

const DAY = 86_400_000;
type QueuedScan = { kind: string; at: string; key?: string; attendKey?: string; residentId?: string };
type Attendee = { residentId: string; method: string; at: string; recordedAt: string };

/** The same request from the page and from its service worker: 'reached' or 'failed'. */
const probe = "fetch('/openapi.json', { cache: 'no-store' }).then(() => 'reached', () => 'failed')";

/**
 * Issue 28, as a kiosk at the door lives it: signed in once by an organizer, the network dies, five
 * scans are made (four registered residents and a walk-in), the tablet reloads, the network returns
 * a day later (the server's clock), and the five reach the ledger at their scan times, none twice.
 */
describe('the kiosk, offline and back', () => {
  let api: TestApi;
  let proxy: CuttableProxy;
  let activityId: string;
  const residents: string[] = [];

  beforeAll(async () => {
    // The server's clock runs a day ahead: the scans arrive a day after they were made.
    api = await startApi({ clock: { now: () => new Date(Date.now() + DAY) } });
    proxy = await cuttableProxy(api.url);
    const admin = await api.token('admin');
    const now = Date.now();
    const year = Number(new Date(now).toLocaleString('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
    const planId = (
      await api.as(admin).accepted('/plans', { communityName: '金星社区', year, title: '文化服务工作计划' })
    ).id;
    activityId = (
      await api.as(admin).accepted('/activities', {
        planId,
        category: 'festival',
        format: 'performance',
        title: '中秋文艺晚会',
        window: {
          start: new Date(now - 10 * 60_000).toISOString(),
          end: new Date(now + 3 * 3_600_000).toISOString(),
        },
      })
    ).id;
    for (const [i, name] of ['王芳', '张伟', '刘洋', '陈静'].entries()) {
      residents.push(
        (await api.as(admin).accepted('/residents', { name, householdId: `5-1-${101 + i}` })).id,
      );
      await api.as(admin).accepted(`/activities/${activityId}/registrations`, { residentId: residents[i] });
    }
  });
  afterAll(async () => {
    await proxy?.close();
    await api?.close();
  });

  const browser = chromiumAvailable() ? it : it.skip;
  browser(
    'queues 5 scans offline, keeps them across a reload, and sends each once with its scan time',
    async () => {
      const chromium = await launchChromium({ chineseFont: true });
      try {
        const tablet = await chromium.newContext({ viewport: { width: 800, height: 1200 }, locale: 'zh-CN' });
        const page = await tablet.newPage();
        await page.goto(`${proxy.url}/kiosk/${activityId}`);
        await page.fill('#dev-token', await api.token('organizer'));
        await page.click('form.dev-sign-in button[type=submit]');
        await page.locator('.people button').nth(3).waitFor({ timeout: 15_000 });
        // The kiosk keeps itself: its service worker controls the page and holds its files.
        await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, {
          timeout: 15_000,
        });
        // Polled here: a waitForFunction on an expression takes its promise for a truthy answer.
        await expect
          .poll(
            () => page.evaluate("caches.open('ccl-kiosk-v1').then((c) => c.keys()).then((k) => k.length)"),
            {
              timeout: 20_000,
            },
          )
          .toBeGreaterThanOrEqual(3);
        const worker = tablet.serviceWorkers()[0]!;

        // The network goes: the line is cut, for the page and for its service worker's own requests,
        // whatever the browser's offline emulation covers; then the browser is told, as a tablet's
        // would be. A request made then fails, from either.
        proxy.cut();
        expect(await worker.evaluate(probe)).toBe('failed');
        expect(await page.evaluate(probe)).toBe('failed');
        await tablet.setOffline(true);
        expect(await worker.evaluate(probe)).toBe('failed');
        const before = await commitCount(api);

        for (const name of ['王芳', '张伟', '刘洋', '陈静'])
          await page.locator('.people button', { hasText: name }).click();
        await page.fill('#walk-in-name', '赵敏');
        await page.fill('#walk-in-household', '7-3-302');
        await page.click('form.walk-in button[type=submit]');
        await page.locator('#waiting[data-waiting="5"]').waitFor({ timeout: 10_000 });
        expect(await page.textContent('#network')).toContain('离线');

        // A reload with no network opens the kept kiosk, the five scans still waiting.
        await page.reload();
        await page.locator('#waiting[data-waiting="5"]').waitFor({ timeout: 15_000 });
        expect(await page.locator('.people button.in').count()).toBe(4);
        const queued = JSON.parse(
          (await page.evaluate(`localStorage.getItem('ccl.kiosk.${activityId}.queue')`)) as string,
        ) as QueuedScan[];
        expect(queued.map((s) => s.kind)).toEqual(['attend', 'attend', 'attend', 'attend', 'walk-in']);
        expect(await commitCount(api)).toBe(before);

        // The network returns: everything waiting is sent, in order.
        proxy.restore();
        await tablet.setOffline(false);
        await page.locator('#waiting[data-waiting="0"]').waitFor({ timeout: 30_000 });

        const organizer = await api.token('organizer');
        const shown = await api.call<{ attendees: Attendee[] }>('GET', `/activities/${activityId}`, {
          token: organizer,
        });
        const attendees = shown.body.attendees;
        expect(attendees).toHaveLength(5);
        expect(attendees.every((a) => a.method === 'kiosk')).toBe(true);
        expect(attendees.map((a) => a.at).sort()).toEqual(
          queued.map((s) => new Date(s.at).toISOString()).sort(),
        );
        // Recorded a day after it was scanned: the ledger keeps the scan time.
        for (const a of attendees)
          expect(Date.parse(a.recordedAt) - Date.parse(a.at)).toBeGreaterThan(DAY - 60_000);
        const walkIn = attendees.find((a) => !residents.includes(a.residentId))!;
        const profile = await api.call<{ name: string; householdId: string }>(
          'GET',
          `/residents/${walkIn.residentId}`,
          {
            token: organizer,
          },
        );
        expect(profile.body).toMatchObject({ name: '赵敏', householdId: '7-3-302' });

        // None twice: one ResidentAttended per scan, one enrolment for the walk-in, and a replayed
        // scan (its own key again) is answered from the first time.
        const stream = await api.runtime.deps.events.readStream(`demo#activity#${activityId}`);
        const attended = stream.commits.flatMap((c) => c.events).filter((e) => e.type === 'ResidentAttended');
        expect(attended).toHaveLength(5);
        const first = queued[0]!;
        const replay = await api.call('POST', `/activities/${activityId}/attendance`, {
          token: organizer,
          body: { residentId: residents[0], method: 'kiosk', at: first.at },
          headers: { 'idempotency-key': first.key! },
        });
        expect(replay.status).toBe(200);
        expect(replay.headers.get('idempotent-replayed')).toBe('true');
        const again = await api.runtime.deps.events.readStream(`demo#activity#${activityId}`);
        expect(again.commits.length).toBe(stream.commits.length);
      } finally {
        await chromium.close();
      }
    },
    120_000,
  );
});
