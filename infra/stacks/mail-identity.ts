import type { Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { encryptedTopic } from '../constructs/encrypted-topic.js';
import type { StageConfig } from '../stage-config.js';

/** How the stage's mail leaves: an SES domain with its configuration set, or an SMTP relay's secret. */
export type MailIdentity =
  | {
      readonly kind: 'ses';
      readonly from: string;
      readonly domain: EmailIdentity;
      readonly configurationSet: ConfigurationSet;
      /** Bounces and complaints, as SES reports them (operators subscribe; the alarms watch the rates). */
      readonly feedback: Topic;
    }
  | { readonly kind: 'smtp'; readonly from: string; readonly secretName: string };

/**
 * SES as a domain sends: the domain identity with Easy DKIM (publish its three CNAMEs), a
 * configuration set that suppresses addresses which bounced or complained, and bounce and complaint
 * events on an encrypted topic. Where SES is absent (the China regions) nothing is created here: the
 * relay's secret is the operator's, named by the stage.
 */
export function mailIdentity(stack: Stack, config: StageConfig): MailIdentity {
  const { mail } = config;
  if (mail.kind === 'smtp') return { kind: 'smtp', from: mail.from, secretName: mail.secretName };
  const configurationSet = new ConfigurationSet(stack, 'MailConfiguration', {
    configurationSetName: `community-culture-ledger-${config.stage}`,
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    reputationMetrics: true,
    sendingEnabled: true,
  });
  const feedback = encryptedTopic(
    stack,
    { key: 'MailFeedbackKey', topic: 'MailFeedback' },
    {
      description: 'Encrypts the bounce and complaint topic',
      displayName: 'Community Culture Ledger: bounces and complaints',
      publisher: 'ses.amazonaws.com',
    },
  );
  configurationSet.addEventDestination('BouncesAndComplaints', {
    destination: EventDestination.snsTopic(feedback),
    events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
  });
  const domain = new EmailIdentity(stack, 'MailDomain', {
    identity: Identity.domain(mail.domain),
    configurationSet,
    dkimSigning: true,
  });
  return { kind: 'ses', from: mail.from, domain, configurationSet, feedback };
}
