import type { DemoWords } from './demo-wording.js';
import type { demoResidents } from './plan-template.js';
import { ok, type SeedClient } from './seed-client.js';

/**
 * One "good family style" round: five households nominated (one by a neighbour, with consent),
 * residents' endorsements, three judges — one of whom lives in a nominated household and is recused
 * automatically — and their scores, so the ranking has something to show.
 */
export async function seedFamilyRound(
  client: SeedClient,
  planId: string,
  people: ReturnType<typeof demoResidents>,
  residentIds: string[],
  key: (what: string) => string,
  rnd: () => number,
  words: DemoWords,
): Promise<string> {
  const w = words.round;
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
        title: w.title,
        criteria: [
          { key: 'family-virtue', label: w.criteria[0], weight: 0.4 },
          { key: 'neighbourliness', label: w.criteria[1], weight: 0.35 },
          { key: 'education', label: w.criteria[2], weight: 0.25 },
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
      // The household's surname: a Chinese name's first character, an English one's first word.
      familyName: w.family(
        people[member]!.name.includes(' ') ? people[member]!.name.split(' ')[0]! : people[member]!.name[0]!,
      ),
      nominatedBy: residentIds[nominator]!,
      ...(byNeighbour ? { consentBy: residentIds[member]! } : {}),
      motto: w.motto,
      story: w.story,
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
