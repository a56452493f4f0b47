import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../adapters/ses-mailer.js';
import type { Mailer } from '../app/mailer.js';
import type { Config } from '../config.js';
import type { Overrides } from './core.js';

/** SES, unless the local runtime hands in its outbox: only the mailer function builds either. */
export function mailerFor(config: Config, overrides: Overrides = {}): Mailer {
  return overrides.mailer ?? new SesMailer(new SESv2Client({}), config.MAIL_FROM);
}
