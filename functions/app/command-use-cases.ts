import {
  cancelActivity,
  cancelRegistration,
  changeActivityDetails,
  planActivity,
  recordHeld,
  registerResident,
  rescheduleActivity,
} from './activity/activities.commands.js';
import { recordAttendance, revokeAttendance } from './activity/attendance.commands.js';
import { reviewArticle, reviseArticle, submitArticle } from './article/articles.commands.js';
import { writeMissingDigests } from './audit/digests.commands.js';
import {
  inspectEquipment,
  installEquipment,
  maintainEquipment,
  recordInstructorSession,
  registerInstructor,
  registerVenue,
  retireEquipment,
} from './equipment/equipment.commands.js';
import {
  decideNomination,
  endorseNomination,
  nominateFamily,
  recuseJudge,
  scoreNomination,
  withdrawNomination,
} from './nomination/nominations.commands.js';
import { openRound } from './nomination/rounds.commands.js';
import { appointOrganizingGroup, eraseOrganizingGroupPerson } from './plan/organizing-group.commands.js';
import { createPlan, setTarget } from './plan/plans.commands.js';
import { linkReadingEssay, recommendBook, reviewBook } from './reading/reading.commands.js';
import { nameModel, recordGoodDeed } from './recognition/recognition.commands.js';
import { enrollResident, erasePersonalData } from './resident/residents.commands.js';
import { announceRotation, drawRotation, swapSlots } from './rotation/rotations.commands.js';
import { cancelSeries, changeSeries, planSeries } from './series/series.commands.js';
import { decideStudyLeave, recordStudyMakeUp, requestStudyLeave } from './study/study.commands.js';

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
  eraseOrganizingGroupPerson,
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
