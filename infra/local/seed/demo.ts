import { DEFAULT_TIME_ZONE, localTime } from '../../../domain/shared/time.js';
import { seedArticles, seedGoodDeeds } from './articles-and-deeds.js';
import type { DemoLanguage } from './demo-wording.js';
import { demoWords } from './demo-words.js';
import { seedFamilyRound } from './family-round.js';
import { heldSession } from './held-session.js';
import {
  demoResidents,
  expandActivities,
  loadPlanTemplate,
  random,
  randomFor,
  shuffled,
} from './plan-template.js';
import { seedRestOfPlan } from './rest-of-plan.js';
import { inPool, ok, PAST_SIGN_IN, type SeedClient, type SeedSoFar } from './seed-client.js';
import { seedSports } from './sports.js';

export interface SeedResult {
  planId: string;
  year: number;
  skipped: boolean;
  residents: number;
  activities: number;
  /** Occurrences of the recurring series (activities too). */
  occurrences: number;
  attendances: number;
  held: number;
  /** Registrations for the activities still to come (their sign-in sheets list these residents). */
  registrations: number;
}

export interface SeedOptions {
  /** The demo's language: the committee's Chinese unless English is asked for. */
  readonly lang?: DemoLanguage;
}

/** How many of the next activities get registrations, and how many residents each: the sheets to print. */
const UPCOMING_WITH_REGISTRATIONS = 3;

/**
 * Loads the seed plan for the current year through the HTTP API, in Chinese unless `lang` is
 * `en`: plan, targets, organizing group, 200 residents (30 party members) in households, every
 * activity the plan names, each past one held on a day of its window with its residents signed
 * in during that session, registrations for the next activities (so their sign-in sheets have
 * names), party members' articles and good deeds over the year, with deliberate gaps so that
 * compliance has something to say (one Q3 study session cancelled, September's civilization-school
 * class without a training plan, members without a quality article); then the rest of the plan
 * (rest-of-plan.ts). Every number drawn comes from a generator seeded by the year and the thing
 * drawn, so two seeds of a year are the same data.
 */
export async function seedDemo(
  client: SeedClient,
  now: Date,
  log: (line: string) => void = () => undefined,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const lang = options.lang ?? 'zh-CN';
  const words = demoWords[lang];
  const template = loadPlanTemplate(lang);
  const year = localTime(now, DEFAULT_TIME_ZONE).year;
  const existing = await client.get('/plans?limit=500');
  const found = (existing.body.items as { planId: string; year: number }[] | undefined)?.find(
    (p) => p.year === year,
  );
  if (found) {
    log(`the demo plan for ${year} is already loaded (${found.planId})`);
    return {
      planId: found.planId,
      year,
      skipped: true,
      residents: 0,
      activities: 0,
      occurrences: 0,
      attendances: 0,
      held: 0,
      registrations: 0,
    };
  }
  const key = (what: string) => `demo-${year}-${what}`;

  const planId = ok(
    await client.post(
      '/plans',
      {
        communityName: template.communityName,
        year,
        title: lang === 'zh-CN' ? `${year}年${template.title}` : `${template.title} ${year}`,
        locale: lang,
      },
      key('plan'),
    ),
    'plan',
  ).id as string;
  for (const target of template.targets)
    ok(await client.post(`/plans/${planId}/targets`, target, key(`target-${target.targetId}`)), 'target');
  ok(
    await client.post(`/plans/${planId}/organizing-group`, template.organizingGroup, key('group')),
    'organizing group',
  );
  log(`plan ${planId} with ${template.targets.length} targets`);

  const people = demoResidents(200, 30, lang);
  const residentIds: string[] = new Array(people.length);
  let done = 0;
  await inPool(people, 8, async (person, i) => {
    residentIds[i] = ok(await client.post('/residents', person, key(`resident-${i}`)), 'resident')
      .id as string;
    if (++done % 50 === 0) log(`residents ${done}/${people.length}`);
  });
  const members = residentIds.filter((_, i) => people[i]!.partyMember);

  const activities = expandActivities(template, year, lang);
  const upcoming = new Set(
    activities
      .map((a, i) => ({ i, start: a.window.start }))
      .filter((a) => new Date(`${a.start}T00:00:00+08:00`) > now)
      .sort((a, b) => a.start.localeCompare(b.start) || a.i - b.i)
      .slice(0, UPCOMING_WITH_REGISTRATIONS)
      .map((a) => a.i),
  );
  let attendances = 0;
  let held = 0;
  let registrations = 0;
  done = 0;
  const studySessions: SeedSoFar['studySessions'][number][] = [];
  const performances: SeedSoFar['performances'][number][] = [];
  const sportsHeld: { id: string; start: string }[] = [];
  await inPool(activities, 6, async ({ gap, ...activity }, i) => {
    const rnd = randomFor(year, `activity-${i}`);
    const id = ok(await client.post('/activities', { planId, ...activity }, key(`activity-${i}`)), 'activity')
      .id as string;
    const start = new Date(`${activity.window.start}T00:00:00+08:00`);
    const end = new Date(`${activity.window.end}T23:59:59+08:00`);
    const over = end < now;
    const pool = activity.category === 'party-education' ? members : residentIds;
    if (activity.format === 'performance' && start > now)
      performances.push({ id, start: start.toISOString() });
    if (activity.category === 'sports-fitness' && over) sportsHeld.push({ id, start: start.toISOString() });
    if (upcoming.has(i)) {
      const count = Math.min(pool.length, 12 + Math.floor(rnd() * 30));
      await inPool(shuffled(pool, rnd).slice(0, count), 4, async (residentId, n) => {
        ok(
          await client.post(`/activities/${id}/registrations`, { residentId }, key(`register-${i}-${n}`)),
          'registration',
        );
        registrations++;
      });
    }
    if (over && gap) {
      ok(
        await client.post(`/activities/${id}/cancel`, { reason: words.cancelReason }, key(`cancel-${i}`)),
        'cancel',
      );
      if (activity.format === 'study-session')
        studySessions.push({ id, start: start.toISOString(), held: false, attendees: [] });
    } else if (over) {
      // Held on one day of its window; who came signed in as the session began.
      const session = heldSession(activity.window, activity.format, now, rnd);
      const count = Math.min(pool.length, 5 + Math.floor(rnd() * 25));
      const attendees = shuffled(pool, rnd).slice(0, count);
      for (const [n, residentId] of attendees.entries()) {
        // Recorded now, long after each check-in closed: organizers' corrections, and they say so.
        ok(
          await client.post(
            `/activities/${id}/attendance`,
            { residentId, method: 'organizer', at: session.signInAt(n), correction: PAST_SIGN_IN },
            key(`attend-${i}-${n}`),
          ),
          'attendance',
        );
        attendances++;
      }
      ok(
        await client.post(
          `/activities/${id}/held`,
          {
            heldOn: session.day,
            summary: words.heldSummary(activity.title, attendees.length),
            ...(activity.lecturer ? { lecturer: activity.lecturer } : {}),
            // Everyone counted signed in: the headcount the papers print is the sign-ins they list.
            headcount: attendees.length,
          },
          key(`held-${i}`),
        ),
        'held',
      );
      held++;
      if (activity.format === 'study-session')
        studySessions.push({
          id,
          start: session.startsAt,
          held: true,
          attendees,
        });
    }
    if (++done % 20 === 0) log(`activities ${done}/${activities.length}`);
  });
  log(
    `${activities.length} activities, ${attendances} attendances, ${held} held, ${registrations} registrations for the next ${upcoming.size}`,
  );

  await seedArticles(client, { planId, members, key, words, year, now }, log);

  const rnd = random(year);
  const roundId = await seedFamilyRound(client, planId, people, residentIds, key, rnd, words);
  log(
    `good family style round ${roundId}: 5 families nominated, 3 judges (one recused), scores and endorsements`,
  );
  await seedGoodDeeds(client, { planId, year, now, residentIds, key, words });
  const model = { residentId: residentIds[3]!, title: 'good-neighbor', citation: words.model.citation };
  ok(await client.post('/models', model, key('model-1')), 'model');
  const soFar: SeedSoFar = {
    planId,
    year,
    now,
    residentIds,
    members,
    studySessions: studySessions.sort((a, b) => a.start.localeCompare(b.start)),
    performances: performances.sort((a, b) => a.start.localeCompare(b.start)),
    key,
    rnd,
    words,
  };
  const rest = await seedRestOfPlan(client, soFar);
  await seedSports(client, soFar, sportsHeld.sort((a, b) => a.start.localeCompare(b.start))[0]);
  log(
    `${rest.occurrences} occurrences of the recurring series; a study leave made up; a rotation; a book; a square's equipment and an instructor`,
  );
  return {
    planId,
    year,
    skipped: false,
    residents: people.length,
    activities: activities.length,
    occurrences: rest.occurrences,
    attendances: attendances + rest.attendances,
    held: held + rest.held,
    registrations: registrations + rest.registrations,
  };
}
