import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SmtpMailer } from '../../../functions/adapters/smtp-mailer.js';
import { fixedSmtpSettings, type SmtpSettings } from '../../../functions/adapters/smtp-settings.js';
import type { Email } from '../../../functions/app/mailer.js';
import { mailerFor } from '../../../functions/composition/mail.js';
import { loadConfig } from '../../../functions/config.js';
import { type MotoServer, motoClientConfig, motoServer, skipWithoutMoto } from '../../support/moto.js';

interface Received {
  readonly envelope: SMTPServerEnvelope;
  readonly mail: ParsedMail;
}

/**
 * A relay on 127.0.0.1 as the China stage's would be, minus TLS: AUTH is required (PLAIN or LOGIN,
 * with the secret's username and password), STARTTLS is not offered, and every message it accepts
 * is read back with mailparser.
 */
async function startRelay(account: { username: string; password: string }, refuse: readonly string[] = []) {
  const received: Received[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (auth.username === account.username && auth.password === account.password)
        return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (refuse.includes(address.address))
        return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ envelope: structuredClone(session.envelope), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    port,
    received,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const account = { username: 'reports@haikou.example.cn', password: 'relay-password-1' };

const report: Email = {
  to: ['leader@haikou.example.cn'],
  subject: '社区文化工作报告 2026年第三季度（海口）',
  html: '<h1>季度报告</h1><p>学习活动 12 次，出勤率 96%。</p>',
  text: '季度报告\n学习活动 12 次，出勤率 96%。',
};

const settingsFor = (port: number, overrides: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port,
  secure: false,
  requireTls: false,
  ...account,
  ...overrides,
});

const address = (mail: ParsedMail, field: 'to' | 'from') =>
  [mail[field]].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);

describe('SMTP mailer against a local relay (smtp-server, read back with mailparser)', () => {
  let relay: Awaited<ReturnType<typeof startRelay>>;
  beforeAll(async () => {
    relay = await startRelay(account, ['gone@haikou.example.cn']);
  });
  afterAll(async () => relay?.close());
  afterEach(() => {
    relay.received.length = 0;
    relay.logins.length = 0;
  });

  it('sends one message per leader, as the report service calls it: recipients, subject, HTML and text intact', async () => {
    const mailer = new SmtpMailer(
      fixedSmtpSettings(settingsFor(relay.port)),
      'Ledger <reports@haikou.example.cn>',
    );
    const leaders = ['leader@haikou.example.cn', 'deputy@haikou.example.cn'];
    const ids = [];
    for (const leader of leaders) ids.push((await mailer.send({ ...report, to: [leader] })).messageId);

    expect(relay.received).toHaveLength(2);
    expect(relay.received.map((r) => r.envelope.rcptTo.map((a) => a.address))).toEqual([
      [leaders[0]],
      [leaders[1]],
    ]);
    expect(relay.logins).toEqual([account.username, account.username]);
    for (const [i, { mail, envelope }] of relay.received.entries()) {
      expect(address(mail, 'to')).toEqual([leaders[i]]);
      expect(address(mail, 'from')).toEqual(['reports@haikou.example.cn']);
      expect(envelope.mailFrom).toMatchObject({ address: 'reports@haikou.example.cn' });
      expect(mail.subject).toBe(report.subject);
      expect(mail.html).toContain('<p>学习活动 12 次，出勤率 96%。</p>');
      expect(mail.text?.trim()).toBe(report.text);
      expect(mail.messageId).toBe(`<${ids[i]}>`);
    }
  });

  it('sends as the relay account the secret names, when it names one', async () => {
    const mailer = new SmtpMailer(
      fixedSmtpSettings(settingsFor(relay.port, { from: '海口社区 <reports@haikou.example.cn>' })),
      'Ledger <someone-else@example.org>',
    );
    await mailer.send(report);
    expect(relay.received[0]!.mail.from?.value[0]).toEqual({
      name: '海口社区',
      address: 'reports@haikou.example.cn',
    });
  });

  it('a refused recipient makes the send reject (the caller releases that leader for the next run)', async () => {
    const mailer = new SmtpMailer(fixedSmtpSettings(settingsFor(relay.port)), account.username);
    await expect(mailer.send({ ...report, to: ['gone@haikou.example.cn'] })).rejects.toThrow(/refused/);
    // Accepted for one and refused for another is a failure too, never a silent partial send.
    await expect(
      mailer.send({ ...report, to: ['leader@haikou.example.cn', 'gone@haikou.example.cn'] }),
    ).rejects.toThrow(/refused gone@haikou\.example\.cn/);
  });

  it('a wrong password makes the send reject, and the settings are read again on the next send', async () => {
    const source = fixedSmtpSettings(settingsFor(relay.port, { password: 'rotated-away' }));
    const forget = vi.spyOn(source, 'forget');
    const mailer = new SmtpMailer(source, account.username);
    await expect(mailer.send(report)).rejects.toThrow(/refused the message: Invalid login: 535/);
    expect(forget).toHaveBeenCalledOnce();
    expect(relay.received).toEqual([]);
  });

  it('gives no password to a relay that offers no TLS unless the secret allows it (requireTls: false)', async () => {
    const mailer = new SmtpMailer(
      fixedSmtpSettings(settingsFor(relay.port, { requireTls: true })),
      account.username,
    );
    await expect(mailer.send(report)).rejects.toThrow(/STARTTLS/);
    expect(relay.logins).toEqual([]);
    expect(relay.received).toEqual([]);
  });
});

describe.skipIf(skipWithoutMoto('the SMTP secret read from Secrets Manager'))(
  'the mailer function with SMTP_SECRET_ARN: settings from Secrets Manager (moto_server)',
  () => {
    let moto: MotoServer | undefined;
    let relay: Awaited<ReturnType<typeof startRelay>>;
    beforeAll(async () => {
      moto = await motoServer();
      relay = await startRelay(account);
    });
    afterAll(async () => {
      await relay?.close();
      await moto?.stop();
      vi.unstubAllEnvs();
    });

    it('reads the secret once, as the console stores it (every value a string), and sends through the relay', async () => {
      const secrets = new SecretsManagerClient(motoClientConfig(moto!.endpoint));
      const created = await secrets.send(
        new CreateSecretCommand({
          Name: 'ledger/cn/smtp-relay',
          SecretString: JSON.stringify({
            host: '127.0.0.1',
            port: String(relay.port),
            secure: 'false',
            requireTls: 'false',
            username: account.username,
            password: account.password,
            from: 'Haikou Ledger <reports@haikou.example.cn>',
          }),
        }),
      );
      // The mailer function's own client, as on Lambda: endpoint, region and keys from the environment.
      vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', moto!.endpoint);
      vi.stubEnv('AWS_REGION', 'us-east-1');
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
      const mailer = mailerFor(loadConfig({ SMTP_SECRET_ARN: created.ARN! }));

      await mailer.send({ ...report, to: ['leader@haikou.example.cn'] });
      // The secret changes (a new version that would not log in): a warm container keeps what it read.
      await secrets.send(
        new PutSecretValueCommand({
          SecretId: created.ARN!,
          SecretString: JSON.stringify({ host: '127.0.0.1', username: 'x', password: 'y' }),
        }),
      );
      await mailer.send({ ...report, to: ['deputy@haikou.example.cn'] });

      expect(relay.received.map((r) => r.mail.to && [r.mail.to].flat()[0]!.value[0]!.address)).toEqual([
        'leader@haikou.example.cn',
        'deputy@haikou.example.cn',
      ]);
      expect(relay.received[0]!.mail.from?.value[0]?.address).toBe('reports@haikou.example.cn');
      expect(relay.received[0]!.mail.subject).toBe(report.subject);
    });
  },
);
