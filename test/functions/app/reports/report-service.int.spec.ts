import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Email } from '../../../../functions/app/mailer.js';
import { appointOrganizingGroup } from '../../../../functions/app/plan/organizing-group.commands.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { ReportService } from '../../../../functions/app/reports/report-service.js';
import { enrollResident } from '../../../../functions/app/resident/residents.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, COMMUNITY, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

/** Sending a report: whom it reached is history, their addresses are not. */
describe('the report service, on the event store', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  let sent: Email[];
  /** Refuses the mailbox it names (a relay quoting the address, as relays do). */
  let refusing: string | undefined;
  const admin = () => world.acting(['admin'], 'A1');
  const metadata = { actor: 'A1', roles: ['admin'], correlationId: 'c' };
  let ids: number;

  const service = () =>
    new ReportService({
      views: world.views,
      events: world.events,
      commands: world.commands,
      clock: world.clock,
      mailer: {
        async send(email) {
          if (email.to[0] === refusing) throw new Error(`550 5.1.1 <${refusing}>: mailbox unavailable`);
          sent.push(email);
          return { messageId: `m${sent.length}` };
        },
      },
    });

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    world = await useCaseWorld(engine, '2026-04-02T02:00:00.000Z');
    sent = [];
    refusing = undefined;
    ids = 0;
    accepted(
      await createPlan(world, admin(), {
        planId: 'P1',
        communityName: 'V',
        year: 2026,
        title: 'T',
        timeZone: 'Asia/Shanghai',
      }),
    );
    accepted(
      await enrollResident(world, admin(), {
        residentId: 'R1',
        name: 'Li Wei',
        email: 'li@example.org',
        householdId: 'H',
      }),
    );
    accepted(
      await appointOrganizingGroup(world, admin(), {
        planId: 'P1',
        leader: { name: 'Li Wei', email: 'li@example.org', residentId: 'R1' },
        deputies: [
          { name: 'Officer Zhao', email: 'zhao@police.example' },
          // The same mailbox under another name and case: one person of the plan, one message.
          { name: 'Zhao (office)', email: 'ZHAO@police.example' },
          { name: 'No email' },
        ],
        members: [{ name: 'Cadre Sun', email: 'sun@example.org' }],
        newPersonId: () => `PERSON-${++ids}`,
      }),
    );
    await world.project();
  });

  const deliveryEvents = async () => (await world.eventsOf('report', 'P1-2026-03')).map((e) => e);

  it('sends the leader and the deputies one message per mailbox, and records them by id, never by address', async () => {
    const delivery = await service().send(COMMUNITY, 'P1', '2026-03', 'manual', metadata);
    expect(delivery.sentTo).toEqual([{ residentId: 'R1' }, { personId: 'PERSON-1' }]);
    expect(sent.map((email) => email.to)).toEqual([['li@example.org'], ['zhao@police.example']]);
    const history = await deliveryEvents();
    expect(history).toEqual([
      { type: 'ReportSent', data: expect.objectContaining({ recipients: delivery.sentTo }) },
    ]);
    expect(JSON.stringify(history)).not.toContain('@');
    const again = await service().send(COMMUNITY, 'P1', '2026-03', 'manual', metadata);
    expect(again).toMatchObject({ alreadySent: true, sentTo: [] });
  });

  it('releases those not reached, by id, with the relay’s words but not the addresses it quoted', async () => {
    refusing = 'zhao@police.example';
    await expect(service().send(COMMUNITY, 'P1', '2026-03', 'manual', metadata)).rejects.toThrow(/550/);
    const [, failed] = await deliveryEvents();
    expect(failed).toEqual({
      type: 'ReportDeliveryFailed',
      data: { recipients: [{ personId: 'PERSON-1' }], reason: '550 5.1.1 <<address>>: mailbox unavailable' },
    });
    refusing = undefined;
    await world.project(); // the next report names the ledger as it stands: views first
    const retried = await service().send(COMMUNITY, 'P1', '2026-03', 'manual', metadata);
    expect(retried.sentTo).toEqual([{ personId: 'PERSON-1' }]);
    expect(sent.map((email) => email.to)).toEqual([['li@example.org'], ['zhao@police.example']]);
  });
});
