import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commit } from '../../../events/index.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../../functions/http/authenticator.js';
import { buildOpenApi } from '../../../functions/http/openapi.js';
import { roles } from '../../../functions/http/principal.js';
import type { Route } from '../../../functions/http/route.js';
import { routes } from '../../../functions/http/routes/index.js';
import { signDevToken } from '../../../infra/local/dev-key.js';
import { type LocalRuntime, startLocalRuntime } from '../../../infra/local/runtime.js';
import { ContractChecker } from '../../support/contract.js';
import { type InProcessAnswer, inProcessClient, type RawRequest } from '../../support/in-process.js';
import { anyRequest, type FuzzPools } from '../../support/request-arbitraries.js';

/**
 * Issue 14's property: no request, however malformed, answers 5xx; every refusal is problem+json;
 * and a refused request writes no event. Requests go straight into the HTTP functions (no socket),
 * spread over every route of the route table. CI runs 6,000 of them (~22 s here), twice (a fixed seed, then a drawn one); a laptop run
 * 2,000 unless FUZZ_RUNS says otherwise.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 6_000 : 2_000));

const COMMUNITIES = ['demo', 'other'] as const;

/**
 * The real clock, and data of this year. A clock behind real time would mislead the history reads
 * that reconcile the store at the end: commit ids stay monotonic in real time while the history's
 * month buckets follow the clock, so paging by commit id would skip months.
 */
const now = new Date();
const year = now.getUTCFullYear();
const day = (offsetDays: number) =>
  new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** A window inside the plan's year, around today where the year allows. */
const windowStart = `${year}-${String(Math.min(now.getUTCMonth() + 1, 11)).padStart(2, '0')}-01`;
const windowEnd = `${year}-12-20`;

describe('no request answers 5xx, and a refused one writes nothing (issue 14)', () => {
  let runtime: LocalRuntime;
  let invoke: (request: RawRequest) => Promise<InProcessAnswer>;
  const pools = {
    ids: {} as Record<string, string[]>,
    streamIds: [] as string[],
    year,
    criterionKeys: ['virtue', 'service'],
    positions: [] as string[],
    cursors: [] as string[],
    authorizations: {} as Record<string, string[]>,
    badAuthorizations: [] as (string | undefined)[],
  } satisfies FuzzPools;
  /**
   * Every commit, as it lands: the local stand-in for DynamoDB Streams is told of each one the moment
   * it is appended, before the request that wrote it answers. At the end the store itself must hold
   * no commit this missed.
   */
  const committed: Commit[] = [];
  async function storedCommits(): Promise<number> {
    let count = 0;
    for (const community of COMMUNITIES) {
      let after: string | undefined;
      do {
        const page = await runtime.deps.events.readHistory({ community, after, limit: 1000 });
        count += page.commits.length;
        after = page.nextAfter;
      } while (after);
    }
    return count;
  }

  beforeAll(async () => {
    let residentsOfDemo: string[] = [];
    runtime = await startLocalRuntime({ logLevel: 'SILENT' });
    const deliver = runtime.dispatcher.enqueue;
    runtime.dispatcher.enqueue = (commit) => {
      committed.push(commit);
      deliver(commit);
    };
    invoke = inProcessClient(runtime);
    const secret = runtime.secret;
    const token = (community: string, role: (typeof roles)[number], sub = `fuzz-${role}`) =>
      signDevToken(secret, { roles: [role], sub, community });
    const admin = { demo: await token('demo', 'admin'), other: await token('other', 'admin') };

    const command = async (community: 'demo' | 'other', path: string, body: unknown) => {
      const answer = await invoke({
        method: 'POST',
        rawPath: path,
        headers: { authorization: `Bearer ${admin[community]}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(answer.status, `${path}: ${answer.body}`).toBe(201);
      const { id, streamId, position } = answer.json as { id: string; streamId: string; position: string };
      const kind = streamId.split('#')[1]!;
      pools.ids[kind] = [...(pools.ids[kind] ?? []), id];
      pools.streamIds.push(streamId);
      pools.positions.push(position);
      return id;
    };

    for (const community of COMMUNITIES) {
      const planId = await command(community, '/plans', {
        communityName: community,
        year,
        title: 'Plan',
      });
      const people: string[] = [];
      for (let i = 0; i < 4; i++)
        people.push(
          await command(community, '/residents', {
            name: `Resident ${i}`,
            householdId: `H-${i}`,
            partyMember: i < 2,
            phone: '13800000000',
            email: `r${i}@example.org`,
          }),
        );
      if (community === 'other') continue;
      await command(community, `/plans/${planId}/targets`, {
        description: 'Festivals',
        metric: 'activities-held',
        category: 'festival',
        minimum: 2,
        per: 'quarter',
      });
      // A few of each, so the run does not wear the domain out (one cancelled activity, one withdrawn
      // nomination, and every later command on it is the same refusal).
      for (const title of ['Dragon boat festival', 'Reading club', 'Legal talk'])
        await command(community, '/activities', {
          planId,
          category: 'festival',
          format: 'performance',
          title,
          window: { start: windowStart, end: windowEnd },
          capacity: 50,
        });
      await command(community, '/articles', {
        planId,
        authorId: people[0],
        kind: 'theory-article',
        title: 'On reading',
        body: 'A body.',
      });
      const roundId = await command(community, '/rounds', {
        planId,
        title: 'Good family style',
        criteria: [
          { key: 'virtue', label: 'Virtue', weight: 0.5 },
          { key: 'service', label: 'Service', weight: 0.5 },
        ],
        minJudges: 1,
        judges: [people[2], people[3]],
        nominationsClose: day(30),
        scoringCloses: day(60),
      });
      for (const i of [0, 1])
        await command(community, `/rounds/${roundId}/nominations`, {
          householdId: `H-${i}`,
          familyName: `Family ${i}`,
          nominatedBy: people[i],
          story: 'Kind to neighbours.',
        });
      await command(community, '/good-deeds', {
        planId,
        residentIds: [people[1]],
        title: 'Helped a neighbour',
        description: 'Carried the shopping.',
        date: day(0),
      });
      residentsOfDemo = people;
    }
    for (const path of ['/residents', '/plans', '/activities', '/articles', '/good-deeds']) {
      const page = await invoke({
        method: 'GET',
        rawPath: path,
        query: { limit: '1' },
        headers: { authorization: `Bearer ${admin.demo}` },
      });
      const cursor = (page.json as { nextCursor?: string | null }).nextCursor;
      if (cursor) pools.cursors.push(cursor);
    }
    expect(pools.cursors.length).toBeGreaterThan(0);

    const sign = (claims: Record<string, unknown>, key = secret) => {
      let jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt();
      if (claims.exp === undefined) jwt = jwt.setExpirationTime('1h');
      return jwt.sign(new TextEncoder().encode(key));
    };
    for (const role of roles) {
      // Residents and judges act as themselves: their subject is a resident's id.
      const sub =
        role === 'resident' ? residentsOfDemo[0] : role === 'judge' ? residentsOfDemo[2] : undefined;
      pools.authorizations[role] = [`Bearer ${await token('demo', role, sub)}`];
    }
    pools.authorizations.admin!.push(
      `Bearer ${await signDevToken(secret, { roles: ['admin', 'organizer', 'judge'], sub: 'multi', community: 'demo' })}`,
    );
    pools.authorizations.judge!.push(`Bearer ${await token('demo', 'judge', residentsOfDemo[3])}`);
    pools.authorizations.resident!.push(`Bearer ${await token('demo', 'resident', 'not-a-resident')}`);
    pools.badAuthorizations.push(
      `Bearer ${admin.other}`,
      `Bearer ${await token('other', 'organizer')}`,
      `Bearer ${await signDevToken(secret, { roles: ['admin'], sub: 'a', community: 'demo#K' })}`,
      `Bearer ${await signDevToken(secret, { roles: ['admin'], sub: 'a', community: 'demo', expiresIn: '-1h' })}`,
      `Bearer ${await sign({ roles: ['admin'], sub: 'a', community: 'demo' }, 'another-secret-0123456789abcdef0123')}`,
      `Bearer ${await sign({ roles: ['admin'], community: 'demo' })}`,
      `Bearer ${await sign({ roles: 'admin', sub: 'a', community: ['demo'] })}`,
      `Bearer ${await sign({ roles: ['__proto__', 'constructor'], sub: 'a', community: 'demo' })}`,
      `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a","community":"demo","roles":["admin"]}').toString('base64url')}.`,
      'Bearer not.a.jwt',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${admin.demo} extra`,
      undefined,
    );
    await runtime.dispatcher.idle();
    expect(await storedCommits()).toBe(committed.length);
  }, 120_000);

  afterAll(async () => runtime?.close());

  it(`${RUNS} generated requests over every route: never 5xx, every answer declared, refusals are problem+json, refused requests write nothing`, async () => {
    const contract = new ContractChecker(
      buildOpenApi(routes, { title: 'Community Culture Ledger', version: '0.1.0' }) as never,
    );
    const byOperation = new Map(routes.map((route) => [route.operationId, route]));
    const statuses = new Map<Route, Map<number, number>>();
    const refusals = new Map<string, number>();
    const timeByOperation = new Map<string, number>();
    let commitsByAccepted = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(anyRequest(routes, pools), async ({ operationId, request }) => {
        const route = byOperation.get(operationId)!;
        const before = committed.length;
        const sent = performance.now();
        const answer = await invoke(request);
        timeByOperation.set(operationId, (timeByOperation.get(operationId) ?? 0) + performance.now() - sent);
        const shown = `${request.method} ${request.rawPath.slice(0, 200)} → ${answer.status} ${answer.body.slice(0, 300)}`;
        const byStatus = statuses.get(route) ?? new Map<number, number>();
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        statuses.set(route, byStatus);

        expect(answer.status, shown).toBeLessThan(500);
        // Every answer, refusals included, is one the document declares for the operation (issue 27).
        const query = new URLSearchParams(request.query as Record<string, string>).toString();
        expect(
          contract.check(
            request.method,
            request.rawPath + (query ? `?${query}` : ''),
            answer.status,
            answer.headers['content-type'] ?? null,
            answer.json ?? answer.body,
          ),
          shown,
        ).toEqual([]);
        expect(answer.headers['x-content-type-options'], shown).toBe('nosniff');
        if (answer.status >= 400) {
          expect(answer.headers['content-type'], shown).toBe('application/problem+json');
          expect(answer.json, shown).toMatchObject({
            status: answer.status,
            type: expect.any(String),
            title: expect.any(String),
          });
        }
        const written = committed.length - before;
        if (answer.status >= 400) {
          const code = (answer.json as { code?: string } | undefined)?.code ?? '?';
          refusals.set(code, (refusals.get(code) ?? 0) + 1);
        }
        if (answer.status < 200 || answer.status > 299)
          expect(written, `a refused request wrote: ${shown}`).toBe(0);
        else commitsByAccepted += written;
        // A command that answers with events appended them: the check above would see a refused one's.
        const events = (answer.json as { events?: unknown[] } | undefined)?.events;
        if (answer.status === 201 && Array.isArray(events) && events.length > 0)
          expect(written, `an accepted command's commit went unseen: ${shown}`).toBeGreaterThan(0);
      }),
      // A failure prints its seed and path; FUZZ_SEED replays the same requests.
      {
        numRuns: RUNS,
        endOnFailure: true,
        verbose: 1,
        ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
      },
    );
    const seconds = (Date.now() - started) / 1000;
    const perRoute = routes.map((route) => {
      const counts = statuses.get(route) ?? new Map();
      return {
        route: `${route.method} ${route.path}`,
        requests: [...counts.values()].reduce((a, b) => a + b, 0),
        counts: Object.fromEntries(counts),
      };
    });
    console.log(
      `fuzzed ${RUNS} requests in ${seconds.toFixed(1)} s; accepted commands wrote ${commitsByAccepted} commits\n` +
        perRoute.map((r) => `  ${r.route}: ${JSON.stringify(r.counts)}`).join('\n') +
        `\nslowest (ms in all): ${JSON.stringify(
          [...timeByOperation]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 6)
            .map(([o, ms]) => `${o} ${Math.round(ms)}`),
        )}` +
        `\nrefusals: ${JSON.stringify(Object.fromEntries([...refusals].sort((a, b) => b[1] - a[1])))}`,
    );
    // The property is only as good as its reach: every route was tried, and the check for writes
    // saw the accepted commands' commits (so a refused one's would not go unseen either).
    for (const { route, requests } of perRoute) expect(requests, route).toBeGreaterThan(0);
    expect(await storedCommits(), 'commits in the store that were not seen as they landed').toBe(
      committed.length,
    );
    expect(commitsByAccepted).toBeGreaterThan(0);
    const accepted = perRoute.filter((r) => Object.keys(r.counts).some((s) => Number(s) < 300)).length;
    // Reach, not luck: with any seed (CI runs a random one too) a third of the routes see a 2xx
    // (2,000 requests reach about half of them; 10,000 in CI, more).
    expect(accepted).toBeGreaterThan(routes.length / 3);
  }, 300_000);
});
