import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbKeyStore } from '../../../functions/adapters/dynamodb-key-store.js';
import { KmsKeyStore } from '../../../functions/adapters/kms-key-store.js';
import { PersonalDataCipher } from '../../../functions/app/personal-data.js';
import { documentClient, freshTables, startEngine, type TestEngine } from '../../support/engines.js';

describe("a resident's key ring: every key that encrypts their data, destroyed together", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());

  it('seals personal data written into other streams with keys of the same ring, and erasure destroys them all', async () => {
    const { EVENTS_TABLE } = await freshTables(engine.endpoint);
    const cipher = new PersonalDataCipher(
      new DynamoDbKeyStore(documentClient(engine.endpoint), EVENTS_TABLE),
    );
    const enrolled = await cipher.protect('demo', 'R1', { name: 'Tang Wen', email: 'tang@example.org' });
    const inPlan = await cipher.protectIn('demo', 'R1', 'demo#plan#P1', {
      name: 'Tang Wen',
      email: 'tang@example.org',
      residentId: 'R1',
    });
    await cipher.protectIn('demo', 'R1', 'demo#plan#P2', { name: 'Tang Wen' });
    await cipher.protectIn('demo', 'R2', 'demo#plan#P3', { name: 'Someone else' });
    expect(inPlan).toMatchObject({ name: expect.stringMatching(/^enc:v2:\d+:/), residentId: 'R1' });
    expect(inPlan.email).not.toContain('tang');
    expect(await cipher.reveal('demo', 'R1', inPlan)).toEqual({
      name: 'Tang Wen',
      email: 'tang@example.org',
      residentId: 'R1',
    });
    expect((await cipher.streamsHolding('demo', 'R1')).sort()).toEqual(['demo#plan#P1', 'demo#plan#P2']);
    // A key id that names no key of the ring reads as erased, never as someone else's key.
    const forged = { name: inPlan.name.replace(/^enc:v2:\d+:/, 'enc:v2:1:') };
    expect(await cipher.reveal('demo', 'R1', forged)).toEqual({ name: '[erased]' });

    await cipher.destroy('demo', 'R1');
    expect(await cipher.reveal('demo', 'R1', inPlan)).toEqual({
      name: '[erased]',
      email: undefined,
      residentId: 'R1',
    });
    expect(await cipher.reveal('demo', 'R1', enrolled)).toMatchObject({ name: '[erased]' });
    expect(await cipher.streamsHolding('demo', 'R1')).toEqual([]);
    expect(await cipher.streamsHolding('demo', 'R2')).toEqual(['demo#plan#P3']);
  });

  it("reveals a batch of events with one batched read of every key they need; an erased resident's read as erased", async () => {
    const { EVENTS_TABLE } = await freshTables(engine.endpoint);
    const client = documentClient(engine.endpoint);
    const calls: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(context.commandName as string);
        return next(args);
      },
      { step: 'initialize' },
    );
    const cipher = new PersonalDataCipher(new DynamoDbKeyStore(client, EVENTS_TABLE));
    const enrolled = await Promise.all(
      ['A', 'B', 'C'].map(async (id) => ({
        type: 'ResidentEnrolled' as const,
        data: {
          ...(await cipher.protect('demo', id, {
            name: `Name ${id}`,
            phone: `1390000000${id.charCodeAt(0) % 10}`,
          })),
          residentId: id,
          householdId: 'H1',
          partyMember: false,
        },
      })),
    );
    const leader = await cipher.protectIn('demo', 'A', 'demo#plan#P1', { name: 'Name A', residentId: 'A' });
    const guest = await cipher.protectIn('demo', 'P-GUEST', 'demo#plan#P1', {
      name: 'A guest',
      email: 'guest@example.org',
      personId: 'P-GUEST',
    });
    const appointed = {
      type: 'OrganizingGroupAppointed' as const,
      // Appointed before people had rings: a plain entry is shown as it was written.
      data: { leader, deputies: [guest], members: [{ name: 'An old guest' }] },
    };
    await cipher.destroy('demo', 'C');
    calls.length = 0;

    const shown = await cipher.revealEvents('demo', [...enrolled, appointed]);

    expect(calls).toEqual(['BatchGetItemCommand']);
    expect(shown.map((event) => (event.data as { name?: string }).name ?? null)).toEqual([
      'Name A',
      'Name B',
      '[erased]',
      null,
    ]);
    expect(shown[3]).toEqual({
      ...appointed,
      data: {
        leader: { name: 'Name A', residentId: 'A' },
        deputies: [{ name: 'A guest', email: 'guest@example.org', personId: 'P-GUEST' }],
        members: [{ name: 'An old guest' }],
      },
    });
  });

  it("makes each key of the ring with kms:GenerateDataKey only (the commands function's one grant), unwrapping none", async () => {
    const kms = mockClient(KMSClient);
    kms
      .on(GenerateDataKeyCommand)
      .resolves({ Plaintext: Buffer.alloc(32, 9), CiphertextBlob: Buffer.from('w') });
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.alloc(32, 9) });
    const { EVENTS_TABLE } = await freshTables(engine.endpoint);
    const store = new KmsKeyStore(
      new KMSClient({ region: 'ap-southeast-1' }),
      'alias/personal-data',
      documentClient(engine.endpoint),
      EVENTS_TABLE,
    );
    const cipher = new PersonalDataCipher(store);
    await cipher.protect('demo', 'R1', { name: 'Tang Wen' });
    const sealed = await cipher.protectIn('demo', 'R1', 'demo#plan#P1', {
      name: 'Tang Wen',
      residentId: 'R1',
    });
    await cipher.destroy('demo', 'R9');
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(0);
    expect(kms.commandCalls(GenerateDataKeyCommand).map((c) => c.args[0].input.EncryptionContext)).toEqual([
      { community: 'demo', subjectId: 'R1' },
      { community: 'demo', subjectId: 'R1' },
    ]);
    // The projector (kms:Decrypt) reads it back; after erasure nothing is left to unwrap.
    expect(await cipher.reveal('demo', 'R1', sealed)).toMatchObject({ name: 'Tang Wen' });
    await cipher.destroy('demo', 'R1');
    expect(await cipher.reveal('demo', 'R1', sealed)).toMatchObject({ name: '[erased]' });
    kms.restore();
  });
});
