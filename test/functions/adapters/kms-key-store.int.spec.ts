import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsKeyStore } from '../../../functions/adapters/kms-key-store.js';
import { PersonalDataCipher } from '../../../functions/app/personal-data.js';
import { documentClient, freshTables, startEngine, type TestEngine } from '../../support/engines.js';

describe('KMS-wrapped data keys (KMS cannot run here: aws-sdk-client-mock; the key items live in a real engine)', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());

  it('stores only the wrapped key, unwraps it with the resident as encryption context, and erases by deleting it', async () => {
    const kms = mockClient(KMSClient);
    const plaintext = Buffer.alloc(32, 7);
    const wrapped = Buffer.from('wrapped-by-kms');
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: plaintext, CiphertextBlob: wrapped });
    kms.on(DecryptCommand).resolves({ Plaintext: plaintext });
    const { EVENTS_TABLE } = await freshTables(engine.endpoint);
    const store = new KmsKeyStore(
      new KMSClient({ region: 'ap-southeast-1' }),
      'alias/personal-data',
      documentClient(engine.endpoint),
      EVENTS_TABLE,
    );
    const cipher = new PersonalDataCipher(store);

    const sealed = await cipher.protect('demo', 'R1', {
      name: 'Tang Wen',
      phone: '13800000001',
      householdId: 'H',
    });
    expect(sealed.name).toMatch(/^enc:v1:/);
    expect(sealed.householdId).toBe('H');
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({
      KeyId: 'alias/personal-data',
      KeySpec: 'AES_256',
      EncryptionContext: { community: 'demo', subjectId: 'R1' },
    });
    expect(await cipher.reveal('demo', 'R1', sealed)).toMatchObject({
      name: 'Tang Wen',
      phone: '13800000001',
    });
    expect(Buffer.from(kms.commandCalls(DecryptCommand)[0]!.args[0].input.CiphertextBlob!).toString()).toBe(
      'wrapped-by-kms',
    );

    await cipher.destroy('demo', 'R1');
    expect(await cipher.reveal('demo', 'R1', sealed)).toMatchObject({ name: '[erased]', phone: undefined });
    kms.restore();
  });
});
