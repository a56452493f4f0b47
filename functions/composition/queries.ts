import { DynamoDbBlobStore } from '../adapters/dynamodb-blob-store.js';
import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store.js';
import type { DigestStore } from '../app/audit/digests.js';
import type { BlobStore } from '../app/blob-store.js';
import type { CommandService } from '../app/command-handler.js';
import type { Printer } from '../app/printer.js';
import { getActivity } from '../app/queries/activities.js';
import { getArticle, listArticles } from '../app/queries/articles.js';
import { auditStream, historyExport, historyPage, listDigests, verifyHistory } from '../app/queries/audit.js';
import { listActivities } from '../app/queries/calendar.js';
import { planCompliance } from '../app/queries/compliance.js';
import {
  getInstructor,
  listInstructors,
  listVenues,
  overdueEquipment,
  venueRegister,
} from '../app/queries/equipment.js';
import { signInSheetOf, workLedgerOf } from '../app/queries/paper-records.js';
import { getParticipation } from '../app/queries/participation.js';
import { getPlan, listPlans } from '../app/queries/plans.js';
import { getRanking } from '../app/queries/ranking.js';
import { getBook, listBooks } from '../app/queries/reading.js';
import { listGoodDeeds } from '../app/queries/recognition.js';
import { reportOf } from '../app/queries/reports.js';
import { getResident, listResidents } from '../app/queries/residents.js';
import { getRotation, listRotations } from '../app/queries/rotations.js';
import { getRound } from '../app/queries/rounds.js';
import { getSeries } from '../app/queries/series.js';
import { planStudyRecords, studyRecordOf } from '../app/queries/study.js';
import type { Config } from '../config.js';
import { createHttpHandler, type HttpHandler } from '../http/pipeline.js';
import type { QueryUseCases } from '../http/query-cases.js';
import { routes } from '../http/routes/index.js';
import { bindUseCases } from '../http/use-cases.js';
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
  };
}

/** Every query use case a route calls, bound to the queries function's dependencies. */
export function queryUseCases(deps: QueriesDependencies): QueryUseCases {
  return bindUseCases(deps, {
    getActivity,
    getArticle,
    listArticles,
    auditStream,
    historyExport,
    historyPage,
    listDigests,
    verifyHistory,
    listActivities,
    planCompliance,
    getInstructor,
    listInstructors,
    listVenues,
    overdueEquipment,
    venueRegister,
    signInSheetOf,
    workLedgerOf,
    getParticipation,
    getPlan,
    listPlans,
    getRanking,
    getBook,
    listBooks,
    listGoodDeeds,
    reportOf,
    getResident,
    listResidents,
    getRotation,
    listRotations,
    getRound,
    getSeries,
    planStudyRecords,
    studyRecordOf,
  });
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
