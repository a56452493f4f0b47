import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '../../../functions/adapters/ses-mailer.js';

describe('SES mailer (SES cannot run here: aws-sdk-client-mock)', () => {
  it('sends one message with the recipients, subject, HTML and text parts', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const mailer = new SesMailer(
      new SESv2Client({ region: 'ap-southeast-1' }),
      'Ledger <reports@venus.example.org>',
    );
    const result = await mailer.send({
      to: ['leader@venus.example.org', 'deputy@venus.example.org'],
      subject: 'Report 2026-Q2',
      html: '<p>hi</p>',
      text: 'hi',
    });
    expect(result.messageId).toBe('m-1');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
      FromEmailAddress: 'Ledger <reports@venus.example.org>',
      Destination: { ToAddresses: ['leader@venus.example.org', 'deputy@venus.example.org'] },
      Content: {
        Simple: {
          Subject: { Data: 'Report 2026-Q2', Charset: 'UTF-8' },
          Body: { Html: { Data: '<p>hi</p>', Charset: 'UTF-8' }, Text: { Data: 'hi', Charset: 'UTF-8' } },
        },
      },
    });
    ses.restore();
  });

  it('passes SES failures on (the caller releases its claim)', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejects(new Error('Throttling'));
    const mailer = new SesMailer(new SESv2Client({ region: 'ap-southeast-1' }), 'x@example.org');
    await expect(mailer.send({ to: ['a@example.org'], subject: 's', html: 'h', text: 't' })).rejects.toThrow(
      'Throttling',
    );
    ses.restore();
  });
});
