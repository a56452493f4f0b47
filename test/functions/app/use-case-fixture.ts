import { Logger } from '@aws-lambda-powertools/logger';
import { projections } from '../../../domain/views/index.js';
import { type Commit, decodeEvent } from '../../../events/index.js';
import { derivedTicketKey, JoseCheckInTickets } from '../../../functions/adapters/check-in-tickets.js';
import type { CheckInTickets } from '../../../functions/app/check-in-tickets.js';
import type { CommandAccepted, CommandService } from '../../../functions/app/command-handler.js';
import type { Actor, CommandActor, CommandResult } from '../../../functions/app/commands/execute.js';
import { requestIds } from '../../../functions/app/idempotency.js';
import type { PersonalDataCipher } from '../../../functions/app/personal-data.js';
import type { Clock, EventStore } from '../../../functions/app/ports.js';
import type { ViewStore } from '../../../functions/app/view-store.js';
import { commandServiceFor, coreDependencies } from '../../../functions/composition/core.js';
import { personalDataFor } from '../../../functions/composition/personal-data.js';
import { loadConfig } from '../../../functions/config.js';
import { Projector } from '../../../functions/projector/projector.js';
import { ManualClock } from '../../support/clock.js';
import { freshTables, type TestEngine } from '../../support/engines.js';

export const COMMUNITY = 'c1';

/** The real adapters a use case runs on, over fresh tables of an in-memory engine. */
export interface UseCaseWorld {
  readonly commands: CommandService;
  readonly events: EventStore;
  readonly views: ViewStore;
  readonly personalData: PersonalDataCipher;
  readonly clock: Clock & ManualClock;
  /** Signs and reads check-in tickets, as the sign-in sheet and a qr check-in do. */
  readonly tickets: CheckInTickets;
  /** A caller of a query. */
  as(roles: Actor['roles'], sub?: string): Actor;
  /** A caller of a command, as one HTTP request without Idempotency-Key or If-Match brings it. */
  acting(roles: Actor['roles'], sub?: string): CommandActor & { readonly ids: { next(): string } };
  /** Every event of a stream, decoded, with its type. */
  eventsOf(kind: string, id: string): Promise<{ type: string; data: unknown }[]>;
  /** Applies every commit so far to the views (what the projector does behind the API). */
  project(): Promise<void>;
}

const silent = new Logger({ serviceName: 'use-case-test', logLevel: 'SILENT' });

export async function useCaseWorld(
  engine: TestEngine,
  now = '2026-05-04T02:00:00.000Z',
): Promise<UseCaseWorld> {
  const tables = await freshTables(engine.endpoint);
  const config = loadConfig({ ...tables, DYNAMODB_ENDPOINT: engine.endpoint });
  const clock = new ManualClock(now);
  const core = coreDependencies(config, { clock, logger: silent });
  const personalData = personalDataFor(config, core.client);
  const projector = new Projector(core.views, projections, silent, (community, events) =>
    personalData.revealEvents(community, events),
  );
  const projected = new Set<string>();
  const as = (roles: Actor['roles'], sub = `test-${roles[0]}`): Actor => ({
    sub,
    roles,
    community: COMMUNITY,
  });
  return {
    commands: commandServiceFor(core),
    events: core.events,
    views: core.views,
    personalData,
    clock,
    tickets: new JoseCheckInTickets(derivedTicketKey('use-case-test-secret-0123456789abcdef')),
    as,
    acting: (roles, sub) => ({
      principal: as(roles, sub),
      correlationId: 'corr-test',
      idempotencyKey: undefined,
      idempotency: undefined,
      expectedVersion: undefined,
      ids: requestIds(undefined, () => core.ids.next()),
    }),
    async eventsOf(kind, id) {
      const slice = await core.events.readStream(`${COMMUNITY}#${kind}#${id}`);
      return slice.commits.flatMap((c) =>
        c.events.map((e) => ({ type: e.type, data: decodeEvent(e.type, e.schemaVersion, e.data) })),
      );
    },
    async project() {
      const commits: Commit[] = [];
      let after: string | undefined;
      do {
        const page = await core.events.readHistory({ community: COMMUNITY, after, limit: 1000 });
        commits.push(...page.commits.filter((c) => !projected.has(c.commitId)));
        after = page.nextAfter;
      } while (after);
      const failed = await projector.applyBatch(commits);
      if (failed.size > 0) throw new Error(`projection failed for ${[...failed].join(', ')}`);
      for (const c of commits) projected.add(c.commitId);
    },
  };
}

/** The accepted outcome of a command use case (fails the test on a refusal). */
export function accepted(result: CommandResult): CommandAccepted & { readonly id: string } {
  if ('code' in result.outcome) throw new Error(`refused: ${JSON.stringify(result.outcome)}`);
  return { ...result.outcome, id: result.id };
}
