import type { ActivityEvent, Window } from '../../events/index.js';
import type { DomainError } from '../shared/errors.js';
import { activityErrors } from './activity.errors.js';

/** A plan's `checkInMarginMinutes` when it names none (plans created before the setting existed). */
export const DEFAULT_CHECK_IN_MARGIN_MINUTES = 30;
/** A kiosk's queued scan is accepted however late it arrives, up to this long after it was made. */
export const MAX_SCAN_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** A device's clock may run a little ahead of the server's; a scan dated further ahead is refused. */
export const SCAN_CLOCK_SKEW_MS = 5 * 60 * 1000;

const MINUTE_MS = 60_000;

/** From when until when a check-in is accepted: the window, widened by the margin on both sides. */
export interface CheckInBounds {
  readonly opens: string;
  readonly closes: string;
}

export function checkInBounds(window: Window, marginMinutes: number): CheckInBounds {
  return {
    opens: new Date(Date.parse(window.start) - marginMinutes * MINUTE_MS).toISOString(),
    closes: new Date(Date.parse(window.end) + marginMinutes * MINUTE_MS).toISOString(),
  };
}

/** How a sign-in is made: a resident's own or an organizer's entry (timed by the server), or a kiosk's scan (timed by the device). */
export interface CheckIn {
  readonly method: 'qr' | 'kiosk' | 'organizer';
  /** When the check-in happened: the server's clock, or the kiosk's scan time. */
  readonly at: string;
  /** The server's clock when the command is decided. */
  readonly now: string;
  /** An organizer's correction records a sign-in outside the bounds, and says so. */
  readonly correction?: { readonly reason: string };
  /** A `qr` check-in's ticket was signed for this window: a rescheduled activity needs a new sheet. */
  readonly ticketWindow?: Window;
}

/**
 * Why a check-in is refused at this activity's window (undefined: accepted). A kiosk's scan is
 * judged by its scan time, not by when it reached the server, as long as it is no older than seven
 * days and not dated ahead of the server's clock; an organizer's correction is judged by nothing
 * but that it is not in the future.
 */
export function checkInProblem(
  checkIn: CheckIn,
  window: Window,
  marginMinutes: number,
): DomainError | undefined {
  const at = Date.parse(checkIn.at);
  const now = Date.parse(checkIn.now);
  if (checkIn.ticketWindow)
    if (checkIn.ticketWindow.start !== window.start || checkIn.ticketWindow.end !== window.end)
      return activityErrors.ticketForAnotherWindow();
  if (checkIn.method === 'kiosk' || checkIn.correction) {
    if (at > now + SCAN_CLOCK_SKEW_MS) return activityErrors.checkInInFuture(checkIn.at, checkIn.now);
  }
  if (checkIn.correction) return undefined;
  if (checkIn.method === 'kiosk' && at < now - MAX_SCAN_AGE_MS) return activityErrors.scanTooOld(checkIn.at);
  const bounds = checkInBounds(window, marginMinutes);
  if (at < Date.parse(bounds.opens)) return activityErrors.checkInTooEarly(bounds.opens, checkIn.at);
  if (at > Date.parse(bounds.closes)) return activityErrors.checkInTooLate(bounds.closes, checkIn.at);
  return undefined;
}

/** The sign-in a check-in records, or why it is refused (whether the resident is known and already in is the caller's). */
export function decideCheckIn(
  checkIn: CheckIn & { readonly residentId: string },
  window: Window,
  marginMinutes: number,
): DomainError | ActivityEvent[] {
  const problem = checkInProblem(checkIn, window, marginMinutes);
  if (problem) return problem;
  const { residentId, method, at, correction } = checkIn;
  return [
    {
      type: 'ResidentAttended',
      data: { residentId, method, at, ...(correction ? { correction: { reason: correction.reason } } : {}) },
    },
  ];
}

/**
 * Why `held` cannot be recorded for this day or instant (undefined: it can). `[from, until)` is the
 * held day when only a date was given, else the instant itself: it may not end before the window
 * starts, nor start after now.
 */
export function heldProblem(heldOn: string, heldUntil: string | undefined, window: Window, now: string) {
  const from = Date.parse(heldOn);
  const lastInstant = heldUntil ? Date.parse(heldUntil) - 1 : from;
  if (lastInstant < Date.parse(window.start)) return activityErrors.heldBeforeWindow(window.start);
  if (from > Date.parse(now)) return activityErrors.heldInFuture(now);
  return undefined;
}
