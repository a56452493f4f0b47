import type { VenueEvent } from '../../events/index.js';
import { planErrors } from '../plan/plan.errors.js';
import type { Decider } from '../shared/decider.js';
import { type DomainError, isDomainError } from '../shared/errors.js';
import { equipmentErrors } from './equipment.errors.js';
import { venueOfEquipment } from './equipment-id.js';

type Dated = { readonly equipmentId: string; readonly now: string };

/** Dates arrive resolved to instants in the venue's zone; `now` is when the command is decided. */
export type VenueCommand =
  | {
      readonly type: 'RegisterVenue';
      readonly venueId: string;
      readonly planId?: string;
      /** Whether the named plan exists, as its stream says. */
      readonly planKnown: boolean;
      readonly name: string;
      readonly kind: Extract<VenueEvent, { type: 'VenueRegistered' }>['data']['kind'];
      readonly location: string;
      readonly timeZone: string;
    }
  | (Dated & {
      readonly type: 'InstallEquipment';
      readonly item: string;
      readonly quantity: number;
      readonly installedOn: string;
      readonly inspectEveryDays: number;
    })
  | (Dated & {
      readonly type: 'InspectEquipment';
      readonly inspectedOn: string;
      readonly inspector: string;
      readonly condition: 'good' | 'needs-repair' | 'unsafe';
      readonly notes?: string;
    })
  | (Dated & {
      readonly type: 'MaintainEquipment';
      readonly doneOn: string;
      readonly by: string;
      readonly work: string;
    })
  | (Dated & { readonly type: 'RetireEquipment'; readonly retiredOn: string; readonly reason: string });

export interface ItemState {
  readonly installedOn: string;
  /** The latest date anything was recorded for the item (installation, inspection, maintenance). */
  readonly latest: string;
  readonly retiredOn?: string;
}

/** JSON-shaped, so a long-lived venue (years of monthly inspections) can be snapshotted as it is. */
export type VenueState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly venueId: string;
      readonly timeZone: string;
      readonly items: Readonly<Record<string, ItemState>>;
    };

export const venueSnapshots = { schema: 'venue-state-v1', every: 100 } as const;

const after = (a: string, b: string) => Date.parse(a) > Date.parse(b);

function itemRecord(
  state: VenueState,
  command: Exclude<VenueCommand, { type: 'RegisterVenue' | 'InstallEquipment' }>,
  date: string,
  field: string,
): ItemState | DomainError {
  const item = state.status === 'registered' ? state.items[command.equipmentId] : undefined;
  if (!item) return equipmentErrors.notFound(command.equipmentId);
  if (item.retiredOn) return equipmentErrors.retired(command.equipmentId, item.retiredOn);
  if (after(date, command.now)) return equipmentErrors.inTheFuture(field, date);
  if (after(item.installedOn, date)) {
    const what = {
      InspectEquipment: 'inspected',
      MaintainEquipment: 'maintained',
      RetireEquipment: 'retired',
    } as const;
    return equipmentErrors.beforeInstallation(what[command.type], item.installedOn);
  }
  return item;
}

const withoutCommandFields = <T extends { type: string; now?: string }>({ type: _t, now: _n, ...data }: T) =>
  data;

/** A venue and its equipment register: what is installed, inspected, maintained and retired there. */
export const venueDecider: Decider<VenueCommand, VenueState, VenueEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterVenue': {
        if (state.status !== 'none') return equipmentErrors.venueAlreadyRegistered(command.venueId);
        if (command.planId !== undefined && !command.planKnown) return planErrors.notFound(command.planId);
        const { type: _t, planKnown: _k, ...data } = command;
        return [{ type: 'VenueRegistered', data }];
      }
      case 'InstallEquipment': {
        if (state.status === 'none')
          return equipmentErrors.venueNotFound(venueOfEquipment(command.equipmentId) ?? command.equipmentId);
        if (state.items[command.equipmentId]) return equipmentErrors.alreadyInstalled(command.equipmentId);
        if (after(command.installedOn, command.now))
          return equipmentErrors.inTheFuture('installedOn', command.installedOn);
        return [{ type: 'EquipmentInstalled', data: withoutCommandFields(command) }];
      }
      case 'InspectEquipment': {
        const item = itemRecord(state, command, command.inspectedOn, 'inspectedOn');
        return isDomainError(item)
          ? item
          : [{ type: 'EquipmentInspected', data: withoutCommandFields(command) }];
      }
      case 'MaintainEquipment': {
        const item = itemRecord(state, command, command.doneOn, 'doneOn');
        return isDomainError(item)
          ? item
          : [{ type: 'EquipmentMaintained', data: withoutCommandFields(command) }];
      }
      case 'RetireEquipment': {
        const item = itemRecord(state, command, command.retiredOn, 'retiredOn');
        if (isDomainError(item)) return item;
        if (after(item.latest, command.retiredOn))
          return equipmentErrors.retiredBeforeLastRecord(item.latest);
        return [{ type: 'EquipmentRetired', data: withoutCommandFields(command) }];
      }
    }
  },
  evolve(state, event) {
    if (event.type === 'VenueRegistered')
      return { status: 'registered', venueId: event.data.venueId, timeZone: event.data.timeZone, items: {} };
    if (state.status === 'none') return state;
    const { equipmentId } = event.data;
    const item = state.items[equipmentId];
    const put = (next: ItemState) => ({ ...state, items: { ...state.items, [equipmentId]: next } });
    switch (event.type) {
      case 'EquipmentInstalled':
        return put({ installedOn: event.data.installedOn, latest: event.data.installedOn });
      case 'EquipmentInspected':
      case 'EquipmentMaintained': {
        if (!item) return state;
        const date = event.type === 'EquipmentInspected' ? event.data.inspectedOn : event.data.doneOn;
        return put({ ...item, latest: after(date, item.latest) ? date : item.latest });
      }
      case 'EquipmentRetired':
        return item ? put({ ...item, retiredOn: event.data.retiredOn }) : state;
    }
  },
};
