// Opened straight from disk (file://), a page reads fine, but browsers start
// no worker and load no module script there: each calculator says how to
// serve the site instead. A classic script, because it must run from file://.
(() => {
  "use strict";
  if (location.protocol !== "file:") return;
  for (const el of document.querySelectorAll("[data-calculator]")) {
    el.querySelector('[data-role="file-note"]').hidden = false;
    el.querySelector('[data-role="status"]').hidden = true;
    el.dataset.state = "error";
  }
})();
