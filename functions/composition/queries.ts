import { DynamoDbBlobStore } from '../adapters/dynamodb-blob-store.js';
import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store.js';
import type { DigestStore } from '../app/audit/digests.js';
import type { BlobStore } from '../app/blob-store.js';
import type { CheckInTickets } from '../app/check-in-tickets.js';
import type { CommandService } from '../app/command-handler.js';
import type { Printer } from '../app/printer.js';
import { queryUseCaseTable } from '../app/query-use-cases.js';
import type { PageSignIn, WebAssets } from '../app/web-assets.js';
import type { Config } from '../config.js';
import { createHttpHandler, type HttpHandler } from '../http/pipeline.js';
import type { QueryUseCases } from '../http/query-cases.js';
import { routes } from '../http/routes/index.js';
import { bindUseCases } from '../http/use-cases.js';
import { pagesSignInFrom, ticketsFor, webAssetsFor } from './check-in.js';
import { type CoreDependencies, commandServiceFor, type Overrides } from './core.js';
import { pipelineDependencies } from './http.js';

/**
 * What the queries function's use cases read: views, the history (auditors), blobs, digests, and a
 * stream's state loaded the way a command loads it (paper records); it never writes.
 */
export interface QueriesDependencies extends CoreDependencies {
  readonly commands: Pick<CommandService, 'load'>;
  readonly blobs: BlobStore;
  readonly digests: DigestStore;
  /** Signs the check-in ticket a sign-in sheet's QR code carries, and reads it for the check-in page. */
  readonly tickets: CheckInTickets;
  /** Where people open the check-in pages: PUBLIC_URL, else (locally) the server's own URL. */
  readonly publicUrl: () => string | undefined;
  /** The check-in and kiosk pages' scripts and stylesheet. */
  readonly webAssets: WebAssets;
  /** How those pages sign a person in. */
  readonly pagesSignIn: PageSignIn;
}

export function queriesDependencies(
  core: CoreDependencies,
  config: Config,
  overrides: Overrides,
): QueriesDependencies {
  return {
    ...core,
    commands: commandServiceFor(core, overrides),
    blobs: new DynamoDbBlobStore(core.client, config.EVENTS_TABLE),
    digests: new DynamoDbDigestStore(core.client, config.EVENTS_TABLE),
    tickets: ticketsFor(config, overrides),
    publicUrl: () => config.PUBLIC_URL ?? overrides.publicUrl?.(),
    webAssets: webAssetsFor(overrides),
    pagesSignIn: pagesSignInFrom(config),
  };
}

/** Every query use case a route calls, bound to the queries function's dependencies. */
export function queryUseCases(deps: QueriesDependencies): QueryUseCases {
  return bindUseCases(deps, queryUseCaseTable);
}

/**
 * The queries function's handler: the route table's query and docs routes, with the query use cases
 * and documents handed to the printer function (`printer`); it sends no report.
 */
export function queriesApi(
  deps: QueriesDependencies,
  config: Config,
  overrides: Overrides,
  printer: Printer,
): HttpHandler {
  return createHttpHandler(
    routes,
    {
      ...pipelineDependencies(deps, config, overrides),
      queryCases: queryUseCases(deps),
      printer,
      sendReport: async () => {
        throw new Error('the queries function does not send reports');
      },
    },
    (route) => route.kind !== 'command',
    'Queries',
  );
}
