// Task-list checklists you can tick: the ticks are kept in this browser, per
// page (shared by its zh and en versions, which have the same items), and come
// back on reload and offline. Nothing is sent anywhere.
(() => {
  "use strict";
  const boxes = [...document.querySelectorAll(".md-content .task-list-item input[type=checkbox]")];
  if (!boxes.length) return;
  const root = new URL("../../", document.currentScript.src).pathname;
  const page = location.pathname.slice(root.length).replace(/^en\//, "");
  const key = `playbook:ticks:${root}${page}`;
  let ticks = {};
  try {
    ticks = JSON.parse(localStorage.getItem(key) || "{}") || {};
  } catch {
    ticks = {};
  }
  boxes.forEach((box, i) => {
    box.disabled = false;
    box.dataset.tick = String(i);
    if (ticks[i]) box.checked = true;
    box.addEventListener("change", () => {
      if (box.checked) ticks[i] = 1;
      else delete ticks[i];
      try {
        localStorage.setItem(key, JSON.stringify(ticks));
      } catch {
        /* storage blocked: the ticks still work on this visit */
      }
    });
  });
})();
