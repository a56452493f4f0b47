import type { Category, Format, Window } from '../../events/index.js';
import type { Printable } from '../printing/printable.js';
import type { Wording } from './i18n/wording.js';

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

/** Empty ruled rows for those who come without registering. */
const WALK_IN_ROWS = 10;

/**
 * The sign-in sheet (签到表) organizers print and take to the activity: its particulars, every
 * registered resident with an empty signature column, then the waitlist in line order (marked 候补:
 * one may come in for a no-show), room for walk-ins, and a QR code to check in.
 */
export function signInSheet(input: SignInSheetInput, w: Wording): Printable {
  const { t } = w;
  const s = t.signInSheet;
  const { activity } = input;
  // In the reader's alphabetical order (pinyin for Chinese), as a sheet at the door is searched;
  // the erased last, as they cannot sign.
  const collator = new Intl.Collator(w.locale);
  const registered = [...input.registered].sort((a, b) =>
    a.name === undefined ? 1 : b.name === undefined ? -1 : collator.compare(a.name, b.name),
  );
  const particulars = [
    { label: s.date, value: `${w.dateTime(activity.window.start)} – ${w.dateTime(activity.window.end)}` },
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
      { kind: 'fields', rows: particulars },
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
        blankRows: WALK_IN_ROWS,
      },
      { kind: 'qr', data: input.checkInLink, caption: s.scanToCheckIn },
    ],
  };
}
