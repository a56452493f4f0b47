import { readFileSync } from 'node:fs';
import { DEFAULT_TIME_ZONE, localTime } from '../../../domain/shared/time.js';

interface TemplateActivity {
  category: string;
  format: string;
  title: string;
  window?: [string, string];
  repeat?: 'twice-a-quarter' | 'quarterly' | 'monthly';
  venue?: string;
  lecturer?: string;
  audience?: string;
  partnerUnits?: string[];
}

interface PlanTemplate {
  communityName: string;
  title: string;
  organizingGroup: unknown;
  targets: Record<string, unknown>[];
  activities: TemplateActivity[];
}

export function loadPlanTemplate(): PlanTemplate {
  return JSON.parse(readFileSync(new URL('./plan-template.json', import.meta.url), 'utf8'));
}

/** A small deterministic PRNG (mulberry32): the same demo every time. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One concrete activity of the year: the template item, its window, and its place in a series. */
export interface DemoActivity extends Omit<TemplateActivity, 'window' | 'repeat'> {
  window: { start: string; end: string };
}

export function expandActivities(template: PlanTemplate, year: number): DemoActivity[] {
  const out: DemoActivity[] = [];
  for (const { repeat, window, ...item } of template.activities) {
    const at = (month: number, from: number, to: number) => ({
      start: `${year}-${pad(month)}-${pad(from)}`,
      end: `${year}-${pad(month)}-${pad(to)}`,
    });
    if (repeat === 'twice-a-quarter') {
      for (let q = 0; q < 4; q++) {
        out.push({ ...item, title: `${item.title} — Q${q + 1} no. 1`, window: at(q * 3 + 1, 8, 20) });
        out.push({ ...item, title: `${item.title} — Q${q + 1} no. 2`, window: at(q * 3 + 2, 8, 20) });
      }
    } else if (repeat === 'quarterly') {
      for (let q = 0; q < 4; q++)
        out.push({ ...item, title: `${item.title} — Q${q + 1}`, window: at(q * 3 + 2, 5, 25) });
    } else if (repeat === 'monthly') {
      for (let m = 1; m <= 12; m++)
        out.push({ ...item, title: `${item.title} — ${year}-${pad(m)}`, window: at(m, 10, 20) });
    } else if (window) {
      out.push({ ...item, window: { start: `${year}-${window[0]}`, end: `${year}-${window[1]}` } });
    }
  }
  return out;
}

const surnames = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'He',
  'Lin',
  'Luo',
  'Gao',
];
const given = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Li',
  'Qiang',
  'Lei',
  'Jun',
  'Yang',
  'Yong',
  'Yan',
  'Jie',
  'Tao',
  'Ming',
  'Chao',
  'Xiu',
  'Hua',
  'Ping',
  'Gang',
];

/** Synthetic residents in households: made-up names, no real person's data. */
export function demoResidents(count: number, partyMembers: number) {
  const rnd = random(7);
  const residents: {
    name: string;
    householdId: string;
    building: string;
    partyMember: boolean;
    branch?: string;
  }[] = [];
  let household = 0;
  while (residents.length < count) {
    household++;
    const surname = surnames[Math.floor(rnd() * surnames.length)]!;
    const size = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < size && residents.length < count; i++) {
      residents.push({
        name: `${surname} ${given[Math.floor(rnd() * given.length)]!}${i > 0 ? ` ${i + 1}` : ''}`,
        householdId: `H-${String(household).padStart(3, '0')}`,
        building: String(1 + (household % 12)),
        partyMember: false,
      });
    }
  }
  // Spread party members over the roster, in three branches.
  const step = Math.floor(count / partyMembers);
  for (let i = 0; i < partyMembers; i++) {
    const r = residents[i * step]!;
    r.partyMember = true;
    r.branch = ['First branch', 'Second branch', 'Third branch'][i % 3]!;
  }
  return residents;
}

export interface SeedClient {
  post(path: string, body: unknown, key: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The same, as another user (judges score in their own name). */
  postAs(
    identity: { sub: string; roles: ('resident' | 'judge')[] },
    path: string,
    body: unknown,
    key: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** The seed stops at the first refusal, saying which write it was. */
function ok(answer: { status: number; body: Record<string, unknown> }, what: string) {
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function inPool<T>(items: readonly T[], size: number, run: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await run(items[index]!, index);
      }
    }),
  );
}

/**
 * One "good family style" round: five households nominated (one by a neighbour, with consent),
 * residents' endorsements, three judges — one of whom lives in a nominated household and is recused
 * automatically — and their scores, so the ranking has something to show.
 */
async function seedFamilyRound(
  client: SeedClient,
  planId: string,
  people: ReturnType<typeof demoResidents>,
  residentIds: string[],
  key: (what: string) => string,
  rnd: () => number,
): Promise<string> {
  const firstOfHousehold = new Map<string, number>();
  people.forEach((p, i) => {
    if (!firstOfHousehold.has(p.householdId)) firstOfHousehold.set(p.householdId, i);
  });
  const households = [...firstOfHousehold.keys()].slice(10, 15);
  // Far apart on the roster, so the three judges live in three different households.
  const judges = [150, 170, 190].map((i) => residentIds[i]!);
  // The second judge lives in the second nominated household: recused automatically.
  const judgeHome = people[170]!.householdId;
  const nominated = [households[0]!, judgeHome, ...households.slice(2, 5)];
  // Closing dates from the server's own clock: nominations close tonight, scoring in two weeks.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
  const roundId = ok(
    await client.post(
      '/rounds',
      {
        planId,
        title: 'Good family style collection and evaluation',
        criteria: [
          { key: 'family-virtue', label: 'Filial piety and family virtue', weight: 0.4 },
          { key: 'neighbourliness', label: 'Neighbourliness and public service', weight: 0.35 },
          { key: 'education', label: "Children's education and reading", weight: 0.25 },
        ],
        judges,
        // Two counting judges rank a nomination, so the family of the recused judge is ranked too.
        minJudges: 2,
        nominationsClose: today,
        scoringCloses: later,
      },
      key('round'),
    ),
    'round',
  ).id as string;
  const nominations: string[] = [];
  for (const [n, householdId] of nominated.entries()) {
    const member = firstOfHousehold.get(householdId)!;
    const byNeighbour = n === 3;
    const nominator = byNeighbour ? 0 : member;
    const body = {
      householdId,
      familyName: `${people[member]!.name.split(' ')[0]} family`,
      nominatedBy: residentIds[nominator]!,
      ...(byNeighbour ? { consentBy: residentIds[member]! } : {}),
      motto: 'Diligence and kindness pass from generation to generation',
      story: 'Three generations under one roof, volunteers at the library and the square dance team.',
    };
    const answer = ok(
      await client.postAs(
        { sub: residentIds[nominator]!, roles: ['resident'] },
        `/rounds/${roundId}/nominations`,
        body,
        key(`nominate-${n}`),
      ),
      'nomination',
    );
    nominations.push(answer.id as string);
  }
  for (let e = 0; e < 40; e++) {
    const endorser = 100 + e;
    const target = nominations[Math.floor(rnd() * nominations.length)]!;
    const answer = await client.postAs(
      { sub: residentIds[endorser]!, roles: ['resident'] },
      `/nominations/${target}/endorsements`,
      {},
      key(`endorse-${e}`),
    );
    // Endorsing one's own household is refused by the rules; the demo simply skips those.
    if (
      answer.status >= 300 &&
      answer.body.code !== 'own-household' &&
      answer.body.code !== 'already-endorsed'
    )
      ok(answer, 'endorsement');
  }
  for (const [j, judgeId] of judges.entries()) {
    for (const [n, nominationId] of nominations.entries()) {
      const scores = {
        'family-virtue': 5 + ((n * 3 + j) % 6),
        neighbourliness: 4 + ((n + j * 2) % 7),
        education: 6 + ((n * 2 + j) % 5),
      };
      const answer = await client.postAs(
        { sub: judgeId, roles: ['judge'] },
        `/nominations/${nominationId}/scores`,
        { scores },
        key(`score-${j}-${n}`),
      );
      if (answer.status >= 300 && answer.body.code !== 'judge-recused') ok(answer, 'score');
    }
  }
  return roundId;
}

export interface SeedResult {
  planId: string;
  year: number;
  skipped: boolean;
  residents: number;
  activities: number;
  attendances: number;
  held: number;
}

/**
 * Loads the seed plan for the current year through the HTTP API: plan, targets, organizing group,
 * ~200 residents (30 party members), every activity the plan names, and past attendance and
 * records, party members' articles, with deliberate gaps so that compliance has something to say
 * (one Q3 study session cancelled, September's civilization-school class without a training plan,
 * members without a quality article).
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
  await inPool(activities, 6, async (activity, i) => {
    const id = ok(await client.post('/activities', { planId, ...activity }, key(`activity-${i}`)), 'activity')
      .id as string;
    const start = new Date(`${activity.window.start}T00:00:00+08:00`);
    const end = new Date(`${activity.window.end}T23:59:59+08:00`);
    const started = start <= now;
    const over = end < now;
    if (started) {
      const pool = activity.category === 'party-education' ? members : residentIds;
      const count = Math.min(pool.length, 5 + Math.floor(rnd() * 25));
      const attendees = [...pool].sort(() => rnd() - 0.5).slice(0, count);
      for (const [n, residentId] of attendees.entries()) {
        const method = (['qr', 'kiosk', 'organizer'] as const)[n % 3];
        ok(
          await client.post(
            `/activities/${id}/attendance`,
            { residentId, method, at: activity.window.start },
            key(`attend-${i}-${n}`),
          ),
          'attendance',
        );
        attendances++;
      }
    }
    const isGapSession = activity.title.endsWith('Q3 no. 2');
    if (over && isGapSession) {
      ok(
        await client.post(`/activities/${id}/cancel`, { reason: 'typhoon warning' }, key(`cancel-${i}`)),
        'cancel',
      );
    } else if (over) {
      const middle = new Date((start.getTime() + end.getTime()) / 2).toISOString().slice(0, 10);
      const isSchool = activity.category === 'civilization-school';
      const missingPlan = isSchool && activity.title.endsWith(`${year}-09`);
      ok(
        await client.post(
          `/activities/${id}/held`,
          {
            heldOn: middle,
            summary: `${activity.title}: held as planned; residents took part and the records were filed.`,
            ...(activity.lecturer ? { lecturer: activity.lecturer } : {}),
            ...(isSchool && !missingPlan
              ? { trainingPlan: 'Civic morality, safety and neighbourhood etiquette' }
              : {}),
            headcount: 20 + Math.floor(rnd() * 80),
          },
          key(`held-${i}`),
        ),
        'held',
      );
      held++;
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
  return {
    planId,
    year,
    skipped: false,
    residents: people.length,
    activities: activities.length,
    attendances,
    held,
  };
}
