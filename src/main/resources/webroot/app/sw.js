// The app's service worker. The server puts VERSION and SHELL (the files to keep) above this line.
const CACHE = `agritrace-${VERSION}`;
const CATALOGUES = ['/api/v1/messages/zh', '/api/v1/messages/en'];
// Files too large for the shell (the QR decoder of phones without BarcodeDetector), kept on first
// use. Their names carry their version, so this cache outlives new shells.
const VENDOR = 'vendor';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll([...SHELL, ...CATALOGUES].map((url) => new Request(url, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith('agritrace-') && key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

// The shell and the catalogues come from the cache (the phone may have no network); everything
// else, the API above all, goes to the network: the app keeps its own data in IndexedDB.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/app/vendor/')) {
    event.respondWith(vendored(event.request));
    return;
  }
  const shell = url.pathname.startsWith('/app/') || CATALOGUES.includes(url.pathname);
  if (!shell) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const key = url.pathname === '/app/' || url.pathname === '/app/index.html' ? './' : event.request;
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
    const answer = await fetch(event.request);
    if (answer.ok && CATALOGUES.includes(url.pathname)) cache.put(event.request, answer.clone());
    return answer;
  }));
});

/** A vendored file from the cache, else from the network, kept for next time (offline too). */
async function vendored(request) {
  const cache = await caches.open(VENDOR);
  const hit = await cache.match(request);
  if (hit) return hit;
  const answer = await fetch(request);
  if (answer.ok) cache.put(request, answer.clone());
  return answer;
}
