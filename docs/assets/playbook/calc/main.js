// Calculators on a page. The form is in the HTML (written at build time from
// calculators.catalog()) with the example's answer already drawn. This starts
// nothing itself: boot.js, loaded from the <head>, has started the one worker
// (window.playbookEngine). Here each calculator keeps what the reader types,
// sends it to the worker, paints the answer the worker returns, and says
// honestly whether the answer shown is the answer to the form (calc/status.js).
//
// The worker's protocol: a request {id, type, ...} is answered with
// {id, ok: true, result} or {id, ok: false, error: {code, message}}, the
// message in the page's language (docs/assets/playbook/worker.js).

import { paintAnswer } from "./answer.js";
import { markTypes, readForm, sameValues, writeForm } from "./form.js";
import { fromHash, keyOf, loadSaved, save } from "./state.js";
import { announce, paintAnswerState, paintBusy, paintStart, paintStatus } from "./status.js";
import { wireRows } from "./table.js";
import { say, why } from "./text.js";
import { tools } from "./tools.js";
import { wireWhen } from "./when.js";

const roots = [...document.querySelectorAll("[data-calculator]")];
const configOf = (el) => JSON.parse(el.querySelector('script[data-role="config"]').textContent);
if (roots.length && location.protocol !== "file:") start(window.playbookEngine);

/** The calls a page makes, over boot.js's connection to the worker. */
function connect(engine) {
  const missing = () => Promise.reject(Object.assign(new Error(""), { code: "start_failed" }));
  const call = engine ? engine.call : missing;
  const ready = engine ? engine.ready : missing();
  ready.catch(() => {}); // each calculator reports a failed start
  return {
    ready,
    // Calls `paint` with how far the start is, now and as the worker tells.
    onProgress: (paint) => {
      if (!engine || !engine.events) return;
      engine.events.addEventListener("progress", (event) => paint(event.detail));
      if (engine.progress) paint(engine.progress);
    },
    run: (name, payload, policy) => call({ type: "run", name, payload, policy, lang: payload?.lang }),
    answer: (name, payload, policy) => call({ type: "run", render: true, name, payload, policy, lang: payload?.lang }),
    paste: (name, field, text, lang) => call({ type: "paste", name, field, text, lang }),
    csv: (name, field, rows, lang) => call({ type: "csv", name, field, rows, lang }),
    now: (name, field, policy, lang) => call({ type: "now", name, field, policy, at: Date.now(), lang }),
  };
}

function start(boot) {
  const engine = connect(boot);
  const configs = roots.map(configOf);
  const shared = [];
  const appliers = [];
  const painters = roots.map((el, i) => setup(el, configs[i], engine, shared, appliers));
  // A share link is applied once: the inputs are now saved, and the link leaves the address bar,
  // so a reload (or the back button) keeps what the reader changed since.
  const applied = () => history.replaceState(history.state, "", location.pathname + location.search);
  if (shared.length) applied();
  // A share link to this very page (followed from a chat on the same tab) changes only the hash.
  addEventListener("hashchange", () => {
    if (appliers.map((apply) => apply()).some(Boolean)) applied();
  });
  // The same calls the forms make, for golden-case replays, benchmarks and the console.
  window.playbook = {
    ready: engine.ready,
    shared, // the calculators (keys) that opened a share link on this load
    run: (name, payload, policy = configs[0].policy) => engine.run(name, payload, policy),
    paste: engine.paste,
    // Answer `payload` in calculator `el` as its form would (the rules' HTML, painted); resolves to the painted outputs.
    show: async (el, payload, policy) => {
      const i = roots.indexOf(el);
      const outcome = await engine.answer(configs[i].name, payload, policy ?? configs[i].policy);
      painters[i](outcome);
      return el.querySelector('[data-role="outputs"]').innerHTML;
    },
  };
}

const BUSY_AFTER = 250; // ms: a quicker answer just appears; a slower one says it is being worked out

function setup(el, config, engine, sharedKeys, appliers) {
  const form = el.querySelector('[data-role="form"]');
  const lang = config.lang;
  const fields = config.spec.fields;
  const values = () => readForm(form, fields);
  const differs = () => !sameValues(values(), config.defaults, fields);
  const rowCount = () => Math.max(0, ...fields.filter((f) => f.kind === "rows").map((f) => (values()[f.name] || []).length));

  const shared = fromHash(config);
  const earlier = loadSaved(config);
  const saved = shared || earlier;
  if (saved) writeForm(form, fields, saved);
  for (const f of fields) if (f.kind === "rows") markTypes(form, f.name);
  if (shared) {
    save(config, values());
    sharedKeys.push(keyOf(config));
  }
  if (differs()) paintAnswerState(el, "pending", lang);

  let running = false;
  let again = false;
  const recalc = async () => {
    if (running) {
      again = true; // one answer at a time; the newest inputs are answered next, the ones between skipped
      return;
    }
    running = true;
    paintBusy(el, true);
    const since = performance.now();
    let ticker = null;
    const showBusy = () => paintAnswerState(el, "busy", lang, { rows: rowCount(), since });
    const busy = setTimeout(() => {
      showBusy();
      ticker = setInterval(showBusy, 1000);
    }, BUSY_AFTER);
    try {
      do {
        again = false;
        let outcome;
        try {
          outcome = await engine.answer(config.name, { ...values(), lang }, config.policy);
        } catch (err) {
          if (!again) {
            clearTimeout(busy), clearInterval(ticker);
            paintAnswerState(el, "failed", lang, { text: say("calcFailed", lang, { why: why(err, lang) }) });
          }
          continue;
        }
        if (again) continue; // the reader has changed something since: this answer is stale already
        clearTimeout(busy), clearInterval(ticker);
        const problems = paintAnswer(el, outcome);
        paintAnswerState(el, problems ? "invalid" : "current", lang, { n: problems, changed: true });
      } while (again);
    } finally {
      clearTimeout(busy), clearInterval(ticker);
      running = false;
      paintBusy(el, false);
    }
  };

  const edited = () => {
    save(config, values());
    if (el.dataset.state === "ready") return recalc(); // no debounce: a run takes a few milliseconds
    // Python is still starting, or could not: the answer shown is the example's, and says so.
    const stale = el.dataset.state === "error" ? "failed" : "pending";
    paintAnswerState(el, differs() ? stale : "current", lang);
  };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("submit", (event) => event.preventDefault());
  // What a table does (a row moved, rows listed) is said to a screen reader; long work shows in the status line.
  const tell = (text, progress) => {
    if (progress && el.dataset.state === "ready") {
      el.dataset.working = "true";
      paintStatus(el, undefined, text);
    } else if (!progress && text) announce(el, text, 0);
    else if (!text && el.dataset.working) {
      delete el.dataset.working;
      if (!running) paintAnswerState(el, el.dataset.answer || "current", lang, {});
    }
  };
  wireRows(form, fields, config, engine, edited, tell);
  wireWhen(form, config, engine);

  const apply = (next) => {
    writeForm(form, fields, next);
    edited();
  };
  const offerBack = (before, next) => (before && !sameValues(before, next, fields) ? before : null);
  let bar = tools(el, config, values, apply, shared ? offerBack(earlier, shared) : null);
  el.querySelector('[data-role="tools"]')?.replaceWith(bar);
  appliers.push(() => {
    const next = fromHash(config);
    if (!next) return false;
    const before = values();
    apply(next);
    sharedKeys.push(keyOf(config));
    const fresh = tools(el, config, values, apply, offerBack(before, next));
    bar.replaceWith(fresh);
    bar = fresh;
    el.scrollIntoView({ block: "start" });
    return true;
  });

  engine.onProgress((progress) => paintStart(el, progress, lang));
  engine.ready.then(
    (info) => {
      // How Python started: "snapshot", or "full" when the snapshot could not be used.
      if (info && info.started) el.dataset.started = info.started;
      if (info && info.connections) el.dataset.connections = info.connections; // > 1: an interpreter kept from another page
      paintStatus(el, "ready", say(differs() ? "statusBusy" : "ready", lang));
      if (differs()) recalc();
      else paintAnswerState(el, "current", lang);
    },
    () => {
      paintStatus(el, "error", say("failed", lang));
      if (differs()) paintAnswerState(el, "failed", lang);
    },
  );
  return (outcome) => {
    const problems = paintAnswer(el, outcome);
    paintAnswerState(el, problems ? "invalid" : "current", lang, { n: problems, changed: true });
  };
}
