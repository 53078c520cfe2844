// Service worker: once a page of the site has been opened, it opens again
// without a connection (a student finishing a survey on poor signal).
// Network first, so a deploy is seen at once; the cache is the fallback.
// The API is never cached: answers wait in the app's own outbox instead.
const CACHE = 'recovery-colleges-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The staff pages are never kept: they are for signed-in staff, online.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')
      || url.pathname === '/staff' || url.pathname.startsWith('/staff/')) {
    return;
  }
  // Every client route is one of three index pages (the survey and the
  // enquiry form have their own apps), so one cached copy of each serves
  // all their routes.
  const app = url.pathname.startsWith('/feedback/')
    ? '/feedback-app/index.html'
    : url.pathname === '/join' || url.pathname.startsWith('/join/')
      ? '/join-app/index.html'
      : '/index.html';
  const key = request.mode === 'navigate' ? app : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(() => caches.match(key).then((hit) => hit || Response.error())),
  );
});
