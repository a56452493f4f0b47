import type { ArticleKind, Category, Format, Verdict } from '../../events/index.js';
import type { Printable, PrintBlock } from './printable.js';
import type { Wording } from './wording.js';

/** One activity of the year as the ledger records it: its particulars, its record and its sign-ins. */
export interface LedgerActivity {
  readonly title: string;
  readonly category: Category;
  readonly format: Format;
  readonly heldOn: string;
  readonly venue?: string;
  readonly lecturer?: string;
  readonly trainingPlan?: string;
  readonly summary: string;
  readonly headcount?: number;
  /** Who signed in and when; `name` is undefined once the resident was erased. */
  readonly signIns: readonly { readonly name?: string; readonly at: string }[];
}

export interface WorkLedgerInput {
  readonly communityName: string;
  readonly planTitle: string;
  readonly year: number;
  readonly activities: readonly LedgerActivity[];
  readonly articles: readonly {
    readonly title: string;
    readonly kind: ArticleKind;
    readonly author?: string;
    /** The day it was written (its first instant in the plan's zone). */
    readonly writtenAt: string;
    readonly verdict?: Verdict;
  }[];
  readonly goodDeeds: readonly {
    readonly title: string;
    readonly date: string;
    readonly people: readonly string[];
  }[];
}

/**
 * The year's work ledger (台账) as committees keep it on paper for inspections: one section per
 * activity held with its record and sign-ins, then the members' articles and the good deeds.
 */
export function workLedger(input: WorkLedgerInput, w: Wording): Printable {
  const { t } = w;
  const l = t.ledger;
  const erased = t.signInSheet.erased;
  const activity = (a: LedgerActivity, index: number): PrintBlock[] => [
    { kind: 'heading', level: 3, text: `${index + 1}. ${a.title}` },
    {
      kind: 'fields',
      rows: [
        { label: t.signInSheet.date, value: w.dateTime(a.heldOn) },
        { label: t.signInSheet.category, value: `${t.category[a.category]} · ${t.format[a.format]}` },
        ...(a.venue ? [{ label: t.signInSheet.venue, value: a.venue }] : []),
        ...(a.lecturer ? [{ label: t.signInSheet.lecturer, value: a.lecturer }] : []),
        ...(a.trainingPlan ? [{ label: l.trainingPlan, value: a.trainingPlan }] : []),
        { label: l.summary, value: a.summary },
        // The sign-ins listed below, counted; an organizer's own headcount only beside it, said as
        // such, when it differs (people who came without signing in): never one number for the other.
        { label: l.signedIn, value: String(a.signIns.length) },
        ...(a.headcount !== undefined && a.headcount !== a.signIns.length
          ? [{ label: l.headcount, value: l.counted(a.headcount, a.signIns.length) }]
          : []),
      ],
    },
    a.signIns.length === 0
      ? { kind: 'paragraph', text: l.noSignIns, muted: true }
      : {
          kind: 'table',
          columns: [
            { label: t.signInSheet.number, width: 1 },
            { label: t.signInSheet.name, width: 3 },
            { label: t.signInSheet.time, width: 3 },
          ],
          rows: a.signIns.map((s, i) => [String(i + 1), s.name ?? erased, w.dateTime(s.at)]),
        },
  ];
  return {
    title: l.title(input.planTitle, input.year),
    language: w.locale,
    footer: t.footer(input.communityName),
    blocks: [
      // The printer heads the first page with the title.
      { kind: 'paragraph', text: input.communityName, muted: true },
      { kind: 'heading', level: 2, text: l.activities },
      ...(input.activities.length === 0
        ? [{ kind: 'paragraph' as const, text: t.none, muted: true }]
        : input.activities.flatMap(activity)),
      { kind: 'page-break' },
      { kind: 'heading', level: 2, text: l.articles },
      {
        kind: 'table',
        columns: [
          { label: t.report.heldColumns.title, width: 4 },
          { label: l.kind, width: 2 },
          { label: l.author, width: 2 },
          { label: l.written, width: 2 },
          { label: l.review, width: 2 },
        ],
        rows: input.articles.map((a) => [
          a.title,
          t.articleKind[a.kind],
          a.author ?? erased,
          w.date(a.writtenAt),
          a.verdict ? t.verdict[a.verdict] : '',
        ]),
      },
      { kind: 'heading', level: 2, text: l.goodDeeds },
      {
        kind: 'table',
        columns: [
          { label: t.signInSheet.date, width: 2 },
          { label: t.report.heldColumns.title, width: 4 },
          { label: l.people, width: 4 },
        ],
        rows: input.goodDeeds.map((d) => [w.date(d.date), d.title, d.people.join('、')]),
      },
    ],
  };
}
