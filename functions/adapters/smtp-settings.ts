import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';

/** How to reach the SMTP relay (and, if it insists on one, whom to send as). */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** `true`: TLS from the first byte (port 465). `false`: plain, upgraded by STARTTLS (port 587). */
  readonly secure: boolean;
  /** With `secure: false`: refuse to authenticate unless STARTTLS upgraded the connection. */
  readonly requireTls: boolean;
  readonly username: string;
  readonly password: string;
  /** The sender the relay accepts (many relays accept only their account's address); else MAIL_FROM. */
  readonly from?: string;
}

/** Settings read once, and read again after `forget` (a relay that refused the password). */
export interface SmtpSettingsSource {
  read(): Promise<SmtpSettings>;
  forget(): void;
}

/**
 * The secret console's key/value editor stores every value as a string (`"port": "465"`,
 * `"secure": "true"`), a hand-written secret has JSON types: both are read.
 */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

const SecretShape = z
  .object({
    host: z.string().min(1),
    port: z.coerce.number().int().min(1).max(65_535).optional(),
    secure: flag.optional(),
    requireTls: flag.optional(),
    username: z.string().min(1),
    password: z.string().min(1),
    from: z.string().min(3).optional(),
  })
  .transform(
    (s): SmtpSettings => ({
      host: s.host,
      secure: s.secure ?? s.port === 465,
      port: s.port ?? ((s.secure ?? false) ? 465 : 587),
      // Credentials never cross the network in clear unless the secret says so (a relay on a private link).
      requireTls: s.requireTls ?? true,
      username: s.username,
      password: s.password,
      ...(s.from ? { from: s.from } : {}),
    }),
  );

/** Parses the secret's JSON; the error names the fields that are wrong, never their values. */
export function parseSmtpSettings(secretString: string): SmtpSettings {
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    throw new Error('the SMTP secret is not JSON');
  }
  const parsed = SecretShape.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `the SMTP secret is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Fixed settings (tests, or a relay configured by other means). */
export function fixedSmtpSettings(settings: SmtpSettings): SmtpSettingsSource {
  return { read: async () => settings, forget: () => {} };
}

/**
 * The relay's settings from a Secrets Manager secret, fetched on the first send and kept for the
 * container's life. A failed read is not kept (the next send tries again), and `forget` drops the
 * settings so that a rotated password is read again.
 */
export function secretSmtpSettings(client: SecretsManagerClient, secretId: string): SmtpSettingsSource {
  let cached: Promise<SmtpSettings> | undefined;
  const fetchOnce = async () => {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (secret.SecretString === undefined) throw new Error(`the SMTP secret ${secretId} holds no string`);
    return parseSmtpSettings(secret.SecretString);
  };
  return {
    read() {
      if (!cached) {
        const attempt = fetchOnce();
        cached = attempt;
        attempt.catch(() => {
          if (cached === attempt) cached = undefined;
        });
      }
      return cached;
    },
    forget() {
      cached = undefined;
    },
  };
}
