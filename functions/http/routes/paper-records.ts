import * as z from 'zod';
import { DEFAULT_LOCALE } from '../../../domain/reports/locale.js';
import { signInSheet } from '../../../domain/reports/sign-in-sheet.js';
import { wordingFor } from '../../../domain/reports/wording.js';
import { workLedger } from '../../../domain/reports/work-ledger.js';
import { roleSets } from '../../app/authorization.js';
import { signInSheetOf, workLedgerOf } from '../query-cases.js';
import { pdfAnswer, readerLocale } from '../renderings.js';
import { defineRoute } from '../route.js';
import { Id } from '../schemas.js';

/** Printed records carry residents' names: a PDF, for those who run and oversee the plan. */
const pdf = (description: string) => ({
  status: 200,
  description,
  contentType: 'application/pdf',
});

/** The paper records committees keep: sign-in sheets to take to an activity, the year's work ledger. */
export const paperRecordRoutes = [
  defineRoute({
    method: 'GET',
    path: '/activities/{activityId}/sign-in-sheet',
    operationId: 'getSignInSheet',
    summary:
      "The activity's printable sign-in sheet (签到表): particulars, registered residents with an empty signature column, a check-in QR code",
    tag: 'Activities',
    kind: 'query',
    roles: [...roleSets.staff],
    params: z.object({ activityId: Id }),
    response: pdf('The sign-in sheet (PDF), in the language of Accept-Language, else the plan’s'),
    async handle({ params, principal, headers }, deps) {
      const sheet = await signInSheetOf(deps, principal, { activityId: params.activityId });
      const locale = readerLocale(headers, sheet.planLocale ?? DEFAULT_LOCALE);
      const bytes = await deps.printer.print(signInSheet(sheet, wordingFor(locale, sheet.timeZone)));
      return pdfAnswer(bytes, `sign-in-sheet-${params.activityId}.pdf`, locale);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/plans/{planId}/ledger',
    operationId: 'getWorkLedger',
    summary:
      "The year's work ledger (台账) to print: every activity held with its record and sign-ins, then the members' articles and the good deeds",
    tag: 'Reports',
    kind: 'query',
    roles: [...roleSets.overseers],
    params: z.object({ planId: Id }),
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    response: pdf('The work ledger (PDF), in the language of Accept-Language, else the plan’s'),
    async handle({ params, query, principal, headers }, deps) {
      const ledger = await workLedgerOf(deps, principal, { planId: params.planId, year: query.year });
      const locale = readerLocale(headers, ledger.planLocale ?? DEFAULT_LOCALE);
      const bytes = await deps.printer.print(workLedger(ledger, wordingFor(locale, ledger.timeZone)));
      return pdfAnswer(bytes, `work-ledger-${query.year}.pdf`, locale);
    },
  }),
];
