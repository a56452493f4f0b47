import { daysOfPeriod } from '../../../domain/equipment/calendar.js';
import {
  type EquipmentRow,
  equipmentList,
  type InstructorDetail,
  type InstructorSession,
  instructorKey,
  instructorsList,
  registerOf,
  sessionsBetween,
  sessionsOf,
  type VenueDetail,
  venueKey,
  venuesList,
} from '../../../domain/equipment/equipment.view.js';
import type { EquipmentInspectionFacts } from '../../../domain/equipment/inspection-compliance.js';
import {
  type InstructorReportFacts,
  instructorSessionCounts,
} from '../../../domain/equipment/instructor-sessions.js';
import { type EquipmentStanding, standingOf } from '../../../domain/equipment/standing.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import type { Clock } from '../ports.js';
import { readAll, readSlice } from '../read-all.js';
import type { ViewStore } from '../view-store.js';

export interface EquipmentQueryDeps {
  readonly views: ViewStore;
  readonly clock: Clock;
}

/** An item as the register answers it: where it stands, and the venue it is at. */
export type RegisterEntry = EquipmentStanding & { readonly venueName: string; readonly location: string };

const instantOf = (clock: Clock, asOf: string | undefined) => (asOf ? new Date(asOf) : clock.now());

export async function listVenues(
  deps: EquipmentQueryDeps,
  actor: Actor,
  input: PageInput,
): Promise<Page<VenueDetail>> {
  const page = await deps.views.list<VenueDetail>({ list: venuesList(actor.community), ...input });
  return { items: page.items.map((i) => i.data), nextCursor: page.nextCursor };
}

async function venueOf(views: ViewStore, community: string, venueId: string): Promise<VenueDetail> {
  const venue = await views.get<VenueDetail>(venueKey(community, venueId));
  if (!venue || venue.deleted) throw appErrors.notFound(`venue ${venueId}`);
  return venue.data;
}

const entriesOf = (venue: VenueDetail, rows: readonly EquipmentRow[], asOf: Date): RegisterEntry[] =>
  rows.flatMap((row) => {
    const standing = standingOf(row, venue.timeZone, asOf);
    return standing ? [{ ...standing, venueName: venue.name, location: venue.location }] : [];
  });

/** GET /venues/{venueId}: the venue and its register, each item as it stood at `asOf` (default now). */
export async function venueRegister(
  deps: EquipmentQueryDeps,
  actor: Actor,
  input: { readonly venueId: string; readonly asOf?: string | undefined },
) {
  const asOf = instantOf(deps.clock, input.asOf);
  const venue = await venueOf(deps.views, actor.community, input.venueId);
  const rows = await readSlice<EquipmentRow>(deps.views, registerOf(actor.community, input.venueId));
  return { ...venue, asOf: asOf.toISOString(), equipment: entriesOf(venue, rows, asOf) };
}

/** The community's equipment and its venues. */
export interface EquipmentRegister {
  readonly equipment: EquipmentRow[];
  readonly venues: VenueDetail[];
}

/** The community's register: what the overdue answer, the report and the `equipment-inspected` metric read. */
export async function equipmentInspectionFacts(
  views: ViewStore,
  community: string,
): Promise<EquipmentRegister> {
  const [equipment, venues] = await Promise.all([
    readAll<EquipmentRow>(views, { list: equipmentList(community) }),
    readAll<VenueDetail>(views, { list: venuesList(community) }),
  ]);
  return { equipment, venues } satisfies EquipmentInspectionFacts;
}

/** Each item of the register (of one venue, if named) with something overdue at `asOf`, as the register shows it. */
function overdueEntries(facts: EquipmentRegister, asOf: Date, venueId?: string): RegisterEntry[] {
  const venues = new Map(facts.venues.map((v) => [v.venueId, v]));
  return facts.equipment
    .filter((row) => venueId === undefined || row.venueId === venueId)
    .flatMap((row) => {
      // The venue's item is projected from the commit before its equipment's: it is there.
      const venue = venues.get(row.venueId);
      return venue ? entriesOf(venue, [row], asOf) : [];
    })
    .filter((entry) => entry.overdue.length > 0);
}

/** GET /equipment/overdue: the items in service with something overdue at `asOf` (default now), by venue. */
export async function overdueEquipment(
  deps: EquipmentQueryDeps,
  actor: Actor,
  input: { readonly asOf?: string | undefined; readonly venueId?: string | undefined },
) {
  const asOf = instantOf(deps.clock, input.asOf);
  const facts = await equipmentInspectionFacts(deps.views, actor.community);
  return { asOf: asOf.toISOString(), items: overdueEntries(facts, asOf, input.venueId) };
}

/** The instructors and their sessions of a period (`2026`, `2026-Q3`, `2026-07`): what the report counts. */
export async function instructorReportFacts(
  views: ViewStore,
  community: string,
  period: string,
): Promise<InstructorReportFacts> {
  const { from, to } = daysOfPeriod(period);
  const [instructors, sessions] = await Promise.all([
    readAll<InstructorDetail>(views, { list: instructorsList(community) }),
    readAll<InstructorSession>(views, sessionsBetween(community, from, to)),
  ]);
  return { instructors, sessions };
}

/** The instructor lines of the leaders' report for a period, as recorded by `asOf` (default: all). */
export async function instructorReport(views: ViewStore, community: string, period: string, asOf?: Date) {
  return instructorSessionCounts(await instructorReportFacts(views, community, period), period, asOf);
}

/** GET /instructors: by name, each with their sessions in all and, with `period`, in that period. */
export async function listInstructors(
  deps: Pick<EquipmentQueryDeps, 'views'>,
  actor: Actor,
  input: PageInput & { readonly period?: string | undefined },
) {
  const page = await deps.views.list<InstructorDetail>({
    list: instructorsList(actor.community),
    limit: input.limit,
    cursor: input.cursor,
  });
  const counts = input.period
    ? new Map(
        instructorSessionCounts(
          {
            instructors: page.items.map((i) => i.data),
            sessions: await periodSessions(deps.views, actor, input.period),
          },
          input.period,
        ).map((c) => [c.instructorId, c.sessions]),
      )
    : undefined;
  const items = page.items.map(({ data }) =>
    counts ? { ...data, period: input.period, sessionsInPeriod: counts.get(data.instructorId) ?? 0 } : data,
  );
  return { items, nextCursor: page.nextCursor };
}

const periodSessions = (views: ViewStore, actor: Actor, period: string) => {
  const { from, to } = daysOfPeriod(period);
  return readAll<InstructorSession>(views, sessionsBetween(actor.community, from, to));
};

/** GET /instructors/{id}: the instructor and their sessions (of `period`, when given), by when held. */
export async function getInstructor(
  deps: Pick<EquipmentQueryDeps, 'views'>,
  actor: Actor,
  input: { readonly instructorId: string; readonly period?: string | undefined },
) {
  const item = await deps.views.get<InstructorDetail>(instructorKey(actor.community, input.instructorId));
  if (!item || item.deleted) throw appErrors.notFound(`instructor ${input.instructorId}`);
  const all = await readSlice<InstructorSession>(deps.views, sessionsOf(actor.community, input.instructorId));
  const range = input.period ? daysOfPeriod(input.period) : undefined;
  const sessions = range ? all.filter((s) => s.heldDay >= range.from && s.heldDay <= range.to) : all;
  return { ...item.data, ...(input.period ? { period: input.period } : {}), sessions };
}

/**
 * The leaders' report's sports lines: each instructor's sessions of the period (0 shows who was not
 * sent into the community) and every item overdue as of `asOf`, from the register the report read.
 */
export async function sportsOfReport(
  views: ViewStore,
  community: string,
  period: string,
  asOf: Date,
  register: Promise<EquipmentRegister>,
) {
  const [instructors, facts] = await Promise.all([
    instructorReport(views, community, period, asOf),
    register,
  ]);
  return {
    instructors: instructors.map(({ instructorId, name, specialty, sessions, participants }) => ({
      instructorId,
      name,
      specialty,
      sessions,
      participants,
    })),
    overdueEquipment: overdueEntries(facts, asOf).map(({ venueName, item, overdue }) => ({
      venueName,
      item,
      reasons: overdue.map((o) => o.reason),
    })),
  };
}
