import { getActivity } from './activities.js';
import { getArticle, listArticles } from './articles.js';
import { auditStream, historyExport, historyPage, listDigests, verifyHistory } from './audit.js';
import { listActivities } from './calendar.js';
import { checkInLinkOf, kioskOf } from './check-in.js';
import { planCompliance } from './compliance.js';
import { getInstructor, listInstructors, listVenues, overdueEquipment, venueRegister } from './equipment.js';
import { checkInPageOf, pageSignInOf, webAssetOf } from './pages.js';
import { signInSheetOf, workLedgerOf } from './paper-records.js';
import { getParticipation } from './participation.js';
import { getPlan, listPlans } from './plans.js';
import { getRanking } from './ranking.js';
import { getBook, listBooks } from './reading.js';
import { listGoodDeeds } from './recognition.js';
import { reportOf } from './reports.js';
import { getResident, listResidents } from './residents.js';
import { getRotation, listRotations } from './rotations.js';
import { getRound } from './rounds.js';
import { getSeries } from './series.js';
import { planStudyRecords, studyRecordOf } from './study.js';

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
