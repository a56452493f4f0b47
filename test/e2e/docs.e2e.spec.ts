import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes/index.js';
import { startApi, type TestApi } from '../support/api.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';

type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

describe('API documentation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.close());

  it('serves an OpenAPI 3.1 document with every route, and every $ref resolvable', async () => {
    const answer = await api.call<OpenApi>('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const doc = answer.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of routes) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      expect(Object.keys(operation!.responses)).toContain(String(route.response.status));
    }
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
    }
  });

  it('/docs declares its icon, so a browser asks for no /favicon.ico that would 404 (issue 25)', async () => {
    const page = await api.call('GET', '/docs');
    const icon = /<link rel="icon" href="([^"]*)">/.exec(page.text)?.[1];
    expect(icon).toBeDefined();
    if (!icon!.startsWith('data:')) expect((await api.call('GET', icon!)).status).toBe(200);
  });

  const browser = chromiumAvailable() ? it : it.skip;
  browser(
    'renders /docs from local assets, lists the operations, and makes an authorized call from the page',
    async () => {
      const chromium = await launchChromium();
      try {
        const page = await chromium.newPage();
        const external: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith(api.url)) external.push(request.url());
        });
        await page.goto(`${api.url}/docs`);
        await page.waitForSelector('.opblock', { timeout: 20_000 });
        const operations = await page.locator('.opblock').count();
        expect(operations).toBe(routes.length);

        await page.click('button.authorize');
        await page.fill('.modal-ux input[type=text]', await api.token('admin'));
        await page.click('.modal-ux button.authorize');
        await page.click('.modal-ux button.btn-done');

        await page.click('#operations-Residents-listResidents .opblock-summary');
        // Try-it-out is on by default: the form and Execute are there with no click on "Try it out".
        await page.locator('#operations-Residents-listResidents button.execute').waitFor({ timeout: 5_000 });
        expect(
          await page.locator('#operations-Residents-listResidents button.try-out__btn:not(.cancel)').count(),
        ).toBe(0);
        await page.click('#operations-Residents-listResidents button.execute');
        const status = page
          .locator(
            '#operations-Residents-listResidents .live-responses-table tr.response .response-col_status',
          )
          .first();
        await status.waitFor({ timeout: 10_000 });
        expect((await status.textContent())?.trim()).toBe('200');
        mkdirSync('test-results', { recursive: true });
        await page.screenshot({ path: 'test-results/docs.png', fullPage: false });
        expect(external).toEqual([]);
      } finally {
        await chromium.close();
      }
    },
    60_000,
  );
});
