import type { Category, Format, Window } from '../../events/index.js';
import type { Printable } from './printable.js';
import type { Wording } from './wording.js';

/** What a sign-in sheet needs to know: the activity, and who registered for it. */
export interface SignInSheetInput {
  readonly communityName: string;
  readonly activity: {
    readonly activityId: string;
    readonly title: string;
    readonly category: Category;
    readonly format: Format;
    readonly window: Window;
    readonly venue?: string;
    readonly lecturer?: string;
    readonly organizerUnit?: string;
  };
  /** Registered residents; `name` is undefined once the resident was erased. */
  readonly registered: readonly SheetPerson[];
  /** The waitlist, first in line first: listed after the registered, marked as waiting. */
  readonly waitlisted: readonly SheetPerson[];
  /** What the QR code on the sheet holds: where a resident's phone checks them in. */
  readonly checkInLink: string;
}

export interface SheetPerson {
  readonly residentId: string;
  readonly name?: string;
  readonly building?: string;
}

/**
 * The sign-in sheet (签到表) organizers print and take to the activity: its particulars, every
 * registered resident with an empty signature column, then the waitlist in line order (marked 候补:
 * one may come in for a no-show), a page of rows for walk-ins, and a QR code to check in beside the
 * particulars on page 1.
 */
export function signInSheet(input: SignInSheetInput, w: Wording): Printable {
  const { t } = w;
  const s = t.signInSheet;
  const { activity } = input;
  // Building by building (3号楼 before 12号楼), as residents arrive from their homes, and by name
  // (pinyin for Chinese) within one; the erased last, as they cannot sign.
  const numeric = new Intl.Collator(w.locale, { numeric: true });
  const collator = new Intl.Collator(w.locale);
  const registered = [...input.registered].sort((a, b) =>
    a.name === undefined
      ? 1
      : b.name === undefined
        ? -1
        : (a.building === undefined ? 1 : 0) - (b.building === undefined ? 1 : 0) ||
          numeric.compare(a.building ?? '', b.building ?? '') ||
          collator.compare(a.name, b.name),
  );
  const particulars = [
    { label: s.date, value: w.span(activity.window.start, activity.window.end) },
    { label: s.category, value: `${t.category[activity.category]} · ${t.format[activity.format]}` },
    ...(activity.venue ? [{ label: s.venue, value: activity.venue }] : []),
    ...(activity.lecturer ? [{ label: s.lecturer, value: activity.lecturer }] : []),
    ...(activity.organizerUnit ? [{ label: s.organizer, value: activity.organizerUnit }] : []),
  ];
  return {
    title: s.title(activity.title),
    language: w.locale,
    footer: t.footer(input.communityName),
    blocks: [
      // The printer heads the page with the title ("<activity> 签到表").
      { kind: 'paragraph', text: input.communityName, muted: true },
      // The QR code beside the particulars: on page 1, where everyone arriving sees it.
      { kind: 'fields', rows: particulars, qr: { data: input.checkInLink, caption: s.scanToCheckIn } },
      { kind: 'paragraph', text: s.registered(registered.length, input.waitlisted.length), muted: true },
      {
        kind: 'table',
        columns: [
          { label: s.number, width: 1 },
          { label: s.name, width: 3 },
          { label: s.building, width: 2 },
          { label: s.signature, width: 4 },
          { label: s.time, width: 2 },
        ],
        rows: [
          ...registered.map((r) => ({ name: r.name ?? s.erased, building: r.building })),
          ...input.waitlisted.map((r) => ({ name: s.onWaitlist(r.name ?? s.erased), building: r.building })),
        ].map((r, i) => [String(i + 1), r.name, r.building ?? '', '', '']),
        rowHeight: 28,
        // Walk-ins: at least a page of empty rows, however many registered.
        blankRows: 'page',
      },
    ],
  };
}
