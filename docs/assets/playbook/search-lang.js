// Search results in the reader's language first. Material's search ranks the
// pages of every language of the course together (one index), so an English
// query on an English page could list Chinese pages first. This script, loaded
// just before Material's bundle, points Material at a small worker in front of
// its own (workers/search.lang.js): Material's ranking stays as it is within
// each language, and the page's language comes first.
(() => {
  "use strict";
  const script = document.currentScript;
  const el = document.getElementById("__config");
  if (!el || !script.dataset.lang) return;
  try {
    const config = JSON.parse(el.textContent);
    if (!config.search) return;
    const worker = new URL("workers/search.lang.js", script.src);
    worker.search = new URLSearchParams({
      worker: new URL(config.search, location.href).href,
      lang: script.dataset.lang,
      langs: script.dataset.langs || "",
    }).toString();
    config.search = worker.href;
    el.textContent = JSON.stringify(config);
  } catch {
    /* Material's own worker, then: every language mixed, but it searches */
  }
})();
