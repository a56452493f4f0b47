import type { queryUseCaseTable } from '../app/query-use-cases.js';
import { type Bound, routed } from './use-cases.js';

/** Every query use case a route calls, bound by the queries function's composition to its dependencies. */
export type QueryUseCases = {
  readonly [K in keyof typeof queryUseCaseTable]: Bound<(typeof queryUseCaseTable)[K]>;
};

const query = routed<QueryUseCases, 'queryCases'>('queryCases', 'query');

export const getActivity = query('getActivity');
export const getArticle = query('getArticle');
export const listArticles = query('listArticles');
export const auditStream = query('auditStream');
export const historyExport = query('historyExport');
export const historyPage = query('historyPage');
export const listDigests = query('listDigests');
export const verifyHistory = query('verifyHistory');
export const listActivities = query('listActivities');
export const planCompliance = query('planCompliance');
export const getInstructor = query('getInstructor');
export const listInstructors = query('listInstructors');
export const listVenues = query('listVenues');
export const overdueEquipment = query('overdueEquipment');
export const venueRegister = query('venueRegister');
export const signInSheetOf = query('signInSheetOf');
export const checkInLinkOf = query('checkInLinkOf');
export const kioskOf = query('kioskOf');
export const checkInPageOf = query('checkInPageOf');
export const pageSignInOf = query('pageSignInOf');
export const webAssetOf = query('webAssetOf');
export const workLedgerOf = query('workLedgerOf');
export const getParticipation = query('getParticipation');
export const getPlan = query('getPlan');
export const listPlans = query('listPlans');
export const getRanking = query('getRanking');
export const getBook = query('getBook');
export const listBooks = query('listBooks');
export const listGoodDeeds = query('listGoodDeeds');
export const reportOf = query('reportOf');
export const getResident = query('getResident');
export const listResidents = query('listResidents');
export const getRotation = query('getRotation');
export const listRotations = query('listRotations');
export const getRound = query('getRound');
export const getSeries = query('getSeries');
export const planStudyRecords = query('planStudyRecords');
export const studyRecordOf = query('studyRecordOf');
