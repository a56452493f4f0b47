import { DEFAULT_TIME_ZONE, localTime } from '../../../domain/shared/time.js';
import { seedFamilyRound } from './family-round.js';
import { demoResidents, expandActivities, loadPlanTemplate, random } from './plan-template.js';
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
}

/**
 * Loads the seed plan for the current year through the HTTP API: plan, targets, organizing group,
 * ~200 residents (30 party members), every activity the plan names, and past attendance and
 * records, party members' articles, with deliberate gaps so that compliance has something to say
 * (one Q3 study session cancelled, September's civilization-school class without a training plan,
 * members without a quality article); then the rest of the plan (rest-of-plan.ts).
 */
export async function seedDemo(
  client: SeedClient,
  now: Date,
  log: (line: string) => void = () => undefined,
): Promise<SeedResult> {
  const template = loadPlanTemplate();
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
    };
  }
  const key = (what: string) => `demo-${year}-${what}`;

  const planId = ok(
    await client.post(
      '/plans',
      { communityName: template.communityName, year, title: `${template.title} ${year}` },
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

  const people = demoResidents(200, 30);
  const residentIds: string[] = new Array(people.length);
  let done = 0;
  await inPool(people, 8, async (person, i) => {
    residentIds[i] = ok(await client.post('/residents', person, key(`resident-${i}`)), 'resident')
      .id as string;
    if (++done % 50 === 0) log(`residents ${done}/${people.length}`);
  });
  const members = residentIds.filter((_, i) => people[i]!.partyMember);

  const activities = expandActivities(template, year);
  const rnd = random(year);
  let attendances = 0;
  let held = 0;
  done = 0;
  const studySessions: SeedSoFar['studySessions'][number][] = [];
  const performances: SeedSoFar['performances'][number][] = [];
  const sportsHeld: { id: string; start: string }[] = [];
  await inPool(activities, 6, async (activity, i) => {
    const id = ok(await client.post('/activities', { planId, ...activity }, key(`activity-${i}`)), 'activity')
      .id as string;
    const start = new Date(`${activity.window.start}T00:00:00+08:00`);
    const end = new Date(`${activity.window.end}T23:59:59+08:00`);
    const started = start <= now;
    const over = end < now;
    const attended: string[] = [];
    if (activity.format === 'performance' && !started) performances.push({ id, start: start.toISOString() });
    if (activity.category === 'sports-fitness' && over) sportsHeld.push({ id, start: start.toISOString() });
    if (started) {
      const pool = activity.category === 'party-education' ? members : residentIds;
      const count = Math.min(pool.length, 5 + Math.floor(rnd() * 25));
      const attendees = [...pool].sort(() => rnd() - 0.5).slice(0, count);
      for (const [n, residentId] of attendees.entries()) {
        // Recorded now, long after each check-in closed: organizers' corrections, and they say so.
        ok(
          await client.post(
            `/activities/${id}/attendance`,
            { residentId, method: 'organizer', at: activity.window.start, correction: PAST_SIGN_IN },
            key(`attend-${i}-${n}`),
          ),
          'attendance',
        );
        attendances++;
        attended.push(residentId);
      }
    }
    if (over && activity.format === 'study-session')
      studySessions.push({ id, start: start.toISOString(), held: false, attendees: attended });
    const isGapSession = activity.title.endsWith('Q3 no. 2');
    if (over && isGapSession) {
      ok(
        await client.post(`/activities/${id}/cancel`, { reason: 'typhoon warning' }, key(`cancel-${i}`)),
        'cancel',
      );
    } else if (over) {
      const middle = new Date((start.getTime() + end.getTime()) / 2).toISOString().slice(0, 10);
      ok(
        await client.post(
          `/activities/${id}/held`,
          {
            heldOn: middle,
            summary: `${activity.title}: held as planned; residents took part and the records were filed.`,
            ...(activity.lecturer ? { lecturer: activity.lecturer } : {}),
            headcount: 20 + Math.floor(rnd() * 80),
          },
          key(`held-${i}`),
        ),
        'held',
      );
      held++;
      const session = studySessions.find((x) => x.id === id);
      if (session) studySessions[studySessions.indexOf(session)] = { ...session, held: true };
    }
    if (++done % 20 === 0) log(`activities ${done}/${activities.length}`);
  });
  log(`${activities.length} activities, ${attendances} attendances, ${held} held`);

  // Party members' articles: most have a quality one, a few wait for revision, some have none yet.
  const verdicts = ['quality', 'quality', 'quality', 'accepted', 'needs-revision'] as const;
  const authors = members.slice(0, 24);
  await inPool(authors, 6, async (authorId, i) => {
    const kind = i % 3 === 2 ? 'research-report' : 'theory-article';
    const article = {
      planId,
      authorId,
      kind,
      title:
        kind === 'research-report'
          ? `Research report on community culture no. ${i + 1}`
          : `Theoretical article on the core values no. ${i + 1}`,
      abstract: 'How the community integrated cultural service station serves residents.',
      body: 'Close to the actual, close to life, close to the masses. '.repeat(40),
    };
    const articleId = ok(await client.post('/articles', article, key(`article-${i}`)), 'article')
      .id as string;
    const review = { verdict: verdicts[i % verdicts.length], comments: 'Reviewed by the branch.' };
    ok(await client.post(`/articles/${articleId}/reviews`, review, key(`review-${i}`)), 'review');
  });
  log(
    `${authors.length} articles by party members; ${members.length - authors.length} members have none yet`,
  );

  const roundId = await seedFamilyRound(client, planId, people, residentIds, key, rnd);
  log(
    `good family style round ${roundId}: 5 families nominated, 3 judges (one recused), scores and endorsements`,
  );
  const deed = {
    planId,
    residentIds: [residentIds[3]!, residentIds[40]!],
    title: 'Helped an elderly neighbour through the typhoon',
    description: 'Moved her belongings upstairs before the flood.',
    date: `${year}-08-12`,
  };
  ok(await client.post('/good-deeds', deed, key('deed-1')), 'good deed');
  const model = {
    residentId: residentIds[3]!,
    title: 'good-neighbor',
    citation: 'Looks after the elderly of building 4.',
  };
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
    attendances,
    held,
  };
}
