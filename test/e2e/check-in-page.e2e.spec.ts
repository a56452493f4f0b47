import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdftotextAvailable } from '../functions/printing/pdf-tools.js';
import { startApi, type TestApi } from '../support/api.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { qrCodeOnSheet } from '../support/qr-reader.js';

/** Run in the page before its scripts (strings: this project type-checks without the DOM library). */
const recordViolations = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
  });`;
const widest = 'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)';

/**
 * Issue 28, as a resident does it: the QR code of a printed sign-in sheet, read off the rendered
 * page, opens the check-in page on a 390 px phone; they sign in, tap once and see their check-in.
 */
describe('the sign-in sheet’s QR code, scanned with a phone', () => {
  let api: TestApi;
  let activityId: string;
  let residentId: string;
  let sheet: Uint8Array;

  beforeAll(async () => {
    api = await startApi();
    const admin = await api.token('admin');
    const now = Date.now();
    const planId = await (
      await api.as(admin).post<{ id: string }>('/plans', {
        communityName: '金星社区',
        year: Number(new Date(now).toLocaleString('en', { timeZone: 'Asia/Shanghai', year: 'numeric' })),
        title: '文化服务工作计划',
      })
    ).body.id;
    residentId = await (
      await api
        .as(admin)
        .post<{ id: string }>('/residents', { name: '李秀英', householdId: '3-2-501', building: '3号楼' })
    ).body.id;
    activityId = await (
      await api.as(admin).post<{ id: string }>('/activities', {
        planId,
        category: 'legal-education',
        format: 'lecture',
        title: '宪法宣传讲座',
        venue: '社区活动室',
        window: {
          start: new Date(now - 10 * 60_000).toISOString(),
          end: new Date(now + 2 * 3_600_000).toISOString(),
        },
      })
    ).body.id;
    await (
      await api.as(admin).post<{ id: string }>(`/activities/${activityId}/registrations`, { residentId })
    ).body.id;
    sheet = (await api.call('GET', `/activities/${activityId}/sign-in-sheet`, { token: admin })).bytes;
  });
  afterAll(async () => api?.close());

  const browser = chromiumAvailable() && pdftotextAvailable() ? it : it.skip;
  browser(
    'decodes to the check-in page, where a signed-in resident checks in with one tap',
    async () => {
      const code = qrCodeOnSheet(sheet);
      expect(code?.page).toBe(1);
      const url = code!.text;
      expect(url).toMatch(new RegExp(`^${api.url}/check-in/${activityId}\\?t=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));

      const chromium = await launchChromium({ chineseFont: true });
      try {
        const phone = await chromium.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
        const page = await phone.newPage();
        await page.addInitScript({ content: recordViolations });
        await page.goto(url);
        // Locally the development sign-in takes a token from `npm run token -- --role resident --sub <id>`.
        await page.fill('#dev-token', await api.token('resident', { sub: residentId }));
        await page.click('form.dev-sign-in button[type=submit]');
        const button = page.locator('#check-in');
        await button.waitFor({ timeout: 15_000 });
        expect(await page.textContent('h1')).toBe('宪法宣传讲座');
        expect(await page.textContent('.registration')).toBe('您已报名此活动。');
        expect(await page.evaluate(widest)).toBeLessThanOrEqual(390);
        await button.click();
        const done = page.locator('[data-checked-in]');
        await done.waitFor({ timeout: 15_000 });
        expect(await done.textContent()).toMatch(/✓ 签到成功签到时间：\d+月\d+日 \d\d:\d\d/);
        expect(await page.evaluate(widest)).toBeLessThanOrEqual(390);
        expect(await page.evaluate('window.cspViolations')).toEqual([]);

        const seen = await api.call<{ attendees: { residentId: string; method: string }[] }>(
          'GET',
          `/activities/${activityId}`,
          { token: await api.token('organizer') },
        );
        expect(seen.body.attendees).toEqual([expect.objectContaining({ residentId, method: 'qr' })]);

        // Opened again, the page says it is done; a forged code gets a page that says so.
        await page.reload();
        await done.waitFor({ timeout: 15_000 });
        expect(await done.textContent()).toContain('您已签到');
        await page.goto(`${url.slice(0, -6)}AAAAAA`);
        expect(await page.textContent('h1')).toBe('此二维码无效');
      } finally {
        await chromium.close();
      }
    },
    90_000,
  );
});
