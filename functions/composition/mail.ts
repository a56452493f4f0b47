import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../adapters/ses-mailer.js';
import { SmtpMailer } from '../adapters/smtp-mailer.js';
import { secretSmtpSettings } from '../adapters/smtp-settings.js';
import { traced } from '../adapters/tracing.js';
import type { Mailer } from '../app/mailer.js';
import type { Config } from '../config.js';
import type { Overrides } from './core.js';

/**
 * The local runtime's outbox when it hands one in; else SMTP through the relay named by
 * SMTP_SECRET_ARN (where SES is not offered: the China regions); else SES. Only the chosen one's
 * client is built. Only the mailer function builds any.
 */
export function mailerFor(config: Config, overrides: Overrides = {}): Mailer {
  if (overrides.mailer) return overrides.mailer;
  if (config.SMTP_SECRET_ARN)
    return new SmtpMailer(
      secretSmtpSettings(traced(new SecretsManagerClient({})), config.SMTP_SECRET_ARN),
      config.MAIL_FROM,
    );
  // Adaptive retries slow this client down when SES throttles (over the account's sending rate).
  return new SesMailer(
    traced(new SESv2Client({ retryMode: 'adaptive', maxAttempts: 6 })),
    config.MAIL_FROM,
    config.SES_CONFIGURATION_SET,
  );
}
