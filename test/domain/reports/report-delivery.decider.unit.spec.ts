import { describe, expect, it } from 'vitest';
import {
  type ReportDeliveryCommand,
  reportDeliveryDecider,
} from '../../../domain/reports/report-delivery.decider.js';
import type { ReportEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';
import { given as givenHistory } from '../../support/use-case-spec.js';

const claim = (recipients: string[], trigger: 'schedule' | 'manual' = 'schedule'): ReportDeliveryCommand => ({
  type: 'ClaimDelivery',
  planId: 'P1',
  period: '2026-Q3',
  recipients,
  asOf: '01J00000000000000000000000',
  trigger,
});
const sent = (recipients: string[], trigger: 'schedule' | 'manual' = 'schedule'): ReportEvent => ({
  type: 'ReportSent',
  data: { planId: 'P1', period: '2026-Q3', recipients, asOf: '01J00000000000000000000000', trigger },
});
const failed = (recipients: string[]): ReportEvent => ({
  type: 'ReportDeliveryFailed',
  data: { recipients, reason: 'mailbox unavailable' },
});

describe('report delivery decider', () => {
  it('claims a delivery to every recipient once', () => {
    given(reportDeliveryDecider, [])
      .when(claim(['lead@example.org', 'deputy@example.org', 'lead@example.org']))
      .then([sent(['lead@example.org', 'deputy@example.org'])]);
  });

  it('claims one mailbox once however its address is capitalised, as first written', () => {
    given(reportDeliveryDecider, [])
      .when(claim(['Lead@Example.org', 'deputy@example.org', 'lead@example.org']))
      .then([sent(['Lead@Example.org', 'deputy@example.org'])]);
  });

  it('refuses a report with nobody to send it to', () => {
    given(reportDeliveryDecider, []).when(claim([])).then({ code: 'no-recipients', category: 'conflict' });
  });

  it('sends nothing twice: a retried schedule claims only those not yet sent, case-insensitively', () => {
    given(reportDeliveryDecider, [sent(['lead@example.org'])])
      .when(claim(['LEAD@example.org', 'deputy@example.org'], 'manual'))
      .then([sent(['deputy@example.org'], 'manual')]);
    given(reportDeliveryDecider, [sent(['lead@example.org', 'deputy@example.org'])])
      .when(claim(['Lead@Example.org', 'deputy@example.org']))
      .then([]);
  });

  it('records a failure, after which those recipients may be sent to again', () => {
    given(reportDeliveryDecider, [sent(['lead@example.org'])])
      .when({ type: 'RecordFailure', recipients: ['lead@example.org'], reason: 'mailbox unavailable' })
      .then([failed(['lead@example.org'])]);
    given(reportDeliveryDecider, [
      sent(['lead@example.org', 'deputy@example.org']),
      failed(['lead@example.org']),
    ])
      .when(claim(['lead@example.org', 'deputy@example.org']))
      .then([sent(['lead@example.org'])]);
  });

  it('folds who has been sent the report', () => {
    const state = given(reportDeliveryDecider, [sent(['Lead@example.org'])])
      .when(claim(['deputy@example.org']))
      .state();
    expect(state.sentTo).toEqual({ 'lead@example.org': 1, 'deputy@example.org': 1 });
  });

  it('runs through the command service: a retry appends nothing to the stored stream', async () => {
    await givenHistory({ 'c1#report#P1:2026-Q3': [sent(['lead@example.org'])] })
      .when({
        decider: reportDeliveryDecider,
        streamId: 'c1#report#P1:2026-Q3',
        command: claim(['lead@example.org']),
      })
      .then([]);
  });
});
