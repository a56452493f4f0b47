import { activityDecider, activitySnapshots } from '../../../domain/activity/activity.decider.js';
import { equipmentErrors } from '../../../domain/equipment/equipment.errors.js';
import { equipmentIdOf, venueOfEquipment } from '../../../domain/equipment/equipment-id.js';
import {
  type InstructorCommand,
  instructorDecider,
  sessionActivityOf,
} from '../../../domain/equipment/instructor.decider.js';
import {
  type VenueCommand,
  type VenueState,
  venueDecider,
  venueSnapshots,
} from '../../../domain/equipment/venue.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { DEFAULT_TIME_ZONE, resolveInstant } from '../../../domain/shared/time.js';
import type { CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import { planFactsOf } from '../plan/plans.commands.js';
import { onRoster } from '../plan/roster.commands.js';
import type { Clock } from '../ports.js';

export interface EquipmentCommandDeps {
  readonly commands: CommandService;
  readonly clock: Clock;
}

type Input<T extends VenueCommand['type'], Dates extends string> = Omit<
  Extract<VenueCommand, { type: T }>,
  'type' | 'now' | Dates
> &
  Readonly<Record<Dates, string>>;

/** A new venue: its id (issued by the caller's request); with `planId`, the plan's time zone is the venue's. */
export type RegisterVenueInput = Omit<
  Extract<VenueCommand, { type: 'RegisterVenue' }>,
  'type' | 'planKnown' | 'timeZone'
>;
/** A new item: its venue, a key issued by the request, and dates (`yyyy-mm-dd` or a date-time) in the venue's zone. */
export type InstallEquipmentInput = Omit<
  Input<'InstallEquipment', 'installedOn'>,
  'equipmentId' | 'quantity' | 'inspectEveryDays'
> & {
  readonly venueId: string;
  readonly itemKey: string;
  readonly quantity?: number | undefined;
  readonly inspectEveryDays?: number | undefined;
};
export type InspectEquipmentInput = Input<'InspectEquipment', 'inspectedOn'>;
export type MaintainEquipmentInput = Input<'MaintainEquipment', 'doneOn'>;
export type RetireEquipmentInput = Input<'RetireEquipment', 'retiredOn'>;
export type RegisterInstructorInput = Omit<
  Extract<InstructorCommand, { type: 'RegisterInstructor' }>,
  'type' | 'residentKnown'
>;
export type RecordSessionInput = Omit<
  Extract<InstructorCommand, { type: 'RecordSession' }>,
  'type' | 'timeZone' | 'activity' | 'venueKnown' | 'now'
>;

/** "A month": the longest one, so an item inspected on the same day every month is never overdue. */
export const DEFAULT_INSPECT_EVERY_DAYS = 31;

const zoneOf = (state: VenueState) => (state.status === 'registered' ? state.timeZone : DEFAULT_TIME_ZONE);

const onVenue = (
  deps: EquipmentCommandDeps,
  actor: CommandActor,
  venueId: string,
  command: VenueCommand | ((state: VenueState) => VenueCommand),
) =>
  executeOn(
    deps.commands,
    actor,
    { decider: venueDecider, kind: 'venue', id: venueId, snapshots: venueSnapshots },
    command,
  );

export async function registerVenue(
  deps: EquipmentCommandDeps,
  actor: CommandActor,
  input: RegisterVenueInput,
): Promise<CommandResult> {
  const plan = input.planId
    ? await planFactsOf(deps.commands, actor.principal.community, input.planId)
    : undefined;
  return onVenue(deps, actor, input.venueId, {
    ...input,
    type: 'RegisterVenue',
    planKnown: plan !== undefined,
    timeZone: plan?.timeZone ?? DEFAULT_TIME_ZONE,
  });
}

export async function installEquipment(
  deps: EquipmentCommandDeps,
  actor: CommandActor,
  input: InstallEquipmentInput,
): Promise<CommandResult> {
  const { venueId, itemKey, ...fields } = input;
  const equipmentId = equipmentIdOf(venueId, itemKey);
  const now = deps.clock.now().toISOString();
  const result = await onVenue(deps, actor, venueId, (state) => ({
    ...fields,
    type: 'InstallEquipment',
    equipmentId,
    quantity: input.quantity ?? 1,
    inspectEveryDays: input.inspectEveryDays ?? DEFAULT_INSPECT_EVERY_DAYS,
    installedOn: resolveInstant(input.installedOn, zoneOf(state)).toISOString(),
    now,
  }));
  return { ...result, id: equipmentId };
}

/** Runs a command on an item: its id names its venue, whose stream holds the register. */
async function onItem(
  deps: EquipmentCommandDeps,
  actor: CommandActor,
  equipmentId: string,
  command: (state: VenueState, now: string) => VenueCommand,
): Promise<CommandResult> {
  const venueId = venueOfEquipment(equipmentId);
  if (!venueId) return { id: equipmentId, outcome: equipmentErrors.notFound(equipmentId) };
  const now = deps.clock.now().toISOString();
  const result = await onVenue(deps, actor, venueId, (state) => command(state, now));
  return { ...result, id: equipmentId };
}

const dateIn = (state: VenueState, value: string) => resolveInstant(value, zoneOf(state)).toISOString();

export const inspectEquipment = (
  deps: EquipmentCommandDeps,
  actor: CommandActor,
  input: InspectEquipmentInput,
) =>
  onItem(deps, actor, input.equipmentId, (state, now) => ({
    ...input,
    type: 'InspectEquipment',
    inspectedOn: dateIn(state, input.inspectedOn),
    now,
  }));

export const maintainEquipment = (
  deps: EquipmentCommandDeps,
  actor: CommandActor,
  input: MaintainEquipmentInput,
) =>
  onItem(deps, actor, input.equipmentId, (state, now) => ({
    ...input,
    type: 'MaintainEquipment',
    doneOn: dateIn(state, input.doneOn),
    now,
  }));

export const retireEquipment = (
  deps: EquipmentCommandDeps,
  actor: CommandActor,
  input: RetireEquipmentInput,
) =>
  onItem(deps, actor, input.equipmentId, (state, now) => ({
    ...input,
    type: 'RetireEquipment',
    retiredOn: dateIn(state, input.retiredOn),
    now,
  }));

/** A sports instructor; a `residentId`, when given, must be on the roster. */
export async function registerInstructor(
  deps: Pick<EquipmentCommandDeps, 'commands'>,
  actor: CommandActor,
  input: RegisterInstructorInput,
): Promise<CommandResult> {
  const residentKnown = input.residentId
    ? await onRoster(deps.commands, actor.principal.community, input.residentId)
    : false;
  return executeOn(
    deps.commands,
    actor,
    { decider: instructorDecider, kind: 'instructor', id: input.instructorId },
    { ...input, type: 'RegisterInstructor', residentKnown },
  );
}

/**
 * A session an instructor led. Its activity's and venue's streams say whether they exist (and the
 * activity's category); `heldOn` is read in the activity's zone, else the venue's.
 */
export async function recordInstructorSession(
  deps: EquipmentCommandDeps,
  actor: CommandActor,
  input: RecordSessionInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  // Each stream from its snapshot and tail, as every command reads them.
  const [activity, venue] = await Promise.all([
    input.activityId
      ? deps.commands
          .load(activityDecider, streamIdOf(community, 'activity', input.activityId), activitySnapshots)
          .then(({ state }) => sessionActivityOf(state))
      : undefined,
    input.venueId
      ? deps.commands.load(venueDecider, streamIdOf(community, 'venue', input.venueId), venueSnapshots)
      : undefined,
  ]);
  const timeZone =
    activity && activity.status !== 'unknown'
      ? activity.timeZone
      : venue?.state.status === 'registered'
        ? venue.state.timeZone
        : DEFAULT_TIME_ZONE;
  return executeOn(
    deps.commands,
    actor,
    { decider: instructorDecider, kind: 'instructor', id: input.instructorId },
    {
      ...input,
      type: 'RecordSession',
      heldOn: resolveInstant(input.heldOn, timeZone).toISOString(),
      timeZone,
      ...(activity ? { activity } : {}),
      venueKnown: venue?.state.status === 'registered',
      now: deps.clock.now().toISOString(),
    },
  );
}
