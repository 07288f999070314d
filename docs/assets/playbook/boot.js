// Starts the calculators' Python once, as early as possible. Loaded from the
// <head> of every page with a calculator (playbook/mkdocs_plugin.py), before
// the body is parsed, and by offline.js in idle time on other pages once the
// course is cached offline. The calculator scripts (calc/main.js) pick up
// window.playbookEngine: call(request) resolves to the worker's result, or
// rejects with an Error carrying the worker's {code, message}; its "progress"
// events say how the start is going (painted by calc/status.js).
//
// Where the browser lets a shared worker outlive a page (SharedWorker with
// extendedLifetime), the interpreter runs in one: moving to the next page, or
// opening a second tab, reconnects to the running Python instead of starting
// another. Elsewhere it is a dedicated worker.
(() => {
  "use strict";
  if (window.playbookEngine || location.protocol === "file:") return;
  const script = document.currentScript;
  const runtime = JSON.parse(script.dataset.runtime);
  const base = new URL(script.dataset.root, location.href);
  const url = new URL("assets/playbook/worker.js", base);

  // Whether shared workers may outlive their page, asked without starting one:
  // the options are read (only browsers that know "extendedLifetime" read it)
  // before the script URL is parsed, and this one does not parse. A shared
  // worker that dies with its page would be no better than a dedicated one.
  function extendedLifetimeSupported() {
    let supported = false;
    try {
      new SharedWorker("http://[", {
        get extendedLifetime() {
          supported = true;
          return true;
        },
      });
    } catch {
      /* expected: the URL is invalid */
    }
    return supported;
  }

  // The worker reads its name as soon as it runs, and starts without waiting
  // for a message; for a shared worker the name also picks the build: another
  // build's pages never talk to this build's interpreter.
  let worker = null;
  let port = null;
  if (typeof SharedWorker === "function" && !script.dataset.dedicated && extendedLifetimeSupported()) {
    try {
      worker = new SharedWorker(url, { type: "module", name: JSON.stringify({ runtime }), extendedLifetime: true });
      port = worker.port;
    } catch {
      worker = null; // a dedicated worker, then
    }
  }
  // Started in idle time on a page without a calculator (offline.js): only worth
  // it when the interpreter will still be running on the next page.
  if (!port && script.dataset.onlyShared) return;
  if (!port) {
    worker = new Worker(url, { type: "module", name: JSON.stringify({ runtime }) });
    port = worker;
  }

  // How the start is going: the worker's last word, and a "progress" event for each.
  const events = new EventTarget();
  const pending = new Map();
  let seq = 0;
  const failed = ({ code, message }) => Object.assign(new Error(message), { code });
  port.onmessage = ({ data }) => {
    if (data.type === "progress") {
      engine.progress = data;
      events.dispatchEvent(new CustomEvent("progress", { detail: data }));
      return;
    }
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    data.ok ? waiter.resolve(data.result) : waiter.reject(failed(data.error));
  };
  worker.onerror = (event) => {
    console.error("playbook worker failed:", event.message);
    for (const waiter of pending.values()) waiter.reject(failed({ code: "start_failed", message: "" }));
    pending.clear();
  };
  const call = (message) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      port.postMessage({ id, ...message });
    });
  const ready = call({ type: "init", runtime, lang: document.documentElement.lang });
  ready.catch(() => {}); // each calculator reports a failed start
  const engine = { call, ready, runtime, shared: port !== worker, events, progress: null };
  window.playbookEngine = engine;

  // The course's service worker may be saving the course for offline use (a
  // first visit began on another page, or a new version installs): it holds
  // off until this page's Python is up, so that the two do not share the link.
  navigator.serviceWorker?.getRegistration?.(base.href).then((registration) => {
    const installing = registration && registration.installing;
    if (!installing) return;
    installing.postMessage({ type: "hold" });
    ready.finally(() => installing.postMessage({ type: "release" })).catch(() => {});
  }, () => {});

  // Material's search downloads its index (80 KB on the wire) and builds it on
  // every page load: bytes that would share the link with Python's start, and
  // hundreds of milliseconds of CPU that would compete with it and with the
  // reader's first answers, on a machine with few cores. Both wait until the
  // reader opens the search, else until idle time 3 s after Python is up or
  // has failed; queries typed before then are queued, as they are while the
  // index builds.
  const NativeWorker = window.Worker;
  const settled = new Promise((resolve) => {
    const opened = (event) => event.target instanceof Element && event.target.closest('[data-md-component="search"], #__search') && resolve();
    document.addEventListener("focusin", opened);
    document.addEventListener("change", opened);
    const idle = () => (window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 2000 }) : resolve());
    ready.catch(() => {}).then(() => setTimeout(idle, 3000));
  });
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, requestURL, ...rest) {
    this.playbookLater = String(requestURL).endsWith("/search/search_index.json");
    return open.call(this, method, requestURL, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (!this.playbookLater) return send.call(this, body);
    settled.then(() => send.call(this, body));
  };
  window.Worker = function Worker(workerURL, options) {
    if (!String(workerURL).includes("/workers/search.")) return new NativeWorker(workerURL, options);
    const shim = new EventTarget();
    const queue = [];
    let real = null;
    let ended = false;
    shim.postMessage = (message, transfer) => (real ? real.postMessage(message, transfer) : queue.push([message, transfer]));
    shim.terminate = () => ((ended = true), real && real.terminate());
    settled.then(() => {
      if (ended) return;
      real = new NativeWorker(workerURL, options);
      real.addEventListener("message", (e) => shim.dispatchEvent(new MessageEvent("message", { data: e.data })));
      real.addEventListener("error", (e) => shim.dispatchEvent(new ErrorEvent("error", { message: e.message })));
      for (const [message, transfer] of queue.splice(0)) real.postMessage(message, transfer);
    });
    return shim;
  };
  window.Worker.prototype = NativeWorker.prototype;
})();
