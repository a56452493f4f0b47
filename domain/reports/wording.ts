import type { Locale } from './locale.js';
import { en } from './messages.en.js';
import type { Messages, PeriodName } from './messages.js';
import { zhCN } from './messages.zh-CN.js';

export const catalogues: Readonly<Record<Locale, Messages>> = { 'zh-CN': zhCN, en };

/** `2026`, `2026-Q3`, `2026-07` as the catalogue's period shape (the period was validated before). */
export function periodNameOf(period: string): PeriodName {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  if (rest === '') return { kind: 'year', year };
  if (rest.startsWith('Q')) return { kind: 'quarter', year, quarter: Number(rest.slice(1)) };
  return { kind: 'month', year, month: Number(rest) };
}

/**
 * The words and the clock of one reader: a catalogue, and instants shown as local dates in the
 * plan's time zone (never UTC), with the time only when it is not midnight.
 */
export interface Wording {
  readonly locale: Locale;
  readonly timeZone: string;
  readonly t: Messages;
  /** An instant's local day: `2026年7月3日`, `July 3, 2026`. */
  date(iso: string): string;
  /** An instant's local day and time (24 h), the time left out at midnight. */
  dateTime(iso: string): string;
  /**
   * A window, its day said once: `2026年12月15日 19:00–20:30` on one day, `2026年4月20日 –
   * 2026年4月30日` for whole days, both days and times otherwise.
   */
  span(startIso: string, endIso: string): string;
  /** A period's name: `2026年第三季度`, `Q3 2026`. */
  period(period: string): string;
}

export function wordingFor(locale: Locale, timeZone: string): Wording {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const t = catalogues[locale];
  return {
    locale,
    timeZone,
    t,
    date: (iso) => day.format(new Date(iso)),
    dateTime(iso) {
      const at = new Date(iso);
      const clock = time.format(at);
      return clock === '00:00' ? day.format(at) : `${day.format(at)} ${clock}`;
    },
    span(startIso, endIso) {
      const [start, end] = [new Date(startIso), new Date(endIso)];
      const [from, to] = [day.format(start), day.format(end)];
      const [opens, closes] = [time.format(start), time.format(end)];
      // A window of whole days ends at 23:59:59.999 of its last day.
      if (opens === '00:00' && closes === '23:59') return from === to ? from : `${from} – ${to}`;
      if (from === to) return `${from} ${opens}–${closes}`;
      return `${from} ${opens} – ${to} ${closes}`;
    },
    period: (period) => t.period(periodNameOf(period)),
  };
}
