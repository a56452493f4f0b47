import { ok, type SeedClient, type SeedSoFar } from './seed-client.js';

const DAY = 86_400_000;
const dayOf = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10); // Shanghai

/**
 * "Four sports into the community": a square's fitness equipment inspected every month (one
 * pull-up bar found loose and repaired, a table-tennis table installed 45 days ago and never
 * inspected: the overdue inspection), the target that judges it, and a sports instructor's sessions.
 */
export async function seedSports(
  client: SeedClient,
  s: SeedSoFar,
  firstSportsActivity?: { id: string; start: string },
) {
  const { key, year } = s;
  const w = s.words.sports;
  const now = s.now.getTime();
  const today = dayOf(now);
  ok(
    await client.post(
      `/plans/${s.planId}/targets`,
      {
        targetId: 'equipment-inspected',
        description: w.target,
        metric: 'equipment-inspected',
        minimum: 1,
        per: 'month',
      },
      key('target-equipment'),
    ),
    'equipment target',
  );
  const venueId = ok(
    await client.post(
      '/venues',
      {
        planId: s.planId,
        name: w.venue.name,
        kind: 'square',
        location: w.venue.location,
      },
      key('venue'),
    ),
    'venue',
  ).id as string;
  const install = async (item: string, installedOn: string, quantity: number, what: string) =>
    ok(await client.post(`/venues/${venueId}/equipment`, { item, quantity, installedOn }, key(what)), what)
      .id as string;
  const installedOn = `${year}-01-05` <= today ? `${year}-01-05` : today;
  const walker = await install(w.items.walker, installedOn, 2, 'equipment-walker');
  const bar = await install(w.items.bar, installedOn, 1, 'equipment-bar');
  await install(w.items.table, dayOf(now - 45 * DAY), 2, 'equipment-table');
  const months: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const date = `${year}-${String(m).padStart(2, '0')}-05`;
    if (date > installedOn && date <= today) months.push(date);
  }
  for (const [i, inspectedOn] of months.entries()) {
    const last = i === months.length - 1;
    const inspect = async (equipmentId: string, condition: string, what: string, notes?: string) =>
      ok(
        await client.post(
          `/equipment/${equipmentId}/inspections`,
          {
            inspectedOn,
            inspector: w.inspector,
            condition,
            ...(notes ? { notes } : {}),
          },
          key(what),
        ),
        'inspection',
      );
    await inspect(walker, 'good', `inspect-walker-${i}`);
    await inspect(bar, last ? 'needs-repair' : 'good', `inspect-bar-${i}`, last ? w.loose : undefined);
    if (last) {
      const doneOn = dayOf(Math.min(now, Date.parse(`${inspectedOn}T12:00:00+08:00`) + 2 * DAY));
      ok(
        await client.post(
          `/equipment/${bar}/maintenance`,
          { doneOn, by: w.repairer, work: w.repair },
          key('maintain-bar'),
        ),
        'maintenance',
      );
    }
  }
  const instructorId = ok(
    await client.post(
      '/instructors',
      { name: w.coach, specialty: w.specialty, certifiedUntil: `${year + 1}-06-30` },
      key('instructor'),
    ),
    'instructor',
  ).id as string;
  const session = async (body: Record<string, unknown>, what: string) =>
    ok(
      await client.post(`/instructors/${instructorId}/sessions`, { venueId, ...body }, key(what)),
      'session',
    );
  if (firstSportsActivity)
    await session(
      {
        activityId: firstSportsActivity.id,
        heldOn: firstSportsActivity.start,
        topic: w.topics[0],
        participants: 30,
      },
      'session-1',
    );
  await session({ heldOn: dayOf(now - 7 * DAY), topic: w.topics[1], participants: 25 }, 'session-2');
}
