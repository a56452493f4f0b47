import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientTypes, generateRolesTable, ROLES_FILE, SCHEMA_FILE } from '../../client/generate.js';
import { createLedgerClient, isUlid, mayCall, operationRoles, ulid } from '../../client/index.js';
import { routes } from '../../functions/http/routes/index.js';
import { startApi, type TestApi } from '../support/api.js';

describe('the typed client front-ends generate from the document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.close());

  it('matches the served document: client/schema.d.ts is what `npm run client` makes today', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generateClientTypes());
  }, 60_000);

  it('enrols, reads back and lists a resident with typed calls, and gets typed problems', async () => {
    const token = await api.token('organizer');
    const ledger = createLedgerClient(api.url, () => token);
    const created = await ledger.POST('/residents', { body: { name: 'Typed Client', householdId: 'H-tc' } });
    expect(created.response.status).toBe(201);
    // A command's answer names ids of several kinds; this one is a resident's, checked as such.
    const id = ulid(created.data!.id);
    const read = await ledger.GET('/residents/{residentId}', { params: { path: { residentId: id } } });
    expect(read.data).toMatchObject({ residentId: id, name: 'Typed Client' });
    const list = await ledger.GET('/residents', { params: { query: { limit: 500 } } });
    expect(list.data!.items.map((r) => r.residentId)).toContain(id);
    const refused = await ledger.POST('/residents', { body: { name: '', householdId: 'H' } });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({ status: 400, code: 'validation-failed' });
  });

  it('matches the served document: client/roles.ts is what `npm run client` makes today (issue 25)', async () => {
    expect(readFileSync(ROLES_FILE, 'utf8')).toBe(await generateRolesTable());
  }, 60_000);

  it("tells a front-end each operation's roles, as the server enforces them (issue 25)", async () => {
    // Every route is in the table with the roles the server checks.
    for (const route of routes)
      expect(operationRoles[route.operationId as keyof typeof operationRoles], route.operationId).toEqual({
        method: route.method,
        path: route.path,
        public: route.kind === 'public',
        roles: route.kind === 'public' ? [] : [...route.roles],
      });
    // What the table says is what the server answers: an organizer may not create a plan, an admin may.
    expect(mayCall('createPlan', ['organizer'])).toBe(false);
    expect(mayCall('createPlan', ['admin'])).toBe(true);
    expect(mayCall('getOpenApi', [])).toBe(true);
    const asOrganizer = createLedgerClient(api.url, () => api.token('organizer'));
    const refused = await asOrganizer.POST('/plans', {
      body: { communityName: 'Venus', year: 2026, title: 'Plan' },
    });
    expect(refused.response.status).toBe(403);
    const asAdmin = createLedgerClient(api.url, () => api.token('admin'));
    const created = await asAdmin.POST('/plans', {
      body: { communityName: 'Venus', year: 2026, title: 'Plan' },
    });
    expect(created.response.status).toBe(201);
  });

  it('types ids with their pattern: a ULID parameter takes an id, not any string (issue 25)', async () => {
    const ledger = createLedgerClient(api.url, () => api.token('organizer'));
    const listed = await ledger.GET('/residents', { params: { query: { limit: 1 } } });
    // A string becomes an id once checked against the pattern, and then goes in as one.
    const fromAnswer = ulid(listed.data!.items[0]!.residentId);
    const read = await ledger.GET('/residents/{residentId}', {
      params: { path: { residentId: fromAnswer } },
    });
    expect(read.response.status).toBe(200);
    // A household, a name or any other string is refused by the compiler (tsc checks this file).
    const household: string = 'H-12';
    // @ts-expect-error a plain string is not an id
    await ledger.GET('/residents/{residentId}', { params: { path: { residentId: household } } });
    expect(isUlid(household)).toBe(false);
    expect(() => ulid(household)).toThrow(/not an id the API issues/);
    expect(isUlid(fromAnswer)).toBe(true);
  });
});
