import type { ReportModel } from '../../domain/reports/report.js';

/** A Q3 2026 report of a plan in Shanghai with nothing in it; tests fill in what they look at. */
export function reportModel(overrides: Partial<ReportModel> = {}): ReportModel {
  return {
    plan: { planId: 'P', title: 'Plan', communityName: 'Demo', timeZone: 'Asia/Shanghai', locale: 'zh-CN' },
    period: {
      name: '2026-Q3',
      kind: 'quarter',
      start: '2026-06-30T16:00:00.000Z',
      end: '2026-09-30T16:00:00.000Z',
    },
    asOf: '2026-10-01T00:00:00.000Z',
    ledger: { through: '2026-09-30T12:00:00.000Z', commits: 42, digest: 'a'.repeat(64) },
    categories: [],
    held: [],
    attendance: { signIns: 0, distinctResidents: 0 },
    registrations: { registered: 0, waitlisted: 0, cancelled: 0 },
    compliance: [],
    membersShortOfQualityArticle: [],
    rounds: [],
    goodDeeds: [],
    sports: { instructors: [], overdueEquipment: [] },
    nextPeriod: { name: '2026-Q4', activities: [] },
    ...overrides,
  };
}
