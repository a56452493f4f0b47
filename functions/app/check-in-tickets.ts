import type { Window } from '../../events/index.js';
import { ApplicationError } from './errors.js';

/**
 * What a sign-in sheet's QR code carries: a ticket signed for one activity of one community and its
 * window, good until check-in closes (the window's end plus the plan's margin). A photographed sheet
 * is no use next week, and a ticket says nothing a resident could change.
 */
export interface CheckInTicket {
  readonly community: string;
  readonly activityId: string;
  readonly window: Window;
  /** When check-in closes: the ticket expires then. */
  readonly expires: string;
  /** The activity's time zone, to say that time in (a page that shows an expired ticket knows no more). */
  readonly timeZone: string;
}

/** A ticket read back: genuine and current, genuine but expired (it says when), or not ours at all. */
export type TicketReading =
  | { readonly status: 'valid'; readonly ticket: CheckInTicket }
  | { readonly status: 'expired'; readonly ticket: CheckInTicket }
  | { readonly status: 'invalid' };

/** The port: signs tickets for sheets (queries function), reads them at check-in (commands function, the page). */
export interface CheckInTickets {
  issue(ticket: CheckInTicket): Promise<string>;
  read(token: string, now: Date): Promise<TicketReading>;
}

/** What the tickets of a function are made of when it has no key (a function that neither prints nor checks in). */
export const noTickets: CheckInTickets = {
  issue: async () => {
    throw new Error('this function signs no check-in ticket');
  },
  read: async () => ({ status: 'invalid' }),
};

export const ticketErrors = {
  required: () =>
    new ApplicationError(
      'invalid-input',
      'check-in-ticket-required',
      "a qr check-in carries the ticket of the sign-in sheet's QR code (ticket)",
    ),
  invalid: () =>
    new ApplicationError(
      'forbidden',
      'check-in-ticket-invalid',
      'this check-in ticket was not issued by this ledger (a forged or damaged QR code)',
    ),
  expired: (expires: string) =>
    new ApplicationError(
      'forbidden',
      'check-in-ticket-expired',
      `this sign-in sheet's check-in closed at ${expires}`,
    ),
  otherActivity: () =>
    new ApplicationError(
      'forbidden',
      'check-in-ticket-for-another-activity',
      "this ticket is another activity's: scan the code on this activity's sheet",
    ),
};

/**
 * The ticket's facts when it is genuine, current and for this activity of this community; else the
 * refusal that says which it is not.
 */
export async function checkedTicket(
  tickets: CheckInTickets,
  token: string | undefined,
  expected: { readonly community: string; readonly activityId: string },
  now: Date,
): Promise<CheckInTicket> {
  if (!token) throw ticketErrors.required();
  const reading = await tickets.read(token, now);
  if (reading.status === 'invalid' || reading.ticket.community !== expected.community)
    throw ticketErrors.invalid();
  if (reading.ticket.activityId !== expected.activityId) throw ticketErrors.otherActivity();
  if (reading.status === 'expired') throw ticketErrors.expired(reading.ticket.expires);
  return reading.ticket;
}
