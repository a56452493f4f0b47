import { type components, type Ulid, ulid } from '../client/index.js';
import { attempt, ledger, newKey } from './api.js';
import { h, pageData, show } from './dom.js';
import { t, timeOf } from './i18n.js';
import { keepOffline } from './kiosk-keep.js';
import { type Scan, ScanQueue } from './kiosk-queue.js';
import { sendScan } from './kiosk-send.js';
import { claimsOf, currentToken, forgetToken, type SignIn, signInForm } from './session.js';

/**
 * The kiosk at the door, on an organizer's tablet: signed in once, it lists the registered residents
 * (and finds one by a few characters of their name); a tap checks one in, a walk-in is added by name
 * and household. Every scan is queued on the device with its time and key and sent when it can be:
 * the network may be gone all evening. It keeps itself (page and scripts) in a service worker, so a
 * reload offline still opens it.
 */
type Kiosk = components['schemas']['Kiosk'];

/** The page names its activity; an id the API did not issue stops here, before any call. */
const activityId: Ulid = ulid(pageData('activity')!);
const signIn = JSON.parse(pageData('signIn') ?? '{"kind":"development"}') as SignIn;
const queue = new ScanQueue(localStorage, activityId);
const ROSTER = `ccl.kiosk.${activityId}.roster`;
let kiosk: Kiosk | undefined = JSON.parse(localStorage.getItem(ROSTER) ?? 'null') ?? undefined;
let filter = '';
let signedOut = false;

/** Who this device has checked in (sent or still waiting), beside who the ledger had when loaded. */
const pendingIds = () =>
  new Set(
    queue.scans().flatMap((s) => (s.kind === 'attend' ? [s.residentId] : s.residentId ? [s.residentId] : [])),
  );

function scanOf(resident: { residentId: string; name?: string }): Scan {
  return {
    kind: 'attend',
    id: newKey(),
    residentId: resident.residentId,
    name: resident.name ?? t.erased,
    at: new Date().toISOString(),
    key: newKey(),
  };
}

function record(scan: Scan) {
  queue.add(scan);
  if (kiosk && scan.kind === 'attend')
    kiosk = {
      ...kiosk,
      registered: kiosk.registered.map((r) =>
        r.residentId === scan.residentId ? { ...r, checkedIn: true } : r,
      ),
    };
  if (kiosk) localStorage.setItem(ROSTER, JSON.stringify(kiosk));
  render();
  void flush();
}

function peopleList(data: Kiosk) {
  const pending = pendingIds();
  const wanted = filter.trim().toLowerCase();
  const shown = data.registered.filter((r) => !wanted || (r.name ?? '').toLowerCase().includes(wanted));
  if (shown.length === 0) return h('p', { class: 'muted' }, t.nobodyFound);
  return h(
    'ul',
    { class: 'people' },
    ...shown.map((r) => {
      const done = r.checkedIn || pending.has(r.residentId);
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: done ? 'in' : '',
            'data-resident': r.residentId,
            disabled: done,
            onclick: () => record(scanOf(r)),
          },
          h('span', { class: 'who' }, r.name ?? t.erased),
          h(
            'span',
            { class: 'where' },
            done ? `✓ ${t.checkedIn}` : (r.building ?? r.householdId ?? t.tapToCheckIn),
          ),
        ),
      );
    }),
  );
}

function walkInForm() {
  const name = h('input', { id: 'walk-in-name', autocomplete: 'off', maxlength: 100 });
  const household = h('input', { id: 'walk-in-household', autocomplete: 'off', maxlength: 64 });
  return h(
    'form',
    {
      class: 'card walk-in',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!name.value.trim() || !household.value.trim()) return;
        record({
          kind: 'walk-in',
          id: newKey(),
          name: name.value.trim(),
          householdId: household.value.trim(),
          at: new Date().toISOString(),
          enrolKey: newKey(),
          attendKey: newKey(),
        });
      },
    },
    h('h2', {}, t.walkIn),
    h('label', { for: 'walk-in-name' }, t.walkInName),
    name,
    h('label', { for: 'walk-in-household' }, t.walkInHousehold),
    household,
    h('button', { class: 'primary', type: 'submit' }, t.walkInAdd),
  );
}

function render() {
  if (!kiosk) return;
  const data = kiosk;
  const zone = data.activity.timeZone;
  const waiting = queue.waiting;
  const search = h('input', {
    id: 'search',
    type: 'search',
    placeholder: t.search,
    value: filter,
    autocomplete: 'off',
    oninput: (event: Event) => {
      filter = (event.target as HTMLInputElement).value;
      document.getElementById('people')!.replaceChildren(peopleList(data));
    },
  });
  const walkIns = queue.scans().filter((s) => s.kind === 'walk-in');
  show(
    h(
      'div',
      { class: 'kiosk-bar' },
      h(
        'span',
        { class: navigator.onLine ? 'pill' : 'pill offline', id: 'network' },
        navigator.onLine ? t.onlineNow : t.offlineNow,
      ),
      h('span', { class: 'pill', id: 'waiting', 'data-waiting': String(waiting) }, t.waiting(waiting)),
    ),
    h(
      'section',
      { class: 'card' },
      h('h1', {}, data.activity.title),
      h(
        'p',
        { class: 'muted' },
        t.checkInOpen(timeOf(data.checkIn.opens, zone), timeOf(data.checkIn.closes, zone)),
      ),
      h('p', { class: 'muted' }, t.registeredCount(data.registered.length)),
      search,
      h('div', { id: 'people' }, peopleList(data)),
      ...walkIns.map((s) => h('p', { class: 'status warn' }, `${s.name} · ${t.walkIn}`)),
    ),
    walkInForm(),
    ...queue
      .refused()
      .map((r) => h('p', { class: 'status error' }, t.sentFailed(r.scan.name, r.detail || r.code))),
    h('button', { class: 'link', type: 'button', onclick: signOut }, t.signOut),
  );
  if (filter) (document.getElementById('search') as HTMLInputElement).focus();
}

function signOut() {
  forgetToken();
  signedOut = true;
  void start();
}

async function flush() {
  const stopped = await queue.flush((scan) => sendScan(activityId, scan));
  render();
  if (stopped === 'unauthorized') askToSignIn(t.sessionEnded);
  if (stopped === 'done' && queue.waiting === 0) void refresh();
}

/** The ledger's list, when the network lets it: who registered, who is in. */
async function refresh() {
  const answer = await attempt(() =>
    ledger.GET('/activities/{activityId}/kiosk', { params: { path: { activityId } } }),
  );
  if (answer.ok) {
    kiosk = answer.data;
    localStorage.setItem(ROSTER, JSON.stringify(kiosk));
    render();
  } else if (answer.refusal.status === 401 || answer.refusal.status === 403) askToSignIn(t.sessionEnded);
  return answer.ok;
}

function askToSignIn(why?: string) {
  show(
    h(
      'section',
      { class: 'card' },
      h('h1', {}, t.kiosk),
      why ? h('p', { class: 'status warn' }, why) : null,
      h('p', {}, t.kioskSignInText),
      queue.waiting > 0 ? h('p', { class: 'status warn' }, t.waiting(queue.waiting)) : null,
      signInForm(signIn, 'organizer', () => void start()),
    ),
  );
}

async function start() {
  const token = currentToken();
  const claims = token ? claimsOf(token) : undefined;
  if (!claims?.roles.some((r) => r === 'organizer' || r === 'admin'))
    return askToSignIn(signedOut || !token ? undefined : t.sessionEnded);
  if (kiosk) render();
  else show(h('p', { class: 'loading' }, navigator.onLine ? t.loading : t.needsReload));
  if (navigator.onLine) {
    await keepOffline();
    if (queue.waiting === 0) await refresh();
  }
  void flush();
}

// The network coming back sends what waits; a slow trickle of retries covers what `online` misses.
window.addEventListener('online', () => void flush());
window.addEventListener('offline', render);
setInterval(() => {
  if (queue.waiting > 0 && currentToken()) void flush();
}, 5_000);
void start();
