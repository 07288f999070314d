// The calculator's state and its status line: the one place that paints them.
// data-state is "loading" (Python starting), "ready" or "error"; data-busy is
// set while an answer is being worked out. Progress of a long start or of a
// long recalculation is painted here too.

import { say } from "./text.js";

export function paintStatus(el, state, text) {
  if (state) el.dataset.state = state;
  if (text === undefined) return;
  const status = el.querySelector('[data-role="status"]');
  status.textContent = text; // the start's bar goes too
  status.removeAttribute("title");
}

/**
 * How far Python's start is (boot.js relays the worker's {phase, loaded, total}, in bytes on the
 * wire): what is happening and how far, over a thin bar along the status line, while the example
 * answer stays. The line keeps one height (playbook.css), so nothing below it moves when the
 * calculator goes live.
 */
export function paintStart(el, progress, lang) {
  if (el.dataset.state !== "loading" || !progress) return;
  const status = el.querySelector('[data-role="status"]');
  const pct = progress.total ? Math.min(100, Math.floor((100 * progress.loaded) / progress.total)) : 0;
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  const downloading = progress.phase === "download";
  const text = downloading ? say("downloading", lang, { pct, done: mb(progress.loaded), total: mb(progress.total) }) : say("starting", lang);
  let bar = status.querySelector('[data-role="progress"]');
  if (!bar) {
    bar = document.createElement("span");
    bar.className = "pb-startbar";
    bar.dataset.role = "progress";
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-label", say("downloadBar", lang));
  }
  status.replaceChildren(text, bar);
  status.title = text; // the whole line, where a phone's width cuts it
  bar.dataset.phase = progress.phase;
  bar.setAttribute("aria-valuenow", String(downloading ? pct : 100));
  bar.style.setProperty("--pb-done", `${downloading ? pct : 100}%`);
}

export function paintBusy(el, busy) {
  if (busy) el.dataset.busy = "true";
  else delete el.dataset.busy;
}
