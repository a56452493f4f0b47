import * as z from 'zod';
import { overdueReasons } from '../../../domain/equipment/standing.js';
import { Category, Format, Locale } from '../../../events/index.js';
import { ComplianceItem } from './compliance.js';

const ReportComplianceRow = ComplianceItem.extend({
  previousStatus: z.string().nullable().describe("The row's status at the end of the previous period"),
  changed: z.boolean(),
}).strict();

const closed = <S extends z.ZodRawShape>(shape: S) => z.object(shape).strict();

/** A state of the ledger: how far it went (its last commit's time, how many) and its running digest. */
export const LedgerStateAnswer = z
  .object({
    through: z.string().nullable().describe('When the last commit was recorded (null: no commit yet)'),
    commits: z.number().int().describe('How many commits of the community, in global order'),
    digest: z
      .string()
      .describe(
        'The running digest of the ledger through that commit: `GET /audit/verify?digest=` accepts it',
      ),
  })
  .strict()
  .meta({ id: 'LedgerState' });

/** The report model every rendering (JSON, HTML, text, CSV, PDF, email) is made from: machine values. */
export const ReportAnswer = closed({
  plan: closed({
    planId: z.string(),
    title: z.string(),
    communityName: z.string(),
    timeZone: z.string(),
    locale: Locale.describe('The language of the scheduled emails'),
  }),
  period: closed({ name: z.string(), kind: z.string(), start: z.string(), end: z.string() }),
  asOf: z.string(),
  ledger: LedgerStateAnswer.describe('The ledger state the figures were computed from'),
  categories: z.array(closed({ category: Category, planned: z.number().int(), held: z.number().int() })),
  held: z
    .array(
      closed({
        activityId: z.string(),
        title: z.string(),
        category: Category,
        format: Format,
        heldOn: z.string(),
        venue: z.string().nullable(),
        lecturer: z.string().nullable(),
        signIns: z.number().int(),
        registered: z.number().int().describe('residents holding a place'),
        headcount: z.number().int().nullable(),
        summary: z.string(),
      }),
    )
    .describe('Every activity held in the period, in date order'),
  attendance: closed({ signIns: z.number().int(), distinctResidents: z.number().int() }),
  registrations: closed({
    registered: z.number().int(),
    waitlisted: z.number().int(),
    cancelled: z.number().int(),
  }).describe(
    "The period's activities (cancelled ones left out): places held, residents on waitlists, registrations cancelled",
  ),
  compliance: z.array(ReportComplianceRow),
  membersShortOfQualityArticle: z.array(closed({ residentId: z.string(), name: z.string() })),
  rounds: z.array(
    closed({
      roundId: z.string(),
      title: z.string(),
      state: z.enum(['nominations-open', 'scoring', 'scoring-closed']),
      nominations: z.number().int(),
      leaders: z.array(
        closed({
          nominationId: z.string(),
          familyName: z.string(),
          householdId: z.string(),
          final: z.number().nullable(),
        }),
      ),
    }),
  ),
  goodDeeds: z.array(
    closed({ deedId: z.string(), title: z.string(), date: z.string(), residentIds: z.array(z.string()) }),
  ),
  sports: closed({
    instructors: z.array(
      closed({
        instructorId: z.string(),
        name: z.string(),
        specialty: z.string(),
        sessions: z.number().int(),
        participants: z.number().int(),
      }),
    ),
    overdueEquipment: z.array(
      closed({
        venueName: z.string(),
        item: z.string(),
        reasons: z.array(z.enum(overdueReasons)),
      }),
    ),
  }).describe("Sports instructors' sessions in the period; equipment overdue as of the report"),
  nextPeriod: closed({
    name: z.string(),
    activities: z
      .array(closed({ activityId: z.string(), title: z.string(), category: Category, start: z.string() }))
      .describe('Activities that start in the next period'),
  }),
}).meta({ id: 'Report' });
