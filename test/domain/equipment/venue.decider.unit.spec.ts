import { describe, it } from 'vitest';
import { type VenueCommand, venueDecider } from '../../../domain/equipment/venue.decider.js';
import type { VenueEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

const NOW = '2026-05-04T02:00:00.000Z';
const ITEM = 'V1-K1';
const registered: VenueEvent = {
  type: 'VenueRegistered',
  data: {
    venueId: 'V1',
    planId: 'P1',
    name: 'Three street corners square',
    kind: 'square',
    location: 'Corner of Venus Rd and Garden St',
    timeZone: 'Asia/Shanghai',
  },
};
const installed: VenueEvent = {
  type: 'EquipmentInstalled',
  data: {
    equipmentId: ITEM,
    item: 'Twist walker',
    quantity: 2,
    installedOn: '2026-01-04T16:00:00.000Z',
    inspectEveryDays: 31,
  },
};
const inspect: VenueCommand = {
  type: 'InspectEquipment',
  equipmentId: ITEM,
  inspectedOn: '2026-02-01T16:00:00.000Z',
  inspector: 'Inspector Wang',
  condition: 'unsafe',
  notes: 'loose bolt',
  now: NOW,
};
const inspected: VenueEvent = {
  type: 'EquipmentInspected',
  data: {
    equipmentId: ITEM,
    inspectedOn: '2026-02-01T16:00:00.000Z',
    inspector: 'Inspector Wang',
    condition: 'unsafe',
    notes: 'loose bolt',
  },
};
const maintain: VenueCommand = {
  type: 'MaintainEquipment',
  equipmentId: ITEM,
  doneOn: '2026-02-03T16:00:00.000Z',
  by: 'Sports bureau',
  work: 'bolt replaced',
  now: NOW,
};
const retire: VenueCommand = {
  type: 'RetireEquipment',
  equipmentId: ITEM,
  retiredOn: '2026-03-01T16:00:00.000Z',
  reason: 'rusted through',
  now: NOW,
};
const retired: VenueEvent = {
  type: 'EquipmentRetired',
  data: { equipmentId: ITEM, retiredOn: '2026-03-01T16:00:00.000Z', reason: 'rusted through' },
};

describe('venue decider (the equipment register)', () => {
  it('registers a venue once', () => {
    const { type: _t, ...data } = registered;
    given(venueDecider, [])
      .when({ type: 'RegisterVenue', ...data.data, planKnown: true })
      .then([registered]);
    given(venueDecider, [registered])
      .when({ type: 'RegisterVenue', ...registered.data, planKnown: true })
      .then({ code: 'venue-already-registered', category: 'conflict' });
  });

  it('refuses a venue for a plan that does not exist', () => {
    given(venueDecider, [])
      .when({ type: 'RegisterVenue', ...registered.data, planKnown: false })
      .then({ code: 'plan-not-found', category: 'not-found' });
  });

  it('installs an item at a registered venue, once, and never in the future', () => {
    const install: VenueCommand = { type: 'InstallEquipment', ...installed.data, now: NOW };
    given(venueDecider, [registered]).when(install).then([installed]);
    given(venueDecider, []).when(install).then({ code: 'venue-not-found', category: 'not-found' });
    given(venueDecider, [registered, installed])
      .when(install)
      .then({ code: 'equipment-already-installed', category: 'conflict' });
    given(venueDecider, [registered])
      .when({ ...install, installedOn: '2026-05-05T00:00:00.000Z' })
      .then({ code: 'dated-in-the-future', category: 'invalid' });
  });

  it('records an inspection of an installed item, not before its installation nor in the future', () => {
    given(venueDecider, [registered, installed]).when(inspect).then([inspected]);
    given(venueDecider, [registered, installed])
      .when({ ...inspect, inspectedOn: '2026-01-01T16:00:00.000Z' })
      .then({ code: 'inspected-before-installation', category: 'conflict' });
    given(venueDecider, [registered, installed])
      .when({ ...inspect, inspectedOn: '2026-06-01T00:00:00.000Z' })
      .then({ code: 'dated-in-the-future', category: 'invalid' });
    given(venueDecider, [registered])
      .when(inspect)
      .then({ code: 'equipment-not-found', category: 'not-found' });
    given(venueDecider, []).when(inspect).then({ code: 'equipment-not-found', category: 'not-found' });
  });

  it('records maintenance, but nothing for a retired item', () => {
    given(venueDecider, [registered, installed, inspected])
      .when(maintain)
      .then([
        {
          type: 'EquipmentMaintained',
          data: { equipmentId: ITEM, doneOn: maintain.doneOn, by: 'Sports bureau', work: 'bolt replaced' },
        },
      ]);
    given(venueDecider, [registered, installed, retired])
      .when(maintain)
      .then({ code: 'equipment-retired', category: 'conflict' });
    given(venueDecider, [registered, installed, retired])
      .when(inspect)
      .then({ code: 'equipment-retired', category: 'conflict' });
  });

  it('retires an item once, not before its last record', () => {
    given(venueDecider, [registered, installed, inspected]).when(retire).then([retired]);
    given(venueDecider, [registered, installed, retired])
      .when(retire)
      .then({ code: 'equipment-retired', category: 'conflict' });
    given(venueDecider, [registered, installed, inspected])
      .when({ ...retire, retiredOn: '2026-01-20T16:00:00.000Z' })
      .then({ code: 'retired-before-last-record', category: 'conflict' });
    given(venueDecider, [registered, installed])
      .when({ ...retire, retiredOn: '2026-01-01T16:00:00.000Z' })
      .then({ code: 'retired-before-installation', category: 'conflict' });
  });
});
