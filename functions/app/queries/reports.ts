import type { ReportModel } from '../../../domain/reports/report.js';
import type { Actor } from '../commands/execute.js';

/** Builds a plan's report of a period from the views (what the report function and the mailer build too). */
export interface ReportBuilder {
  build(community: string, planId: string, period: string): Promise<ReportModel>;
}

export interface ReportQueryDeps {
  readonly reports: ReportBuilder;
}

/** A plan's report of a period, as of now, in the reader's community. */
export const reportOf = (
  deps: ReportQueryDeps,
  reader: Actor,
  input: { readonly planId: string; readonly period: string },
): Promise<ReportModel> => deps.reports.build(reader.community, input.planId, input.period);
