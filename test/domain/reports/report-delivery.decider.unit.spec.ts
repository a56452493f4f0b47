import { describe, expect, it } from 'vitest';
import {
  type ReportDeliveryCommand,
  reportDeliveryDecider,
} from '../../../domain/reports/report-delivery.decider.js';
import type { Recipient, ReportEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';
import { given as givenHistory } from '../../support/use-case-spec.js';

const lead: Recipient = { residentId: 'R-LEAD' };
const deputy: Recipient = { personId: 'P-DEPUTY' };
/** A resident and a person may carry the same id string: they are still two recipients. */
const twin: Recipient = { personId: 'R-LEAD' };

const claim = (
  recipients: Recipient[],
  trigger: 'schedule' | 'manual' = 'schedule',
): ReportDeliveryCommand => ({
  type: 'ClaimDelivery',
  planId: 'P1',
  period: '2026-Q3',
  recipients,
  asOf: '01J00000000000000000000000',
  trigger,
});
const sent = (recipients: Recipient[], trigger: 'schedule' | 'manual' = 'schedule'): ReportEvent => ({
  type: 'ReportSent',
  data: { planId: 'P1', period: '2026-Q3', recipients, asOf: '01J00000000000000000000000', trigger },
});
const failed = (recipients: Recipient[]): ReportEvent => ({
  type: 'ReportDeliveryFailed',
  data: { recipients, reason: 'mailbox unavailable' },
});

describe('report delivery decider', () => {
  it('claims a delivery to every recipient once', () => {
    given(reportDeliveryDecider, [])
      .when(claim([lead, deputy, { residentId: 'R-LEAD' }]))
      .then([sent([lead, deputy])]);
  });

  it('tells a resident from a person even when their ids are spelled alike', () => {
    given(reportDeliveryDecider, [])
      .when(claim([lead, twin]))
      .then([sent([lead, twin])]);
    given(reportDeliveryDecider, [sent([lead])])
      .when(claim([lead, twin]))
      .then([sent([twin])]);
  });

  it('refuses a report with nobody to send it to', () => {
    given(reportDeliveryDecider, []).when(claim([])).then({ code: 'no-recipients', category: 'conflict' });
  });

  it('sends nothing twice: a retried schedule claims only those not yet sent', () => {
    given(reportDeliveryDecider, [sent([lead])])
      .when(claim([lead, deputy], 'manual'))
      .then([sent([deputy], 'manual')]);
    given(reportDeliveryDecider, [sent([lead, deputy])])
      .when(claim([lead, deputy]))
      .then([]);
  });

  it('records a failure, after which those recipients may be sent to again', () => {
    given(reportDeliveryDecider, [sent([lead])])
      .when({ type: 'RecordFailure', recipients: [lead], reason: 'mailbox unavailable' })
      .then([failed([lead])]);
    given(reportDeliveryDecider, [sent([lead, deputy]), failed([lead])])
      .when(claim([lead, deputy]))
      .then([sent([lead])]);
  });

  it('folds who has been sent the report', () => {
    const state = given(reportDeliveryDecider, [sent([lead])])
      .when(claim([deputy]))
      .state();
    expect(state.sentTo).toEqual({ 'resident:R-LEAD': 1, 'person:P-DEPUTY': 1 });
  });

  it('runs through the command service: a retry appends nothing to the stored stream', async () => {
    await givenHistory({ 'c1#report#P1:2026-Q3': [sent([lead])] })
      .when({
        decider: reportDeliveryDecider,
        streamId: 'c1#report#P1:2026-Q3',
        command: claim([lead]),
      })
      .then([]);
  });
});
