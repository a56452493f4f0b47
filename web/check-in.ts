import { type components, isUlid, type Ulid, ulid } from '../client/index.js';
import { attempt, ledger, newKey, type Refusal } from './api.js';
import { h, pageData, show } from './dom.js';
import { t, timeOf } from './i18n.js';
import { claimsOf, currentToken, forgetToken, type SignIn, signInForm } from './session.js';

/**
 * The check-in page a sign-in sheet's QR code opens on a resident's phone: sign in once, see the
 * activity and your registration, check in with one tap, see the time it was recorded. The ticket
 * (`t` in the URL) proves the resident stood before this activity's sheet; its time is the server's.
 */
type Activity = components['schemas']['Activity'];

/** The page names its activity; an id the API did not issue stops here, before any call. */
const activityId: Ulid = ulid(pageData('activity')!);
const ticket = new URLSearchParams(location.search).get('t') ?? '';
const signIn = JSON.parse(pageData('signIn') ?? '{"kind":"development"}') as SignIn;
/** One key per visit: tapping twice, or again after a lost answer, checks in once. */
const attemptKey = sessionStorage.getItem(`ccl.check-in.${activityId}`) ?? newKey();
sessionStorage.setItem(`ccl.check-in.${activityId}`, attemptKey);

const status = (kind: 'ok' | 'warn' | 'error', text: string) =>
  h('p', { class: `status ${kind}`, role: 'status', 'data-status': kind }, text);

function signOutButton() {
  return h(
    'button',
    {
      class: 'link',
      type: 'button',
      onclick: () => {
        forgetToken();
        void start();
      },
    },
    t.signOut,
  );
}

function askToSignIn(why?: string) {
  show(
    h(
      'section',
      { class: 'card' },
      h('h1', {}, t.signInHeading),
      why ? status('warn', why) : null,
      h('p', {}, t.signInText),
      signInForm(signIn, 'resident', () => void start()),
    ),
  );
}

function card(activity: Activity, registered: boolean, ...rest: (Node | null)[]) {
  const zone = activity.timeZone;
  return h(
    'section',
    { class: 'card', 'data-activity': activity.activityId },
    h('h1', {}, activity.title),
    h('p', {}, t.window(timeOf(activity.window.start, zone), timeOf(activity.window.end, zone))),
    activity.venue ? h('p', {}, t.venue(activity.venue)) : null,
    activity.checkIn
      ? h(
          'p',
          { class: 'muted' },
          t.checkInOpen(timeOf(activity.checkIn.opens, zone), timeOf(activity.checkIn.closes, zone)),
        )
      : null,
    h('p', { class: 'registration' }, registered ? t.registered : t.notRegistered),
    ...rest,
    signOutButton(),
  );
}

/** What a refusal means to the resident, in plain words. */
function saying(refusal: Refusal, activity: Activity): string {
  const zone = activity.timeZone;
  switch (refusal.code) {
    case 'check-in-too-early':
      return t.tooEarly(timeOf(activity.checkIn?.opens ?? activity.window.start, zone));
    case 'check-in-too-late':
    case 'check-in-ticket-expired':
      return t.tooLate(timeOf(activity.checkIn?.closes ?? activity.window.end, zone));
    case 'check-in-ticket-invalid':
    case 'check-in-ticket-for-another-activity':
      return t.ticketInvalid;
    case 'check-in-ticket-stale':
      return t.ticketStale;
    case 'activity-cancelled':
      return t.cancelled;
    case 'offline':
      return t.offline;
    default:
      return t.failed(refusal.detail || refusal.code);
  }
}

async function participationIn(residentId: Ulid) {
  const answer = await attempt(() =>
    ledger.GET('/residents/{residentId}/participation', { params: { path: { residentId } } }),
  );
  return answer.ok ? answer.data.activities.find((a) => a.activityId === activityId) : undefined;
}

function done(activity: Activity, registered: boolean, heading: string, at: string | undefined) {
  show(
    card(
      activity,
      registered,
      h(
        'div',
        { class: 'done', 'data-checked-in': 'true' },
        h('p', { class: 'big' }, `✓ ${heading}`),
        at ? h('p', { class: 'time' }, t.recordedAt(timeOf(at, activity.timeZone))) : null,
      ),
    ),
  );
}

async function checkIn(activity: Activity, residentId: Ulid, registered: boolean) {
  const answer = await attempt(() =>
    ledger.POST('/activities/{activityId}/attendance', {
      params: { path: { activityId } },
      body: { residentId, method: 'qr', ticket },
      headers: { 'idempotency-key': attemptKey },
    }),
  );
  if (answer.ok || (!answer.ok && answer.refusal.code === 'already-attended')) {
    const row = await participationIn(residentId);
    done(activity, registered, answer.ok ? t.done : t.already, row?.attendedAt);
    return;
  }
  if (answer.refusal.status === 401) return askToSignIn(t.sessionEnded);
  const kind = answer.refusal.code === 'offline' ? 'warn' : 'error';
  ready(activity, residentId, registered, status(kind, saying(answer.refusal, activity)));
}

function ready(activity: Activity, residentId: Ulid, registered: boolean, notice?: Node) {
  const button = h(
    'button',
    {
      class: 'primary big',
      type: 'button',
      id: 'check-in',
      onclick: () => {
        button.disabled = true;
        void checkIn(activity, residentId, registered);
      },
    },
    notice ? t.retry : t.checkIn,
  );
  show(card(activity, registered, notice ?? null, button));
}

async function start() {
  const token = currentToken();
  if (!token) return askToSignIn();
  const claims = claimsOf(token)!;
  if (!claims.roles.includes('resident'))
    return show(
      h(
        'section',
        { class: 'card' },
        status('error', t.notResident),
        signInForm(signIn, 'resident', () => void start()),
      ),
    );
  show(h('p', { class: 'loading' }, t.loading));
  const activity = await attempt(() =>
    ledger.GET('/activities/{activityId}', { params: { path: { activityId } } }),
  );
  if (!activity.ok) {
    if (activity.refusal.status === 401) return askToSignIn(t.sessionEnded);
    return show(
      h('section', { class: 'card' }, status('error', t.failed(activity.refusal.detail)), signOutButton()),
    );
  }
  // A resident signs in as themself: their id is the token's `resident` claim (set by the deployment).
  const residentId = claims.resident;
  if (residentId === undefined || !isUlid(residentId))
    return show(h('section', { class: 'card' }, status('error', t.failed(t.notLinked)), signOutButton()));
  const row = await participationIn(residentId);
  const registered = row?.registered ?? false;
  if (row?.attended) return done(activity.data, registered, t.already, row.attendedAt);
  if (activity.data.status === 'cancelled')
    return show(card(activity.data, registered, status('error', t.cancelled)));
  const now = Date.now();
  const bounds = activity.data.checkIn;
  const early = bounds && now < Date.parse(bounds.opens);
  const late = bounds && now > Date.parse(bounds.closes);
  ready(
    activity.data,
    residentId,
    registered,
    early
      ? status('warn', saying({ status: 409, code: 'check-in-too-early', detail: '' }, activity.data))
      : late
        ? status('warn', saying({ status: 409, code: 'check-in-too-late', detail: '' }, activity.data))
        : undefined,
  );
}

void start();
