// Task-list checklists you can tick: the ticks are kept in this browser, per
// page (shared by its zh and en versions, which have the same items), and come
// back on reload and offline. Nothing is sent anywhere. Each item's text is
// its checkbox's label (playbook/tasklist.py), so a tap anywhere on it ticks
// it; each checklist says how many of its items are done ("3 / 9 done").
(() => {
  "use strict";
  const boxes = [...document.querySelectorAll(".md-content .task-list-item input[type=checkbox]")];
  if (!boxes.length) return;
  const root = new URL("../../", document.currentScript.src).pathname;
  const page = location.pathname.slice(root.length).replace(/^en\//, "");
  const key = `playbook:ticks:${root}${page}`;
  const en = (document.documentElement.lang || "zh").startsWith("en");
  const doneText = (done, all) => (en ? `${done} / ${all} done` : `已完成 ${done} / ${all}`);
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

  // One count per checklist (nested lists count with theirs), read out politely when it changes.
  for (const list of document.querySelectorAll(".md-content ul.task-list")) {
    if (list.parentElement.closest("ul.task-list")) continue;
    const own = [...list.querySelectorAll("input[type=checkbox]")];
    const count = document.createElement("p");
    count.className = "pb-checklist__count";
    count.setAttribute("role", "status");
    const paint = () => {
      const done = own.filter((box) => box.checked).length;
      count.textContent = doneText(done, own.length);
      count.toggleAttribute("data-complete", done === own.length);
    };
    paint();
    list.addEventListener("change", paint);
    list.before(count);
  }
})();
