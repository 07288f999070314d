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

self.addEventListener("install", (event) => event.waitUntil(precache()));

// Every file of the build, a few at a time, telling the site's open pages how
// far it is ({type: "precache", done, total} in bytes, from SIZES), and holding
// off while a page's calculator is starting (it says "hold", then "release"),
// so that the two never share the link. "no-cache": revalidate with the server
// (a 304 for what the page just loaded), so a file is never taken stale from
// the HTTP cache nor downloaded twice. A file that fails fails the install
// (the browser tries again on a later visit), as addAll would.
const SIZES = __SIZES__;
const holds = new Set(); // ids of the pages holding the precache back
let wake = () => {};

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type !== "hold" && type !== "release") return;
  if (type === "hold" && event.source) holds.add(event.source.id);
  else if (event.source) holds.delete(event.source.id);
  if (!holds.size) wake();
});

async function heldBack() {
  while (holds.size) {
    for (const id of holds) if (!(await self.clients.get(id))) holds.delete(id); // a page closed meanwhile
    if (holds.size) await new Promise((resolve) => ((wake = resolve), setTimeout(resolve, 2000)));
  }
}

async function precache() {
  const cache = await caches.open(CACHE);
  const total = SIZES.reduce((sum, size) => sum + size, 0);
  let done = 0;
  let toldAt = 0;
  const tell = async (force) => {
    if (!force && Date.now() - toldAt < 250) return;
    toldAt = Date.now();
    for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: "window" })) {
      client.postMessage({ type: "precache", done, total });
    }
  };
  let next = 0;
  const lane = async () => {
    while (next < FILES.length) {
      await heldBack();
      const k = next++;
      await cache.add(new Request(FILES[k], { cache: "no-cache" }));
      done += SIZES[k];
      tell(false);
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  await tell(true);
}

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
  event.respondWith(respond(request));
});

// The site's folder on the server: the service worker's scope.
const ROOT = new URL(self.registration.scope).pathname;

async function respond(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  const navigate = request.mode === "navigate";
  if (navigate && url.pathname === ROOT + "404.html") return notFound(cache, 200);
  const hit = await cache.match(request, { ignoreSearch: navigate });
  if (hit) return hit;
  if (navigate) {
    if (url.pathname.endsWith("/index.html")) {
      // A folder asked for by its index file: the same page as the folder itself.
      const folder = await cache.match(url.pathname.slice(0, -"index.html".length));
      if (folder) return folder;
    }
    if (!url.pathname.endsWith("/") && (await cache.match(url.pathname + "/"))) {
      // A folder asked for without its slash: redirect, as a web server does,
      // so that the page's relative links resolve.
      return Response.redirect(url.pathname + "/" + url.search, 301);
    }
  }
  try {
    return await fetch(request);
  } catch (err) {
    // Offline (or the server is gone): an unknown page gets the site's own 404 page.
    if (navigate) return notFound(cache, 404);
    throw err;
  }
}

// The cached 404.html, its links moved from the server's root (MkDocs' rule for
// error pages) to the site's folder: the same rewrite as rebase_404 in serve.py
// (which may have done it already, when the page was cached through it).
async function notFound(cache, status) {
  const page = await cache.match(ROOT + "404.html");
  if (!page) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  let html = await page.text();
  if (ROOT !== "/" && html.includes('"base": "/"')) {
    html = html
      .replace(/\b(href|src)="\/(?!\/)/g, `$1="${ROOT}`)
      .replace('"base": "/"', `"base": "${ROOT}"`)
      .replace('"search": "/', `"search": "${ROOT}`);
  }
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
