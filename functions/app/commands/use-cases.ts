import {
  cancelActivity,
  cancelRegistration,
  changeActivityDetails,
  planActivity,
  recordAttendance,
  recordHeld,
  registerResident,
  rescheduleActivity,
  revokeAttendance,
} from './activities.js';
import { reviewArticle, reviseArticle, submitArticle } from './articles.js';
import { writeMissingDigests } from './digests.js';
import {
  inspectEquipment,
  installEquipment,
  maintainEquipment,
  recordInstructorSession,
  registerInstructor,
  registerVenue,
  retireEquipment,
} from './equipment.js';
import {
  decideNomination,
  endorseNomination,
  nominateFamily,
  recuseJudge,
  scoreNomination,
  withdrawNomination,
} from './nominations.js';
import { appointOrganizingGroup, createPlan, setTarget } from './plans.js';
import { linkReadingEssay, recommendBook, reviewBook } from './reading.js';
import { nameModel, recordGoodDeed } from './recognition.js';
import { enrollResident, erasePersonalData } from './residents.js';
import { announceRotation, drawRotation, swapSlots } from './rotations.js';
import { openRound } from './rounds.js';
import { cancelSeries, changeSeries, planSeries } from './series.js';
import { decideStudyLeave, recordStudyMakeUp, requestStudyLeave } from './study.js';

/** The command use cases the HTTP routes call, in one table: the commands function binds it to its dependencies, and the routes' stand-ins take their types from it. */
export const commandUseCaseTable = {
  cancelActivity,
  cancelRegistration,
  changeActivityDetails,
  planActivity,
  recordAttendance,
  recordHeld,
  registerResident,
  rescheduleActivity,
  revokeAttendance,
  reviewArticle,
  reviseArticle,
  submitArticle,
  writeMissingDigests,
  inspectEquipment,
  installEquipment,
  maintainEquipment,
  recordInstructorSession,
  registerInstructor,
  registerVenue,
  retireEquipment,
  decideNomination,
  endorseNomination,
  nominateFamily,
  recuseJudge,
  scoreNomination,
  withdrawNomination,
  appointOrganizingGroup,
  createPlan,
  setTarget,
  linkReadingEssay,
  recommendBook,
  reviewBook,
  nameModel,
  recordGoodDeed,
  enrollResident,
  erasePersonalData,
  announceRotation,
  drawRotation,
  swapSlots,
  openRound,
  cancelSeries,
  changeSeries,
  planSeries,
  decideStudyLeave,
  recordStudyMakeUp,
  requestStudyLeave,
};
