import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientTypes, SCHEMA_DIR } from '../../client/generate.js';
import { createLedgerClient } from '../../client/index.js';
import { startApi, type TestApi } from '../support/api.js';

describe('the typed client front-ends generate from the document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.close());

  it('matches the served document: client/schema/ is what `npm run client` makes today, file for file', async () => {
    const generated = await generateClientTypes();
    const committed = readdirSync(SCHEMA_DIR, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.split(sep).join('/'));
    expect(committed.sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated)
      expect(readFileSync(join(SCHEMA_DIR, name), 'utf8'), name).toBe(text);
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
