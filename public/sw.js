// Service worker: once a page of the site has been opened, it opens again
// without a connection (a student finishing a survey on poor signal), and
// on a connection that hangs rather than fails ("lie-fi") it opens within
// a few seconds instead of waiting for the network to give up.
//
// - Files with a content hash in their name never change: cache first.
// - Pages (navigations) and other files: the network, but only for
//   TIMEOUT_MS; then the copy kept here, so a deploy is still seen at once
//   when the network answers.
// - The API is never cached: answers wait in the app's own outbox instead.
// - Each build has its own cache. The server writes the build's id into
//   this file, so a new build installs a new worker, which keeps the new
//   build's app pages and files and deletes the old builds' caches.
const BUILD = '__BUILD__';
const PREFIX = 'recovery-colleges-';
const CACHE = PREFIX + BUILD;
const TIMEOUT_MS = 3000;
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/;
// Every page address and its app's index.html, from the routes table
// (api::routes), written in by the server; the staff side is never kept.
// An app's kept index.html draws any of its routes offline.
const ROUTES = __ROUTES__;
const APPS = [...new Set(ROUTES.map(([, app]) => app))];

self.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all([caches.open(CACHE), appsInUse()])
      .then(([cache, apps]) => Promise.all([...apps].map((app) => keepApp(cache, app))))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

// The apps this person uses: those of the pages open now, and those an
// older build kept. Only their files are kept at install (mostly from the
// browser's own cache, as the page has just loaded them), so a first visit
// opens again offline and a deploy does not lose that; no one downloads
// an app they have not opened.
async function appsInUse() {
  const apps = new Set();
  const open = await self.clients.matchAll({ includeUncontrolled: true, type: 'window' });
  for (const client of open) {
    const path = new URL(client.url).pathname;
    const app = appOf(path);
    if (app) apps.add(app);
  }
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    for (const app of APPS) {
      if (await old.match(app)) apps.add(app);
    }
  }
  return apps;
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

// Keeps an app's page and the hashed files it names (its wasm, JS, CSS).
async function keepApp(cache, app) {
  const response = await fetch(app, { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(app, response);
  const files = new Set();
  for (const match of html.matchAll(/["'](\/[^"'\s]+)["']/g)) {
    if (HASHED.test(match[1])) files.add(match[1]);
  }
  await Promise.all([...files].map((file) => cache.match(file).then((hit) => hit || cache.add(file))));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The staff pages are never kept: they are for signed-in staff, online.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')
      || url.pathname === '/staff' || url.pathname.startsWith('/staff/') || url.pathname === '/sw.js') {
    return;
  }
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
    return;
  }
  const fallback = request.mode === 'navigate' ? appOf(url.pathname) : null;
  event.respondWith(networkWithTimeout(request, fallback));
});

// The app that draws `pathname`, as api::routes::app_of decides: a route's
// app, else the app whose prefix (`/feedback/*`) it is under, else the
// public app (its not-found page); null for a page never kept (staff).
function appOf(pathname) {
  if (pathname === '/staff' || pathname.startsWith('/staff/')) return null;
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  const have = path.split('/');
  for (const [pattern, app] of ROUTES) {
    if (pattern.endsWith('*')) {
      if (pathname.startsWith(pattern.slice(0, -1))) return app;
      continue;
    }
    const want = pattern.split('/');
    if (want.length === have.length && want.every((w, i) => w === have[i] || (w.startsWith(':') && have[i] !== ''))) {
      return app;
    }
  }
  return '/index.html';
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

// The network's answer if it comes within TIMEOUT_MS (kept for next
// time), else the kept copy of this address, else of its app's page; if
// nothing is kept, the network's answer whenever it comes.
async function networkWithTimeout(request, fallback) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((response) => {
    if (response.ok) {
      cache.put(request, response.clone());
    }
    return response;
  });
  const kept = () => cache.match(request, { ignoreSearch: request.mode === 'navigate' })
    .then((hit) => hit || (fallback ? cache.match(fallback) : undefined));
  const timeout = new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS, 'timeout'));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== 'timeout') return first;
    return (await kept()) || (await network);
  } catch (error) {
    const hit = await kept();
    if (hit) return hit;
    throw error;
  }
}
