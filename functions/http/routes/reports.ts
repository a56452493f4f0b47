import * as z from 'zod';
import { renderCsv, renderHtml, renderText } from '../../../domain/reports/render.js';
import { reportPrintable } from '../../../domain/reports/report-printable.js';
import { wordingFor } from '../../../domain/reports/wording.js';
import { Recipient } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import { commitMetadataOf } from '../../app/commit-metadata.js';
import { encodePosition } from '../../app/position.js';
import { reportOf } from '../query-cases.js';
import { acceptedType, pdfAnswer, readerLocale, textAnswer } from '../renderings.js';
import { defineRoute, type RouteResponse } from '../route.js';
import { Id, Period } from '../schemas.js';
import { ReportAnswer } from './report-answer.js';

const renderings = ['application/json', 'text/html', 'text/plain', 'text/csv', 'application/pdf'] as const;

const Params = z.object({ planId: Id });
const PeriodQuery = z.object({ period: Period });

export const reportRoutes = [
  defineRoute({
    method: 'GET',
    path: '/reports/{planId}',
    operationId: 'getReport',
    summary:
      "The report of a period: JSON, or for people (in the language of Accept-Language, else the plan's) the email's HTML or text, a CSV, a PDF",
    tag: 'Reports',
    kind: 'query',
    roles: [...roleSets.overseers],
    params: Params,
    query: PeriodQuery,
    response: {
      status: 200,
      description: 'The report',
      schema: ReportAnswer,
      alternatives: [
        { contentType: 'text/html', description: 'With `Accept: text/html`: the page leaders receive' },
        { contentType: 'text/plain', description: "With `Accept: text/plain`: the email's text part" },
        { contentType: 'text/csv', description: 'With `Accept: text/csv`: the figures, for a spreadsheet' },
        {
          contentType: 'application/pdf',
          description: 'With `Accept: application/pdf`: the report to print',
        },
      ],
    },
    async handle({ params, query, principal, headers }, deps): Promise<RouteResponse> {
      const report = await reportOf(deps, principal, { planId: params.planId, period: query.period });
      const type = acceptedType(headers, renderings, 'application/json');
      if (type === 'application/json') return { status: 200, body: report };
      if (type === 'text/csv') {
        return {
          status: 200,
          text: renderCsv(report),
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="report-${query.period}.csv"`,
          },
        };
      }
      const locale = readerLocale(headers, report.plan.locale);
      const wording = wordingFor(locale, report.plan.timeZone);
      if (type === 'text/html') return textAnswer(renderHtml(report, wording), 'text/html', locale);
      if (type === 'text/plain') return textAnswer(renderText(report, wording), 'text/plain', locale);
      const pdf = await deps.printer.print(reportPrintable(report, wording));
      return pdfAnswer(pdf, `report-${query.period}.pdf`, locale);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/reports/{planId}/send',
    operationId: 'sendReport',
    summary: 'Send the report of a period now to the leader and deputies (once per recipient)',
    tag: 'Reports',
    kind: 'command',
    roles: ['admin'],
    params: Params,
    query: PeriodQuery,
    response: {
      status: 201,
      description: 'Sent (200: everyone had it already)',
      schema: z.object({
        id: z.string(),
        streamId: z.string(),
        version: z.number(),
        events: z.array(z.object({ eventId: z.string(), type: z.string() })),
        position: z.string(),
        sentTo: z
          .array(Recipient)
          .describe(
            'whom it went to: the organizing-group entries, by resident or person id (never an address)',
          ),
        alreadySent: z.boolean(),
      }),
    },
    async handle(request, deps) {
      const { params, query, principal } = request;
      const delivery = await deps.sendReport({
        community: principal.community,
        planId: params.planId,
        period: query.period,
        trigger: 'manual',
        metadata: commitMetadataOf(request),
      });
      return {
        status: delivery.alreadySent ? 200 : 201,
        body: {
          id: `${params.planId}-${query.period}`,
          streamId: delivery.streamId,
          version: delivery.version,
          events: delivery.events,
          position: encodePosition({ streamId: delivery.streamId, version: delivery.version }),
          sentTo: delivery.sentTo,
          alreadySent: delivery.alreadySent,
        },
      };
    },
  }),
];
