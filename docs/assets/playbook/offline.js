// Registers the course's service worker and shows a small offline/update note.
(() => {
  "use strict";
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  const root = new URL("../../", document.currentScript.src);
  const lang = (document.documentElement.lang || "zh").startsWith("en") ? "en" : "zh";
  const TEXT = {
    ready: { zh: "✓ 可离线使用", en: "✓ Ready offline" },
    update: { zh: "有新版本 · 点此更新", en: "Update available · reload" },
    saving: { zh: "正在保存离线版", en: "Saving for offline use" }, // and how far, "42%"
  };
  // The badge lives in the header bar, beside the page's title (which gives way), so that it never
  // covers the page; without a header it opens the page, in the flow. It is a polite live region made
  // before anything is said in it (so that screen readers announce each change of state); the
  // percentage is for the eye only, so that they do not read out every step of it.
  const host = document.querySelector(".md-header__title");
  const el = document.createElement("div");
  el.className = "pb-offline";
  el.dataset.role = "offline-badge";
  el.setAttribute("role", "status");
  if (host) host.after(el);
  else document.body.prepend(el);
  const badge = (key, onClick, pct = 0) => {
    if (el.dataset.status !== key) {
      el.dataset.status = key;
      const words = document.createElement(onClick ? "button" : "span");
      if (onClick) {
        words.type = "button";
        words.onclick = onClick;
      }
      words.textContent = TEXT[key][lang];
      el.replaceChildren(words);
      if (key === "saving") {
        const share = document.createElement("span");
        share.setAttribute("aria-hidden", "true");
        el.append(" ", share);
      }
    }
    if (key === "saving") el.lastChild.textContent = `${pct}%`;
  };
  // The service worker's progress while it saves the course ({type: "precache", done, total}).
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (!data || data.type !== "precache" || !data.total) return;
    if (el.dataset.status === "ready" || el.dataset.status === "update") return;
    badge("saving", null, Math.min(99, Math.floor((100 * data.done) / data.total)));
  });
  navigator.serviceWorker.startMessages();
  // Precaching the course downloads all of it: on a calculator page, wait
  // until Python is up (or has failed), however long that takes on a slow
  // link, so that the two never share it. The service worker also holds off
  // while a calculator starts on another page (boot.js).
  const calculatorStarted = () =>
    window.playbookEngine ? window.playbookEngine.ready.then(() => {}, () => {}) : Promise.resolve();
  const loaded = new Promise((resolve) =>
    document.readyState === "complete" ? resolve() : addEventListener("load", resolve, { once: true }),
  );
  // And then let the reader's first answers go first: precaching is tens of
  // megabytes of reading, decoding and writing on a machine with few cores.
  const quiet = () =>
    new Promise((resolve) => setTimeout(() => (window.requestIdleCallback || setTimeout)(resolve, { timeout: 2000 }), 2000));
  Promise.all([loaded, calculatorStarted()])
    .then(quiet)
    .then(() => navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }))
    .then((reg) => {
      const offerUpdate = (worker) =>
        badge("update", () => {
          navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
          worker.postMessage("skip-waiting");
        });
      if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const worker = reg.installing;
        worker.addEventListener("statechange", () => {
          if (worker.state !== "installed") return;
          if (navigator.serviceWorker.controller) offerUpdate(worker);
          else badge("ready");
        });
      });
      if (navigator.serviceWorker.controller && !reg.waiting) badge("ready");
      if (navigator.serviceWorker.controller) startPythonWhenIdle();
    });
  // Once the course is cached offline, a page without a calculator starts the
  // calculators' Python in idle time, so that the next calculator page answers
  // at once; boot.js does it only where the interpreter outlives the page (a
  // shared worker with extendedLifetime), and never twice.
  function startPythonWhenIdle() {
    if (window.playbookEngine || document.querySelector("[data-calculator]") || typeof SharedWorker !== "function") return;
    (window.requestIdleCallback || setTimeout)(() => {
      fetch(new URL("assets/playbook/runtime.json", root))
        .then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.status))))
        .then((runtime) => {
          const script = document.createElement("script");
          script.src = new URL("assets/playbook/boot.js", root).href;
          script.dataset.root = root.href;
          script.dataset.runtime = runtime;
          script.dataset.onlyShared = "1";
          document.head.append(script);
        })
        .catch(() => {}); // the calculator page starts it then
    }, { timeout: 5000 });
  }
})();
