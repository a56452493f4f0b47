import type { ArticleKind, Category, Format, Verdict } from '../../events/index.js';
import type { ComplianceStatus } from '../compliance/compliance.js';
import type { OverdueReason } from '../equipment/standing.js';

/** A report's period, as its readers name it: `2026`, `2026-Q3` or `2026-07`. */
export type PeriodName =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number };

/** The state of a family-style round as a report shows it. */
export type RoundState = 'nominations-open' | 'scoring' | 'scoring-closed';

/**
 * Every word the renderings print, in one language. Typed: a catalogue that misses a key, or a
 * category, format or status added later, does not compile.
 */
export interface Messages {
  readonly category: Readonly<Record<Category, string>>;
  readonly format: Readonly<Record<Format, string>>;
  readonly status: Readonly<Record<ComplianceStatus, string>>;
  readonly roundState: Readonly<Record<RoundState, string>>;
  readonly articleKind: Readonly<Record<ArticleKind, string>>;
  readonly verdict: Readonly<Record<Verdict, string>>;
  period(name: PeriodName): string;
  readonly none: string;
  readonly report: {
    subject(communityName: string, period: string): string;
    intro(period: string, from: string, to: string, timeZone: string, asOf: string): string;
    readonly byCategory: string;
    readonly chartLegend: string;
    signIns(signIns: number, residents: number): string;
    /** The period's activities' registrations: places held, places on waitlists, cancelled. */
    registrations(registered: number, waitlisted: number, cancelled: number): string;
    readonly held: string;
    readonly heldColumns: {
      readonly date: string;
      readonly title: string;
      readonly category: string;
      readonly venue: string;
      readonly lecturer: string;
      readonly signIns: string;
      readonly summary: string;
    };
    readonly standing: string;
    readonly standingColumns: {
      readonly target: string;
      readonly period: string;
      readonly actual: string;
      readonly status: string;
    };
    was(status: string): string;
    readonly shortOfArticle: string;
    readonly familyStyle: string;
    round(title: string, state: string, nominations: number): string;
    leading(list: string): string;
    leaderScore(name: string, final: string): string;
    household(familyName: string, householdId: string): string;
    readonly goodDeeds: string;
    readonly sports: string;
    instructorLine(name: string, specialty: string, sessions: number, participants: number): string;
    readonly overdueEquipment: string;
    overdueLine(venue: string, item: string, reasons: string): string;
    readonly overdueReason: Readonly<Record<OverdueReason, string>>;
    plannedFor(period: string): string;
    plannedItem(date: string, title: string, category: string): string;
    ledger(through: string, commits: number, digest: string): string;
    readonly ledgerEmpty: string;
    readonly planned: string;
    readonly heldShort: string;
  };
  readonly signInSheet: {
    title(activityTitle: string): string;
    readonly date: string;
    readonly venue: string;
    readonly lecturer: string;
    readonly category: string;
    readonly organizer: string;
    readonly number: string;
    readonly name: string;
    readonly building: string;
    readonly signature: string;
    readonly time: string;
    readonly registered: (count: number, waitlisted: number) => string;
    /** A waitlisted resident's name on the sheet, marked as waiting for a place. */
    readonly onWaitlist: (name: string) => string;
    readonly scanToCheckIn: string;
    readonly erased: string;
  };
  readonly ledger: {
    title(planTitle: string, year: number): string;
    readonly activities: string;
    readonly trainingPlan: string;
    readonly summary: string;
    /** How many signed in (the sign-ins listed). */
    readonly signedIn: string;
    /** The organizer's headcount on the day, when it differs from the sign-ins. */
    readonly headcount: string;
    counted(headcount: number, signedIn: number): string;
    readonly signIns: string;
    readonly noSignIns: string;
    readonly articles: string;
    readonly author: string;
    readonly kind: string;
    readonly review: string;
    readonly written: string;
    readonly goodDeeds: string;
    readonly people: string;
    readonly notHeld: string;
  };
  /** Printed at the foot of every PDF page: `{page}` and `{pages}` are filled in by the printer. */
  footer(community: string): string;
  /** The email to a resident given a place from the waitlist. */
  readonly promotion: {
    subject(title: string): string;
    greeting(name: string): string;
    /** `when` is the window as the reader's dates say it; `venue` where there is one. */
    placeGiven(title: string, when: string, venue: string | undefined): string;
    readonly ifYouCannotCome: string;
  };
}
