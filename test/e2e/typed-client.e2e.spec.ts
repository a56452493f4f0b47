import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientTypes, SCHEMA_FILE } from '../../client/generate.js';
import { createLedgerClient } from '../../client/index.js';
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
    const id = created.data!.id;
    const read = await ledger.GET('/residents/{residentId}', { params: { path: { residentId: id } } });
    expect(read.data).toMatchObject({ residentId: id, name: 'Typed Client' });
    const list = await ledger.GET('/residents', { params: { query: { limit: 500 } } });
    expect(list.data!.items.map((r) => r.residentId)).toContain(id);
    const refused = await ledger.POST('/residents', { body: { name: '', householdId: 'H' } });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({ status: 400, code: 'validation-failed' });
  });
});
