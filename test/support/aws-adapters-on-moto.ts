import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateConfigurationSetCommand,
  CreateEmailIdentityCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';
import { type AwsCallRecorder, recordAwsCalls } from '../../functions/adapters/aws-calls.js';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { EventBridgeBus } from '../../functions/adapters/eventbridge-bus.js';
import { KmsKeyStore } from '../../functions/adapters/kms-key-store.js';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { SqsWorkQueue } from '../../functions/adapters/sqs-work-queue.js';
import type { WorkUnit } from '../../functions/app/scheduled-work.js';
import { simulatedAccount } from '../../infra/local/aws-call-log.js';
import { createTables } from '../../infra/local/create-tables.js';
import { startDynalite } from '../../infra/local/engine.js';
import { motoClientConfig, motoServer } from './moto.js';

/**
 * The AWS adapters the local runtime never reaches (it keeps keys as plain items, mails to an
 * outbox, publishes to a file, queues in memory), each run as the function that uses it on AWS,
 * against moto_server (KMS, SES, EventBridge, SQS) and an embedded DynamoDB (the key ring), with
 * `record(fn)` on every client. `environmentOf(fn)` is the function's environment in the
 * synthesized template (the mail sender, configuration set, bus and queue names the stack gives it).
 * Lambda Invoke (commands → mailer, queries → printer) is not run: moto runs a function only in
 * Docker, which these machines lack. Returns the ARN of the KMS key moto made (the personal-data key).
 */
export async function exerciseAwsAdapters(
  record: (fn: string) => AwsCallRecorder,
  environmentOf: (fn: string) => Readonly<Record<string, string | undefined>>,
): Promise<{ personalDataKeyArn: string }> {
  const [moto, engine] = await Promise.all([motoServer(), startDynalite()]);
  try {
    await createTables(engine.endpoint);
    const config = { ...motoClientConfig(moto.endpoint), region: simulatedAccount.region };

    // commands makes residents' keys (kms:GenerateDataKey), the projector unwraps them (kms:Decrypt),
    // erasure (commands) destroys the ring.
    const created = await new KMSClient(config).send(new CreateKeyCommand({ Description: 'personal data' }));
    const keyArn = created.KeyMetadata!.Arn!;
    const keyStoreOf = (fn: string) =>
      new KmsKeyStore(
        recordAwsCalls(new KMSClient(config), 'kms', record(fn)),
        keyArn,
        recordAwsCalls(createDocumentClient({ endpoint: engine.endpoint }), 'dynamodb', record(fn)),
        'Events',
      );
    const commands = keyStoreOf('commands');
    const projector = keyStoreOf('projector');
    const enrolment = await commands.create('demo', 'R1');
    const extra = await commands.createFor('demo', 'R1', 'demo#plan#P1');
    expect(await projector.get('demo', 'R1')).toEqual(enrolment);
    const many = await projector.getMany('demo', [
      { subjectId: 'R1' },
      { subjectId: 'R1', keyId: extra.keyId },
    ]);
    expect([...many.values()]).toEqual(expect.arrayContaining([enrolment, extra.key]));
    await commands.destroy('demo', 'R1');
    expect(await projector.get('demo', 'R1')).toBeUndefined();

    // The mailer sends through SES as the stage's domain, in its configuration set.
    const { MAIL_FROM, SES_CONFIGURATION_SET } = environmentOf('mailer');
    const ses = new SESv2Client(config);
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: MAIL_FROM!.replace(/.*@|>.*/g, '') }));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: SES_CONFIGURATION_SET }));
    const mailer = new SesMailer(
      recordAwsCalls(new SESv2Client(config), 'ses', record('mailer')),
      MAIL_FROM!,
      SES_CONFIGURATION_SET,
    );
    const sent = await mailer.send({
      to: ['leader@example.org'],
      subject: 'Q3',
      html: '<p>Q3</p>',
      text: 'Q3',
    });
    expect(sent.messageId).not.toBe('');

    // The publisher puts every event on the stage's bus, ten at a time.
    const busName = environmentOf('publisher').EVENT_BUS_NAME!;
    await new EventBridgeClient(config).send(new CreateEventBusCommand({ Name: busName }));
    const bus = new EventBridgeBus(
      recordAwsCalls(new EventBridgeClient(config), 'events', record('publisher')),
      busName,
    );
    await bus.put(
      Array.from({ length: 12 }, (_, i) => ({
        eventId: `E${i}`,
        source: 'community-culture-ledger',
        detailType: 'ResidentEnrolled',
        detail: JSON.stringify({ eventId: `E${i}` }),
        time: new Date('2026-11-28T02:00:00Z'),
      })),
    );

    // The scheduler queues pages, reports and digests on the stack's queues (named as in the template).
    const sqs = new SQSClient(config);
    const urls: Record<string, string> = {};
    for (const name of ['pages', 'reports', 'digests'] as const) {
      const queueName = environmentOf('scheduler')[`${name.toUpperCase()}_QUEUE_URL`]!.split('/').pop()!;
      urls[name] = (await sqs.send(new CreateQueueCommand({ QueueName: queueName }))).QueueUrl!;
    }
    const queue = new SqsWorkQueue(recordAwsCalls(new SQSClient(config), 'sqs', record('scheduler')), urls);
    const time = '2026-12-01T00:00:00Z';
    const reports = Array.from(
      { length: 11 },
      (_, i): WorkUnit => ({ kind: 'report', time, community: 'demo', planId: `P${i}`, period: '2026-11' }),
    );
    await queue.enqueue([
      { kind: 'page', work: 'reports', time },
      ...reports,
      { kind: 'digest', time, community: 'demo' },
    ]);
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: urls.digests, MaxNumberOfMessages: 10 }),
    );
    expect(received.Messages?.map((m) => JSON.parse(m.Body!).kind)).toEqual(['digest']);

    // moto's region is ours; its account is 123456789012 too, so the key's ARN is the simulated one.
    return { personalDataKeyArn: keyArn };
  } finally {
    await Promise.all([moto.stop(), engine.close()]);
  }
}
