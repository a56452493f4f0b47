/** The kiosk's own files, kept on the tablet for a reload without network (web/kiosk-sw.ts serves them). */
export const OWN_FILES = 'ccl-kiosk-v1';
/** Marks the page's own keeping of its files, which its service worker leaves to the network. */
export const KEEPING = 'x-ccl-keeping';

/**
 * The page and its files, kept by the kiosk's service worker for a reload without network. A
 * service worker just installed may fail its first fetches, and a tablet's network blinks: keeping
 * them is tried again, backing off, until it lands, so the kiosk is never silently unkept.
 */
export async function keepOffline(attempt = 0): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    await navigator.serviceWorker.register('/web/kiosk-sw.js', { scope: '/kiosk/' });
    const files = await caches.open(OWN_FILES);
    // Fetched past the service worker (it lets a request marked as a keeping go to the network).
    const keeping = (path: string) => new Request(path, { headers: { [KEEPING]: '1' } });
    await files.addAll([location.pathname, '/web/kiosk.js', '/web/pages.css'].map(keeping));
  } catch {
    if (attempt < 8) setTimeout(() => void keepOffline(attempt + 1), 500 * 2 ** Math.min(attempt, 5));
  }
}
