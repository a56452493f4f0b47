import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ERASED } from '../../domain/views/resident.view.js';

/** Per-resident data keys: created at enrollment, destroyed on erasure (crypto-shredding). */
export interface KeyStore {
  /** Makes and keeps a new data key for the resident; returns it for encrypting. */
  create(community: string, residentId: string): Promise<Buffer>;
  get(community: string, residentId: string): Promise<Buffer | undefined>;
  destroy(community: string, residentId: string): Promise<void>;
}

const PREFIX = 'enc:v1:';
/** The personal fields of a resident that are stored encrypted in events. */
export const personalFields = ['name', 'phone', 'email'] as const;

/**
 * AES-256-GCM with a key per resident. Events keep only ciphertext, so destroying the key erases the
 * data from the whole history at once, while the events, their hashes and every count stay as they were.
 */
export class PersonalDataCipher {
  constructor(private readonly keys: KeyStore) {}

  async protect<T extends Record<string, unknown>>(
    community: string,
    residentId: string,
    fields: T,
  ): Promise<T> {
    const key = await this.keys.create(community, residentId);
    const out: Record<string, unknown> = { ...fields };
    for (const field of personalFields) {
      const value = fields[field];
      if (typeof value !== 'string') continue;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      out[field] = `${PREFIX}${iv.toString('base64url')}:${ciphertext.toString('base64url')}`;
    }
    return out as T;
  }

  /** Crypto-shredding: without its key, every copy of the resident's personal data is noise. */
  destroy(community: string, residentId: string): Promise<void> {
    return this.keys.destroy(community, residentId);
  }

  /** Decrypts the personal fields of an event payload; with the key destroyed they read as erased. */
  async reveal<T extends Record<string, unknown>>(
    community: string,
    residentId: string,
    data: T,
  ): Promise<T> {
    const encrypted = personalFields.filter(
      (f) => typeof data[f] === 'string' && (data[f] as string).startsWith(PREFIX),
    );
    if (encrypted.length === 0) return data;
    const key = await this.keys.get(community, residentId);
    const out: Record<string, unknown> = { ...data };
    for (const field of encrypted) {
      if (!key) {
        out[field] = field === 'name' ? ERASED : undefined;
        continue;
      }
      const [iv, payload] = (data[field] as string).slice(PREFIX.length).split(':') as [string, string];
      const bytes = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      out[field] = Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    }
    return out as T;
  }
}
