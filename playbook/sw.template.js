// Service worker written by `playbook build` (playbook/offline.py).
// Precaches the whole build under a cache named by its content hash; serves
// from that cache first, so the site works with the network cut. A new build
// installs beside the old one and takes over only when the reader accepts the
// update (or every tab of the old one is closed): never a mix of versions.
const VERSION = __VERSION__;
const COURSE = __COURSE__;
const FILES = __FILES__;
// One cache family per site scope: two courses served side by side never
// delete each other's caches.
const PREFIX = `playbook ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    // "no-cache": revalidate with the server (a 304 for what the page just
    // loaded), so a file is never taken stale from the HTTP cache nor
    // downloaded twice.
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "no-cache" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  if (event.data === "version" && event.source) event.source.postMessage({ version: VERSION });
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
      if (hit) return hit;
      if (request.mode === "navigate") {
        const url = new URL(request.url);
        if (!url.pathname.endsWith("/") && (await cache.match(url.pathname + "/"))) {
          // A folder asked for without its slash: redirect, as a web server does,
          // so that the page's relative links resolve.
          return Response.redirect(url.pathname + "/" + url.search, 301);
        }
      }
      return fetch(request);
    }),
  );
});
