import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../../functions/adapters/ses-mailer.js';
import { SmtpMailer } from '../../../functions/adapters/smtp-mailer.js';
import { parseSmtpSettings, secretSmtpSettings } from '../../../functions/adapters/smtp-settings.js';
import type { Mailer } from '../../../functions/app/mailer.js';
import { mailerFor } from '../../../functions/composition/mail.js';
import { loadConfig } from '../../../functions/config.js';

const secret = { host: 'smtp.relay.example.cn', username: 'reports', password: 'p4ss' };

describe('the SMTP secret', () => {
  it('reads JSON types and the console key/value editor’s strings alike', () => {
    expect(parseSmtpSettings(JSON.stringify({ ...secret, port: 465, secure: true }))).toEqual({
      ...secret,
      port: 465,
      secure: true,
      requireTls: true,
    });
    expect(
      parseSmtpSettings(
        JSON.stringify({ ...secret, port: '25', secure: 'false', requireTls: 'false', from: 'a@b.cn' }),
      ),
    ).toEqual({ ...secret, port: 25, secure: false, requireTls: false, from: 'a@b.cn' });
  });

  it('defaults to STARTTLS on 587 with TLS required, or implicit TLS on 465', () => {
    expect(parseSmtpSettings(JSON.stringify(secret))).toMatchObject({
      port: 587,
      secure: false,
      requireTls: true,
    });
    expect(parseSmtpSettings(JSON.stringify({ ...secret, port: 465 }))).toMatchObject({ secure: true });
    expect(parseSmtpSettings(JSON.stringify({ ...secret, secure: true }))).toMatchObject({ port: 465 });
  });

  it('names what is wrong, never the values', () => {
    expect(() => parseSmtpSettings('password=p4ss')).toThrow('the SMTP secret is not JSON');
    const refusal = () =>
      parseSmtpSettings(JSON.stringify({ host: 'h', username: 'u', port: 'seven', password: '' }));
    expect(refusal).toThrow(/port: .*; password: /);
    expect(refusal).not.toThrow(/seven/);
  });
});

describe('reading the secret (Secrets Manager through aws-sdk-client-mock)', () => {
  const sm = mockClient(SecretsManagerClient);
  afterEach(() => sm.reset());
  const client = () => new SecretsManagerClient({ region: 'cn-northwest-1' });

  it('once per container, by the ARN given', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(secret) });
    const source = secretSmtpSettings(client(), 'arn:aws-cn:secretsmanager:cn-northwest-1:1:secret:smtp');
    await Promise.all([source.read(), source.read()]);
    await source.read();
    expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: 'arn:aws-cn:secretsmanager:cn-northwest-1:1:secret:smtp' },
    ]);
  });

  it('again after a failed read, and after forget (a rotated password)', async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .resolves({ SecretString: JSON.stringify(secret) });
    const source = secretSmtpSettings(client(), 'smtp');
    await expect(source.read()).rejects.toThrow('ThrottlingException');
    await expect(source.read()).resolves.toMatchObject({ host: secret.host });
    source.forget();
    await source.read();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it('a binary secret is refused by name', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });
    await expect(secretSmtpSettings(client(), 'smtp').read()).rejects.toThrow(
      'the SMTP secret smtp holds no string',
    );
  });
});

describe('which mailer the mailer function builds', () => {
  it('SMTP when SMTP_SECRET_ARN is set, SES otherwise; the local outbox override wins over both', () => {
    expect(mailerFor(loadConfig({ SMTP_SECRET_ARN: 'smtp' }))).toBeInstanceOf(SmtpMailer);
    expect(mailerFor(loadConfig({}))).toBeInstanceOf(SesMailer);
    const outbox: Mailer = { send: async () => ({ messageId: 'local' }) };
    expect(mailerFor(loadConfig({ SMTP_SECRET_ARN: 'smtp' }), { mailer: outbox })).toBe(outbox);
  });

  it('an empty SMTP_SECRET_ARN is a configuration error, not a silent fall back to SES', () => {
    expect(() => loadConfig({ SMTP_SECRET_ARN: '' })).toThrow(/SMTP_SECRET_ARN/);
  });
});
