/**
 * The kiosk's service worker (scope `/kiosk/`): it keeps the kiosk page and its files, so a tablet
 * whose network died reloads into a working kiosk. The network first, the kept copy when there is
 * none; it never answers for the API: a check-in is sent, or waits in the page's queue.
 */
import { KEEPING, OWN_FILES } from './kiosk-keep.js';

interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableEventLike extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const scope = self as unknown as WorkerScope;

/** The kiosk's own files: its pages and the scripts and stylesheet they load. */
const isOwnFile = (url: URL) =>
  url.origin === scope.location.origin &&
  (url.pathname.startsWith('/kiosk/') || url.pathname.startsWith('/web/'));

scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting()));
scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim()));

scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !isOwnFile(url) || event.request.headers.has(KEEPING)) return;
  event.respondWith(
    (async () => {
      const files = await caches.open(OWN_FILES);
      let answer: Response;
      try {
        answer = await fetch(event.request);
      } catch (error) {
        // The tablet's kept copy, whatever its request said: the page varies by Accept-Language and
        // Origin, and a reload's navigation need not carry the same headers as the fetch that kept it.
        const kept = await files.match(event.request, { ignoreSearch: true, ignoreVary: true });
        if (kept) return kept;
        throw error;
      }
      // Keeping a copy is a side task: the answer is the network's even when the copy fails to land.
      if (answer.ok) event.waitUntil(files.put(event.request, answer.clone()).catch(() => undefined));
      return answer;
    })(),
  );
});
