import * as z from 'zod';
import { defineEvent } from './define.js';
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
    familyName: z.string(),
    nominatedBy: z.string(),
    motto: z.string().optional(),
    story: z.string(),
    /** Who in the nominee household agreed, when someone outside it nominated them. */
    consent: z.object({ by: z.string(), selfNominated: z.boolean() }),
  }),
);

export const NominationEndorsed = defineEvent('NominationEndorsed', z.object({ residentId: z.string() }));

export const JudgeRecused = defineEvent(
  'JudgeRecused',
  z.object({ judgeId: z.string(), reason: z.string(), automatic: z.boolean() }),
);

export const NominationScored = defineEvent(
  'NominationScored',
  z.object({ judgeId: z.string(), scores: z.record(z.string(), z.number()) }),
);

export const NominationWithdrawn = defineEvent('NominationWithdrawn', z.object({ reason: z.string() }));

export const NominationDecided = defineEvent(
  'NominationDecided',
  z.object({ outcome: z.enum(['awarded', 'commended', 'not-selected']), rationale: z.string() }),
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
