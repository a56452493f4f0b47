import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsCallRecord, awsCallLog, RECORD_AWS_CALLS } from '../../infra/local/aws-call-log.js';
import { seedDemo } from '../../infra/local/seed/demo.js';
import { httpSeedClient } from '../../infra/local/seed/http-client.js';
import type { HandoffValue } from '../../infra/stacks/handoff.js';
import { startApi, type TestApi } from '../support/api.js';
import { exerciseAwsAdapters } from '../support/aws-adapters-on-moto.js';
import { journey } from '../support/iam-journey.js';
import {
  describeUnused,
  describeUsed,
  distinctRequests,
  type EvaluatedRequest,
  readCallRecords,
  type SimulationReport,
  simulate,
} from '../support/iam-simulation.js';
import { skipWithoutMoto } from '../support/moto.js';
import {
  resolver,
  type SynthesizedAccount,
  synthesizedAccount,
  synthesizedTemplates,
  type TemplateJson,
} from '../support/synthesized-roles.js';

type Templates = { api: TemplateJson; data: TemplateJson };

/**
 * Least privilege, proved. The demo year and a broad journey through the HTTP API (reads of every
 * kind, PDFs, a report sent, an erasure, audit routes, digests, the scheduled runs) run with every
 * function's AWS SDK calls recorded (LEDGER_RECORD_AWS_CALLS); the AWS adapters the local runtime
 * never reaches run against moto_server with the same recorder; every distinct call is evaluated
 * with @cloud-copilot/iam-simulate against its function's role in the synthesized template.
 *
 * A spec of its own rather than a vitest globalSetup's teardown over the whole suite: vitest 4 only
 * logs a teardown's error ("error during close") and the run still passes. To evaluate the whole
 * end-to-end suite as well: `LEDGER_RECORD_AWS_CALLS=<dir> npx vitest run --project source test/e2e`,
 * then this spec with `IAM_SIMULATE_RECORDED=<dir>`.
 */
describe('least privilege: every AWS call the functions make is allowed by their synthesized roles', () => {
  let api: TestApi;
  let recordDir: string;
  let records: AwsCallRecord[];
  let templates: Templates;
  let handoff: Partial<Record<HandoffValue, string>> = {};
  let account: SynthesizedAccount;
  let report: SimulationReport;
  let simulatedInMs = 0;
  const withMoto = !skipWithoutMoto('the AWS adapters (KMS, SES, EventBridge, SQS) of the IAM simulation');

  beforeAll(async () => {
    recordDir = mkdtempSync(join(tmpdir(), 'ccl-aws-calls-'));
    const previous = process.env[RECORD_AWS_CALLS];
    process.env[RECORD_AWS_CALLS] = recordDir;
    try {
      api = await startApi();
    } finally {
      if (previous === undefined) delete process.env[RECORD_AWS_CALLS];
      else process.env[RECORD_AWS_CALLS] = previous;
    }
    const seeded = await seedDemo(
      await httpSeedClient(api.url, api.runtime.secret),
      new Date('2026-11-28T10:00:00+08:00'),
    );
    await api.runtime.dispatcher.idle();
    await journey(api, seeded.planId);
    await api.runtime.dispatcher.idle();
    templates = synthesizedTemplates();
    if (withMoto) {
      const environmentOf = (fn: string) => {
        const resource = Object.values(templates.api.Resources).find(
          (r) => r.Properties?.Environment?.Variables?.LEDGER_FUNCTION === fn,
        )!;
        const resolve = resolver(templates.api, synthesizedAccount(templates).handoff);
        return resolve(resource.Properties!.Environment.Variables) as Record<string, string>;
      };
      const { personalDataKeyArn } = await exerciseAwsAdapters(awsCallLog(recordDir), environmentOf);
      handoff = { PersonalDataKeyArn: personalDataKeyArn };
    }
    records = [
      ...readCallRecords(recordDir),
      ...(process.env.IAM_SIMULATE_RECORDED ? readCallRecords(process.env.IAM_SIMULATE_RECORDED) : []),
    ];
    account = synthesizedAccount(templates, handoff);
    const started = Date.now();
    report = await simulate(account, distinctRequests(records));
    simulatedInMs = Date.now() - started;
  }, 600_000);
  afterAll(async () => {
    await api?.close();
    if (recordDir) rmSync(recordDir, { recursive: true, force: true });
  });

  it('records the calls of every function, by name', () => {
    const actions = new Set(records.flatMap((r) => r.requests.map((q) => `${r.fn} ${q.action}`)));
    // The erasure destroyed a key ring: deletes in `$key#` partitions only.
    for (const expected of [
      'commands dynamodb:PutItem',
      'commands dynamodb:DeleteItem',
      'queries dynamodb:Query',
      'projector dynamodb:PutItem',
      'mailer dynamodb:PutItem',
      'digests dynamodb:PutItem',
      'scheduler dynamodb:Query',
      ...(withMoto
        ? [
            'commands kms:GenerateDataKey',
            'projector kms:Decrypt',
            'mailer ses:SendEmail',
            'publisher events:PutEvents',
            'scheduler sqs:SendMessage',
          ]
        : []),
    ])
      expect(actions).toContain(expected);
  });

  it('denies none of them, and lists the grants no call used', () => {
    const triples = new Set(report.verdicts.map((v) => `${v.fn} ${v.action} ${v.resource}`));
    console.info(
      `IAM simulation: ${records.length} calls recorded; ${report.verdicts.length} distinct requests ` +
        `(${triples.size} distinct function/action/resource triples) evaluated in ${simulatedInMs} ms; ` +
        `${report.denied.length} denied.\nCalls made (partition kinds in brackets):\n${describeUsed(report.verdicts)}\n` +
        `Grants no call used:\n${describeUnused(report.unused)}`,
    );
    expect(report.denied).toEqual([]);
  });

  /** The template with `drop` removed from the statements of `role`'s policies. */
  const without = (role: RegExp, drop: (action: string) => boolean): Templates => {
    const planted = structuredClone(templates);
    for (const resource of Object.values(planted.api.Resources))
      if (resource.Type === 'AWS::IAM::Policy' && role.test(resource.Properties?.Roles?.[0]?.Ref)) {
        const document = resource.Properties!.PolicyDocument;
        for (const statement of document.Statement)
          statement.Action = [statement.Action].flat().filter((a: string) => !drop(a));
        document.Statement = document.Statement.filter((s: { Action: string[] }) => s.Action.length > 0);
      }
    return planted;
  };

  it('fails when a grant is removed: without the commands role’s PutItem, its appends are denied', async () => {
    const planted = without(/^CommandsRole/, (a) => a === 'dynamodb:PutItem');
    const answer = await simulate(
      synthesizedAccount(planted, handoff),
      distinctRequests(records).filter((r) => r.fn === 'commands'),
    );
    expect(answer.denied.length).toBeGreaterThan(0);
    expect(new Set(answer.denied.map((d) => `${d.fn} ${d.action}`))).toEqual(
      new Set(['commands dynamodb:PutItem']),
    );
  });

  it.skipIf(!withMoto)(
    'fails when the mailer may not send: both the identity and the configuration set are checked',
    async () => {
      const planted = without(/^MailerRole/, (a) => a.startsWith('ses:'));
      const answer = await simulate(
        synthesizedAccount(planted, handoff),
        distinctRequests(records).filter((r) => r.action.startsWith('ses:')),
      );
      expect(answer.denied.map((d) => d.resource.replace(/.*:/, '')).sort()).toEqual([
        'configuration-set/community-culture-ledger-dev',
        'identity/example.org',
      ]);
    },
  );

  it('lets no role update, delete or batch-write an event (deletes only in key-ring partitions)', async () => {
    const rewrites: EvaluatedRequest[] = Object.keys(account.roles).flatMap((fn) =>
      ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'].map((action) => ({
        fn,
        action,
        resource: account.handoff.EventsTableArn,
        leadingKeys: ['demo#resident#01J00000000000000000000000'],
      })),
    );
    const answer = await simulate(account, rewrites);
    expect(answer.verdicts.filter((v) => v.action.startsWith('dynamodb:') && v.result === 'Allowed')).toEqual(
      [],
    );
  });
});
