import { getActivity } from './activity/activities.queries.js';
import { listActivities } from './activity/calendar.queries.js';
import { checkInLinkOf, kioskOf } from './activity/check-in.queries.js';
import { checkInPageOf, pageSignInOf, webAssetOf } from './activity/pages.queries.js';
import { getParticipation } from './activity/participation.queries.js';
import { getArticle, listArticles } from './article/articles.queries.js';
import {
  auditStream,
  historyExport,
  historyPage,
  listDigests,
  verifyHistory,
} from './audit/audit.queries.js';
import { planCompliance } from './compliance/compliance.queries.js';
import {
  getInstructor,
  listInstructors,
  listVenues,
  overdueEquipment,
  venueRegister,
} from './equipment/equipment.queries.js';
import { getRanking } from './nomination/ranking.queries.js';
import { getRound } from './nomination/rounds.queries.js';
import { getPlan, listPlans } from './plan/plans.queries.js';
import { getBook, listBooks } from './reading/reading.queries.js';
import { listGoodDeeds } from './recognition/recognition.queries.js';
import { signInSheetOf, workLedgerOf } from './reports/paper-records.queries.js';
import { reportOf } from './reports/reports.queries.js';
import { getResident, listResidents } from './resident/residents.queries.js';
import { getRotation, listRotations } from './rotation/rotations.queries.js';
import { getSeries } from './series/series.queries.js';
import { planStudyRecords, studyRecordOf } from './study/study.queries.js';

/** The query use cases the HTTP routes call, in one table: the queries function binds it to its dependencies, and the routes' stand-ins take their types from it. */
export const queryUseCaseTable = {
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
  checkInLinkOf,
  kioskOf,
  checkInPageOf,
  pageSignInOf,
  webAssetOf,
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
};
