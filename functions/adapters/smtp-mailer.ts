import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Email, Mailer } from '../app/mailer.js';
import type { SmtpSettings, SmtpSettingsSource } from './smtp-settings.js';

/** A relay that does not answer in time fails the send rather than the function's whole timeout. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const address = (a: string | { address: string }) => (typeof a === 'string' ? a : a.address);
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
/**
 * SMTP through a relay (where SES is not offered: the China regions). One connection per message
 * (a report goes to a handful of leaders; a pooled connection would go stale in a frozen container).
 * Every failure throws, a refused recipient included, so that the caller releases that recipient
 * and the next run sends again: nothing is only logged.
 */
export class SmtpMailer implements Mailer {
  private transport?: { settings: SmtpSettings; transporter: Transporter<SMTPTransport.SentMessageInfo> };

  /** @param from the sender unless the relay's settings name one (MAIL_FROM). */
  constructor(
    private readonly settings: SmtpSettingsSource,
    private readonly from: string,
  ) {}

  async send(email: Email): Promise<{ messageId: string }> {
    const settings = await this.settings.read();
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transporterFor(settings).sendMail({
        from: settings.from ?? this.from,
        to: [...email.to],
        subject: email.subject,
        html: email.html,
        text: email.text,
      });
    } catch (error) {
      // A refused password may be a rotated one: the next send reads the secret again.
      if ((error as { code?: string }).code === 'EAUTH') this.forget();
      throw new Error(`SMTP relay ${settings.host}:${settings.port} refused the message: ${reason(error)}`, {
        cause: error,
      });
    }
    // nodemailer resolves when the relay accepted at least one recipient; a partial send is a failure too.
    const rejected = info.rejected.map(address);
    if (rejected.length > 0 || info.accepted.length === 0)
      throw new Error(
        `SMTP relay ${settings.host}:${settings.port} refused ${rejected.join(', ') || 'every recipient'}: ${info.response}`,
      );
    return { messageId: info.messageId.replace(/^<|>$/g, '') };
  }

  private forget() {
    this.settings.forget();
    this.transport?.transporter.close();
    this.transport = undefined;
  }

  private transporterFor(settings: SmtpSettings) {
    if (this.transport?.settings !== settings) {
      this.transport?.transporter.close();
      this.transport = {
        settings,
        transporter: nodemailer.createTransport({
          host: settings.host,
          port: settings.port,
          secure: settings.secure,
          requireTLS: !settings.secure && settings.requireTls,
          auth: { user: settings.username, pass: settings.password },
          ...TIMEOUTS,
        }),
      };
    }
    return this.transport.transporter;
  }
}
