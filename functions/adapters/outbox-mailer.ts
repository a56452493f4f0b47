import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Email, Mailer } from '../app/mailer.js';

/** Local delivery: each message becomes a standard `.eml` file (built by nodemailer) in the outbox folder. */
export class OutboxMailer implements Mailer {
  private readonly transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(
    private readonly folder: string,
    private readonly from: string,
  ) {}

  async send(email: Email) {
    const info = await this.transport.sendMail({
      from: this.from,
      to: [...email.to],
      subject: email.subject,
      html: email.html,
      text: email.text,
    });
    mkdirSync(this.folder, { recursive: true });
    const messageId = String(info.messageId).replace(/[<>]/g, '');
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.split('@')[0]}.eml`;
    writeFileSync(join(this.folder, name), info.message as Buffer);
    return { messageId };
  }
}
