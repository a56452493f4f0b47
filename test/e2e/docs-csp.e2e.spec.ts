import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';

/** Run in the page (strings: this project type-checks without the DOM library). */
const recordViolations = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
  });`;
const injectInlineScript = `
  const script = document.createElement('script');
  script.textContent = 'window.injectedRan = true;';
  document.body.append(script);`;

/** Issue 14: the docs page gets a Content-Security-Policy, and Swagger UI must keep working under it. */
describe('the docs page under its Content-Security-Policy', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.close());

  const browser = chromiumAvailable() ? it : it.skip;
  browser(
    'renders, authorizes and calls the API with no CSP violation, and runs no script it did not ship',
    async () => {
      const chromium = await launchChromium();
      try {
        const page = await chromium.newPage();
        // Registered before any page script runs: every violation of the page's policy is recorded.
        await page.addInitScript({ content: recordViolations });
        const answer = await page.goto(`${api.url}/docs`);
        expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
        await page.waitForSelector('.opblock', { timeout: 20_000 });

        await page.click('button.authorize');
        await page.fill('.modal-ux input[type=text]', await api.token('admin'));
        await page.click('.modal-ux button.authorize');
        await page.click('.modal-ux button.btn-done');
        await page.click('#operations-Residents-listResidents .opblock-summary');
        const tryItOut = page.locator('#operations-Residents-listResidents button.try-out__btn:not(.cancel)');
        if (await tryItOut.isVisible()) await tryItOut.click();
        await page.click('#operations-Residents-listResidents button.execute');
        const status = page
          .locator(
            '#operations-Residents-listResidents .live-responses-table tr.response .response-col_status',
          )
          .first();
        await status.waitFor({ timeout: 10_000 });
        expect((await status.textContent())?.trim()).toBe('200');

        // A command's body schema, and the models section: more of the page's own rendering.
        await page.click('#operations-Residents-enrollResident .opblock-summary');
        await page.locator('#operations-Residents-enrollResident button[data-name=model]').first().click();
        // OpenAPI 3.1 schemas render as JSON Schema 2020-12 accordions: open the first.
        await page.locator('.models .json-schema-2020-12-accordion').first().click();
        await page.locator('.models .json-schema-2020-12-body').first().waitFor({ timeout: 10_000 });

        expect(await page.evaluate('window.cspViolations')).toEqual([]);

        // What an injected inline script would try: the policy stops it.
        await page.evaluate(injectInlineScript);
        expect(await page.evaluate('window.injectedRan === true')).toBe(false);
        expect(await page.evaluate('window.cspViolations')).toEqual([
          expect.stringMatching(/^script-src(-elem)? inline$/),
        ]);
      } finally {
        await chromium.close();
      }
    },
    60_000,
  );
});
