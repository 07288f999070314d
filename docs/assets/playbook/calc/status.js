// The calculator's state and its status line: the one place that paints them.
// data-state is the engine's: "loading" (Python starting), "ready" or "error";
// data-busy is set while an answer is being worked out.

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
 * answer stays. The line keeps one height (calc.css), so nothing below it moves when the
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

// ---------------------------------------------------------------------------
// The answer's state: whether the answer shown is the answer to what the form
// shows, and if not, why (data-answer). The status line never says "ready"
// over an answer that is not current, the answer says why it is not, the
// summary at the foot of a phone's screen says so too, and a screen reader
// hears it (politely, once the reader pauses).
//
//   current  the answer is the rules' answer to the inputs shown
//   pending  inputs differ from the example's while Python is still starting
//   busy     a new answer is being worked out (shown after a moment, with the time it takes)
//   invalid  the inputs have errors: the answer is the last good one
//   failed   Python could not start, or a calculation failed: the answer is not the inputs'

const ANNOUNCE_AFTER = 700; // ms of quiet before a screen reader hears the new answer
const announcing = new WeakMap();

function notice(el) {
  return el.querySelector('[data-role="answer-state"]');
}

/** Say `text` to a screen reader (politely), after `delay` ms unless something else is said first. */
export function announce(el, text, delay = ANNOUNCE_AFTER) {
  clearTimeout(announcing.get(el));
  const live = el.querySelector('[data-role="announce"]');
  if (!live || !text) return;
  announcing.set(el, setTimeout(() => {
    live.textContent = text;
  }, delay));
}

/** The answer's one line (from the answer the worker drew), for the summary bar and the announcement. */
function summaryOf(el) {
  return el.querySelector('[data-role="outputs"] [data-role="summary-source"]')?.textContent.trim() || "";
}

/**
 * Paint answer state `kind` on calculator `el`: its notice, the status line (once the engine is up),
 * the summary bar and the announcement. `detail`: {n} errors for invalid, {rows, since} for busy,
 * {text} for a failure's own words.
 */
export function paintAnswerState(el, kind, lang, detail = {}) {
  const before = el.dataset.answer;
  el.dataset.answer = kind;
  const box = notice(el);
  const summaryText = el.querySelector('[data-role="summary-text"]');
  let long = "";
  let short = "";
  if (kind === "pending") {
    long = say("pending", lang);
    short = say("pendingShort", lang);
  } else if (kind === "invalid") {
    long = say("invalid", lang, { n: detail.n });
    short = say("invalidShort", lang, { n: detail.n });
  } else if (kind === "busy") {
    const seconds = Math.floor((performance.now() - (detail.since ?? performance.now())) / 1000);
    long = detail.rows > 100 ? say("busyRows", lang, { rows: detail.rows.toLocaleString(lang), s: seconds }) : say("busy", lang);
    short = say("statusBusy", lang);
  } else if (kind === "failed") {
    long = detail.text || say("failedStale", lang);
    short = long;
  }
  if (box) {
    box.hidden = kind === "current";
    box.dataset.kind = kind;
    box.textContent = long;
    if (kind === "busy") box.append(document.createElement("progress")); // no value: it shows work going on
  }
  if (summaryText) summaryText.textContent = kind === "current" ? summaryOf(el) : short;
  if (el.dataset.state === "ready") {
    const status = kind === "invalid" ? say("statusInvalid", lang, { n: detail.n })
      : kind === "busy" ? say("statusBusy", lang)
      : kind === "failed" ? long
      : say("ready", lang);
    paintStatus(el, undefined, status);
  }
  if (kind === "current" && before && before !== "current") announce(el, say("updated", lang, { summary: summaryOf(el) }));
  else if (kind === "current" && detail.changed) announce(el, say("updated", lang, { summary: summaryOf(el) }));
  else if (kind === "invalid" || kind === "failed" || (kind === "pending" && before !== "pending")) announce(el, short);
}
