// playbook serve: the preview keeps no offline copy, so that every change shows at once.
// offline.js registers this in place of the course's service worker. Registered
// fresh, it refuses to install (nothing is cached, no "ready offline" badge);
// replacing the worker of a built site served at this address before, it takes
// over, removes itself and reloads the open pages from the preview.
self.addEventListener("install", (event) => {
  if (!self.registration.active) {
    event.waitUntil(Promise.reject(new Error("the preview keeps no offline copy")));
    return;
  }
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    self.registration
      .unregister()
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((clients) => Promise.all(clients.map((client) => client.navigate(client.url)))),
  );
});
