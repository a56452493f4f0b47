import { KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbKeyStore } from '../adapters/dynamodb-key-store.js';
import { KmsKeyStore } from '../adapters/kms-key-store.js';
import { traced } from '../adapters/tracing.js';
import { PersonalDataCipher } from '../app/personal-data.js';
import type { Config } from '../config.js';

/** Residents' data keys: wrapped by KMS on AWS, plain items locally (crypto-shredding either way). */
export function personalDataFor(config: Config, client: DynamoDBDocumentClient): PersonalDataCipher {
  return new PersonalDataCipher(
    config.PERSONAL_DATA_KEY_ID
      ? new KmsKeyStore(traced(new KMSClient({})), config.PERSONAL_DATA_KEY_ID, client, config.EVENTS_TABLE)
      : new DynamoDbKeyStore(client, config.EVENTS_TABLE),
  );
}
