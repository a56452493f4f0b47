import type { CheckInTickets } from '../check-in-tickets.js';
import { appErrors } from '../errors.js';
import type { Clock } from '../ports.js';
import { isWebFile, type PageSignIn, type WebAssets, webFiles } from '../web-assets.js';

export interface PageDeps {
  readonly clock: Clock;
  readonly tickets: CheckInTickets;
  readonly webAssets: WebAssets;
  readonly pagesSignIn: PageSignIn;
}

/** What the check-in page opens with: whether its QR code's ticket is good, and how to sign in. */
export type CheckInPage =
  | { readonly ticket: 'valid'; readonly expires: string; readonly signIn: PageSignIn }
  | { readonly ticket: 'expired'; readonly expires: string; readonly timeZone: string }
  | { readonly ticket: 'invalid' | 'missing' | 'other-activity' };

/**
 * `GET /check-in/{activityId}?t=`: the ticket is read before anything is shown, so a forged or
 * expired QR code gets a clear page of its own rather than a sign-in that leads nowhere. (Public: the
 * page names no activity until its reader signs in.)
 */
export async function checkInPageOf(
  deps: PageDeps,
  _actor: unknown,
  input: { readonly activityId: string; readonly ticket: string | undefined },
): Promise<CheckInPage> {
  if (!input.ticket) return { ticket: 'missing' };
  const reading = await deps.tickets.read(input.ticket, deps.clock.now());
  if (reading.status === 'invalid') return { ticket: 'invalid' };
  if (reading.ticket.activityId !== input.activityId) return { ticket: 'other-activity' };
  if (reading.status === 'expired')
    return { ticket: 'expired', expires: reading.ticket.expires, timeZone: reading.ticket.timeZone };
  return { ticket: 'valid', expires: reading.ticket.expires, signIn: deps.pagesSignIn };
}

/** `GET /kiosk/{activityId}` and `GET /signed-in`: how their reader signs in. */
export async function pageSignInOf(deps: PageDeps): Promise<PageSignIn> {
  return deps.pagesSignIn;
}

/** `GET /web/{file}`: one of the pages' scripts or their stylesheet. */
export async function webAssetOf(deps: PageDeps, _actor: unknown, input: { readonly file: string }) {
  if (!isWebFile(input.file)) throw appErrors.notFound(`file ${input.file}`);
  const text = await deps.webAssets.read(input.file);
  if (text === undefined) throw appErrors.notFound(`file ${input.file} (not built in this deployment)`);
  return { text, contentType: webFiles[input.file].contentType };
}
