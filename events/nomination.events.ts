import * as z from 'zod';
import { defineEvent } from './define.js';
import { freeText, nameOfSomeoneUnrecorded } from './personal-data.js';
import { Instant } from './shared.js';

export const Criterion = z.object({ key: z.string(), label: z.string(), weight: z.number() });

export const RoundOpened = defineEvent(
  'RoundOpened',
  z.object({
    roundId: z.string(),
    planId: z.string(),
    title: z.string(),
    criteria: z.array(Criterion),
    maxScore: z.number(),
    minJudges: z.number().int(),
    endorsementWeight: z.number(),
    endorsementCap: z.number().int(),
    judges: z.array(z.string()),
    nominationsClose: Instant,
    scoringCloses: Instant,
  }),
);

export const FamilyNominated = defineEvent(
  'FamilyNominated',
  z.object({
    nominationId: z.string(),
    roundId: z.string(),
    householdId: z.string(),
    familyName: nameOfSomeoneUnrecorded(
      "the nominated household's family name (a household has no key ring)",
    ),
    nominatedBy: z.string(),
    motto: freeText().optional(),
    story: freeText(),
    /** Who in the nominee household agreed, when someone outside it nominated them. */
    consent: z.object({ by: z.string(), selfNominated: z.boolean() }),
  }),
);

export const NominationEndorsed = defineEvent('NominationEndorsed', z.object({ residentId: z.string() }));

export const JudgeRecused = defineEvent(
  'JudgeRecused',
  z.object({ judgeId: z.string(), reason: freeText(), automatic: z.boolean() }),
);

export const NominationScored = defineEvent(
  'NominationScored',
  z.object({ judgeId: z.string(), scores: z.record(z.string(), z.number()) }),
);

export const NominationWithdrawn = defineEvent('NominationWithdrawn', z.object({ reason: freeText() }));

export const NominationDecided = defineEvent(
  'NominationDecided',
  z.object({ outcome: z.enum(['awarded', 'commended', 'not-selected']), rationale: freeText() }),
);

export const nominationEvents = [
  RoundOpened,
  FamilyNominated,
  NominationEndorsed,
  JudgeRecused,
  NominationScored,
  NominationWithdrawn,
  NominationDecided,
] as const;
