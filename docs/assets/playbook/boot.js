// Starts the calculators' Python as early as possible: loaded from the <head>
// of every page with a calculator (playbook/mkdocs_plugin.py), before the page
// body is even parsed. It creates the one Web Worker (worker.js), compiles
// Pyodide's WebAssembly here on the page (Chromium caches the compiled code of
// a page's streaming compile, not a worker's) and hands the module over.
// calculator.js, which builds the forms, picks up window.playbookEngine.
// With instant navigation the page's JavaScript survives a move to another
// page, and so do the worker and its running interpreter: start() runs once.
(() => {
  "use strict";
  if (window.playbookEngine || location.protocol === "file:") return;
  const script = document.currentScript;
  const runtime = JSON.parse(script.dataset.runtime);
  const base = new URL(script.dataset.root, location.href);

  const worker = new Worker(new URL("assets/playbook/worker.js", base), { type: "module" });
  const pending = new Map();
  let seq = 0;
  worker.onmessage = ({ data }) => {
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    data.ok ? waiter.resolve(data.result) : waiter.reject(new Error(data.error));
  };
  worker.onerror = (event) => {
    for (const waiter of pending.values()) waiter.reject(new Error(event.message || "worker failed"));
    pending.clear();
  };
  const call = (message) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  const precompile = typeof WebAssembly.compileStreaming === "function";
  const ready = call({ type: "init", runtime, precompiled: precompile });
  if (precompile) {
    WebAssembly.compileStreaming(fetch(new URL(runtime.pyodide + "pyodide.asm.wasm", base)))
      .catch(() => null)
      .then((module) => worker.postMessage({ type: "module", module }));
  }
  ready.catch(() => {}); // calculator.js reports a failed start on each calculator
  window.playbookEngine = { call, ready, runtime };

  // Material's search worker builds its index on every page load: hundreds of
  // milliseconds of CPU that would compete with Python's start on a machine with
  // few cores. On a calculator page it starts once Python is up (or after 10 s);
  // searches typed before then are queued, as they are while the index builds.
  const NativeWorker = window.Worker;
  const settled = Promise.race([ready.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10000))]);
  window.Worker = function Worker(url, options) {
    if (!String(url).includes("/workers/search.")) return new NativeWorker(url, options);
    const shim = new EventTarget();
    const queue = [];
    let real = null;
    let ended = false;
    shim.postMessage = (message, transfer) => (real ? real.postMessage(message, transfer) : queue.push([message, transfer]));
    shim.terminate = () => ((ended = true), real && real.terminate());
    settled.then(() => {
      if (ended) return;
      real = new NativeWorker(url, options);
      real.addEventListener("message", (e) => shim.dispatchEvent(new MessageEvent("message", { data: e.data })));
      real.addEventListener("error", (e) => shim.dispatchEvent(new ErrorEvent("error", { message: e.message })));
      for (const [message, transfer] of queue.splice(0)) real.postMessage(message, transfer);
    });
    return shim;
  };
  window.Worker.prototype = NativeWorker.prototype;
})();
