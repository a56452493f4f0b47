import type { commandUseCaseTable } from '../app/command-use-cases.js';
import { type Bound, routed } from './use-cases.js';

/** Every command use case a route calls, bound by the commands function's composition to its dependencies. */
export type CommandUseCases = {
  readonly [K in keyof typeof commandUseCaseTable]: Bound<(typeof commandUseCaseTable)[K]>;
};

const command = routed<CommandUseCases, 'commandCases'>('commandCases', 'command');

export const cancelActivity = command('cancelActivity');
export const cancelRegistration = command('cancelRegistration');
export const changeActivityDetails = command('changeActivityDetails');
export const planActivity = command('planActivity');
export const recordAttendance = command('recordAttendance');
export const recordHeld = command('recordHeld');
export const registerResident = command('registerResident');
export const rescheduleActivity = command('rescheduleActivity');
export const revokeAttendance = command('revokeAttendance');
export const reviewArticle = command('reviewArticle');
export const reviseArticle = command('reviseArticle');
export const submitArticle = command('submitArticle');
export const writeMissingDigests = command('writeMissingDigests');
export const inspectEquipment = command('inspectEquipment');
export const installEquipment = command('installEquipment');
export const maintainEquipment = command('maintainEquipment');
export const recordInstructorSession = command('recordInstructorSession');
export const registerInstructor = command('registerInstructor');
export const registerVenue = command('registerVenue');
export const retireEquipment = command('retireEquipment');
export const decideNomination = command('decideNomination');
export const endorseNomination = command('endorseNomination');
export const nominateFamily = command('nominateFamily');
export const recuseJudge = command('recuseJudge');
export const scoreNomination = command('scoreNomination');
export const withdrawNomination = command('withdrawNomination');
export const appointOrganizingGroup = command('appointOrganizingGroup');
export const eraseOrganizingGroupPerson = command('eraseOrganizingGroupPerson');
export const createPlan = command('createPlan');
export const setTarget = command('setTarget');
export const linkReadingEssay = command('linkReadingEssay');
export const recommendBook = command('recommendBook');
export const reviewBook = command('reviewBook');
export const nameModel = command('nameModel');
export const recordGoodDeed = command('recordGoodDeed');
export const enrollResident = command('enrollResident');
export const erasePersonalData = command('erasePersonalData');
export const announceRotation = command('announceRotation');
export const drawRotation = command('drawRotation');
export const swapSlots = command('swapSlots');
export const openRound = command('openRound');
export const cancelSeries = command('cancelSeries');
export const changeSeries = command('changeSeries');
export const planSeries = command('planSeries');
export const decideStudyLeave = command('decideStudyLeave');
export const recordStudyMakeUp = command('recordStudyMakeUp');
export const requestStudyLeave = command('requestStudyLeave');
