import * as z from 'zod';
import {
  EquipmentRow,
  InspectionEntry,
  MaintenanceEntry,
  VenueDetail,
} from '../../../domain/equipment/equipment.view.js';
import { overdueReasons } from '../../../domain/equipment/standing.js';
import { EquipmentCondition, VenueKind } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import {
  inspectEquipment,
  installEquipment,
  maintainEquipment,
  registerVenue,
  retireEquipment,
} from '../command-cases.js';
import { listVenues, overdueEquipment, venueRegister } from '../query-cases.js';
import { defineRoute, type Route } from '../route.js';
import { CommandAnswer, DateOrDateTime, Id, ListQuery, listOf, trimmed } from '../schemas.js';
import { commandAnswer, pageAnswer } from '../use-case-answer.js';
import { instructorRoutes, SPORTS_TAG } from './instructors.js';

const TAG = SPORTS_TAG;
const EquipmentId = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}-[0-9A-HJKMNP-TV-Z]{26}$/, 'not a valid equipment id')
  .describe('`<venueId>-<key>`: the id POST /venues/{venueId}/equipment answered');
const AsOf = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('judge the register as of this instant (default now): facts recorded and dated by then');

const VenueBody = z
  .object({
    planId: Id.optional().describe("the plan it serves: its time zone reads the venue's dates"),
    name: trimmed(200),
    kind: VenueKind,
    location: trimmed(400),
  })
  .strict()
  .meta({ id: 'RegisterVenue' });
const EquipmentBody = z
  .object({
    item: trimmed(200),
    quantity: z.number().int().min(1).max(100_000).optional().describe('default 1'),
    installedOn: DateOrDateTime,
    inspectEveryDays: z.number().int().min(1).max(3660).optional().describe('default 31 (a month)'),
  })
  .strict()
  .meta({ id: 'InstallEquipment' });
const InspectionBody = z
  .object({
    inspectedOn: DateOrDateTime,
    inspector: trimmed(200),
    condition: EquipmentCondition,
    notes: trimmed(4000).optional(),
  })
  .strict()
  .meta({ id: 'InspectEquipment' });
const MaintenanceBody = z
  .object({ doneOn: DateOrDateTime, by: trimmed(200), work: trimmed(4000) })
  .strict()
  .meta({ id: 'MaintainEquipment' });
const RetireBody = z
  .object({ retiredOn: DateOrDateTime, reason: trimmed(2000) })
  .strict()
  .meta({ id: 'RetireEquipment' });

const Overdue = z.object({
  reason: z.enum(overdueReasons),
  since: z.string(),
});
const RegisterEntry = EquipmentRow.pick({
  equipmentId: true,
  venueId: true,
  item: true,
  quantity: true,
  installedOn: true,
  inspectEveryDays: true,
})
  .extend({
    venueName: z.string(),
    location: z.string(),
    status: z.enum(['in-service', 'retired']),
    retiredOn: z.string().optional(),
    lastInspection: InspectionEntry.omit({ recordedAt: true }).optional(),
    lastMaintenance: MaintenanceEntry.omit({ recordedAt: true }).optional(),
    inspectionDueBy: z.string().optional().describe("last day the latest inspection covers (venue's zone)"),
    overdue: z.array(Overdue),
  })
  .meta({ id: 'EquipmentStanding' });
const VenueRegister = VenueDetail.extend({ asOf: z.string(), equipment: z.array(RegisterEntry) }).meta({
  id: 'VenueRegister',
});
const OverdueAnswer = z
  .object({ asOf: z.string(), items: z.array(RegisterEntry) })
  .meta({ id: 'OverdueEquipment' });

const command = { kind: 'command', tag: TAG, roles: [...roleSets.staff] } as const;
const query = { kind: 'query', tag: TAG, roles: [...roleSets.overseers] } as const;
const created = (description: string) => ({ status: 201, description, schema: CommandAnswer });
const onItem = z.object({ equipmentId: EquipmentId });

export const equipmentRoutes: readonly Route[] = [
  defineRoute({
    ...command,
    method: 'POST',
    path: '/venues',
    operationId: 'registerVenue',
    summary:
      'Register a sports venue (a fitness station, court, square…) whose equipment is kept on a register',
    body: VenueBody,
    response: created('The venue was registered'),
    handle: async (request, deps) =>
      commandAnswer(await registerVenue(deps, request, { ...request.body, venueId: request.ids.next() })),
  }),
  defineRoute({
    ...query,
    method: 'GET',
    path: '/venues',
    operationId: 'listVenues',
    summary: 'The sports venues, by name',
    query: ListQuery,
    response: { status: 200, description: 'A page of venues', schema: listOf(VenueDetail) },
    handle: async ({ query, principal }, deps) => pageAnswer(await listVenues(deps, principal, query)),
  }),
  defineRoute({
    ...query,
    method: 'GET',
    path: '/venues/{venueId}',
    operationId: 'getVenueRegister',
    summary:
      "A venue's equipment register: each item, its last inspection and maintenance, and what is overdue",
    params: z.object({ venueId: Id }),
    query: z.object({ asOf: AsOf }),
    response: { status: 200, description: 'The venue and its register', schema: VenueRegister },
    handle: async ({ params, query, principal }, deps) => ({
      status: 200,
      body: await venueRegister(deps, principal, { venueId: params.venueId, asOf: query.asOf }),
    }),
  }),
  defineRoute({
    ...command,
    method: 'POST',
    path: '/venues/{venueId}/equipment',
    operationId: 'installEquipment',
    summary: "Put an item of equipment on a venue's register; the answer's id names the item",
    params: z.object({ venueId: Id }),
    body: EquipmentBody,
    response: created('The item was installed'),
    handle: async (request, deps) =>
      commandAnswer(
        await installEquipment(deps, request, {
          ...request.body,
          venueId: request.params.venueId,
          itemKey: request.ids.next(),
        }),
      ),
  }),
  defineRoute({
    ...query,
    method: 'GET',
    path: '/equipment/overdue',
    operationId: 'listOverdueEquipment',
    summary:
      'Items overdue as of an instant: not inspected within their interval (or never since installation), or last found unsafe or needing repair with no maintenance since',
    query: z.object({ asOf: AsOf, venueId: Id.optional() }),
    response: { status: 200, description: 'The overdue items, by venue', schema: OverdueAnswer },
    handle: async ({ query, principal }, deps) => ({
      status: 200,
      body: await overdueEquipment(deps, principal, query),
    }),
  }),
  defineRoute({
    ...command,
    method: 'POST',
    path: '/equipment/{equipmentId}/inspections',
    operationId: 'inspectEquipment',
    summary: 'Record an inspection of an item and the condition it was found in',
    params: onItem,
    body: InspectionBody,
    response: created('The inspection was recorded'),
    handle: async (request, deps) =>
      commandAnswer(await inspectEquipment(deps, request, { ...request.body, ...request.params })),
  }),
  defineRoute({
    ...command,
    method: 'POST',
    path: '/equipment/{equipmentId}/maintenance',
    operationId: 'maintainEquipment',
    summary: 'Record maintenance or a repair done on an item',
    params: onItem,
    body: MaintenanceBody,
    response: created('The maintenance was recorded'),
    handle: async (request, deps) =>
      commandAnswer(await maintainEquipment(deps, request, { ...request.body, ...request.params })),
  }),
  defineRoute({
    ...command,
    method: 'POST',
    path: '/equipment/{equipmentId}/retire',
    operationId: 'retireEquipment',
    summary: 'Take an item out of service: nothing more is recorded for it',
    params: onItem,
    body: RetireBody,
    response: created('The item was retired'),
    handle: async (request, deps) =>
      commandAnswer(await retireEquipment(deps, request, { ...request.body, ...request.params })),
  }),
  ...instructorRoutes,
];
