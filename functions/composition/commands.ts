import { DynamoDbBlobStore } from '../adapters/dynamodb-blob-store.js';
import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store.js';
import type { DynamoDbIdempotencyStore } from '../adapters/dynamodb-idempotency-store.js';
import type { DigestStore } from '../app/audit/digests.js';
import type { BlobStore } from '../app/blob-store.js';
import type { CheckInTickets } from '../app/check-in-tickets.js';
import type { CommandService } from '../app/command-handler.js';
import { commandUseCaseTable } from '../app/command-use-cases.js';
import type { PersonalDataCipher } from '../app/personal-data.js';
import type { SendReport } from '../app/reports/report-sending.js';
import type { Config } from '../config.js';
import type { CommandUseCases } from '../http/command-cases.js';
import { createHttpHandler, type HttpHandler } from '../http/pipeline.js';
import { routes } from '../http/routes/index.js';
import { bindUseCases } from '../http/use-cases.js';
import { ticketsFor } from './check-in.js';
import { type CoreDependencies, commandServiceFor, type Overrides } from './core.js';
import { pipelineDependencies } from './http.js';
import { commandsPrinter } from './printing.js';

/** What the commands function's use cases run on: the write side, residents' data keys, blobs, digests. */
export interface CommandsDependencies extends CoreDependencies {
  readonly commands: CommandService;
  readonly personalData: PersonalDataCipher;
  readonly blobs: BlobStore;
  readonly digests: DigestStore;
  /** Reads the sign-in sheets' check-in tickets (a qr check-in carries one). */
  readonly tickets: CheckInTickets;
}

export function commandsDependencies(
  core: CoreDependencies,
  config: Config,
  overrides: Overrides,
  personalData: PersonalDataCipher,
): CommandsDependencies {
  return {
    ...core,
    commands: commandServiceFor(core, overrides),
    personalData,
    blobs: new DynamoDbBlobStore(core.client, config.EVENTS_TABLE),
    digests: new DynamoDbDigestStore(core.client, config.EVENTS_TABLE),
    tickets: ticketsFor(config, overrides),
  };
}

/** Every command use case a route calls, bound to the commands function's dependencies. */
export function commandUseCases(deps: CommandsDependencies): CommandUseCases {
  return bindUseCases(deps, commandUseCaseTable);
}

/**
 * The commands function's handler: the route table's command routes, with the command use cases
 * and reports handed to the mailer function (`sendReport`); it prints nothing.
 */
export function commandsApi(
  deps: CommandsDependencies,
  config: Config,
  overrides: Overrides,
  parts: { readonly sendReport: SendReport; readonly idempotency?: DynamoDbIdempotencyStore },
): HttpHandler {
  return createHttpHandler(
    routes,
    {
      ...pipelineDependencies(deps, config, overrides, parts.idempotency),
      commandCases: commandUseCases(deps),
      sendReport: parts.sendReport,
      printer: commandsPrinter,
    },
    (route) => route.kind === 'command',
    'Commands',
  );
}
