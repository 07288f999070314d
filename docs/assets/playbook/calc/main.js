// Calculators on a page. The form is in the HTML (written at build time from
// calculators.catalog()) with the example's answer already drawn. This starts
// nothing itself: boot.js, loaded from the <head>, has started the one worker
// (window.playbookEngine). Here each calculator keeps what the reader types,
// sends it to the worker, and paints the answer the worker returns.
//
// The worker's protocol: a request {id, type, ...} is answered with
// {id, ok: true, result} or {id, ok: false, error: {code, message}}, the
// message in the page's language (docs/assets/playbook/worker.js).

import { markStale, paintAnswer } from "./answer.js";
import { readForm, sameValues, writeForm } from "./form.js";
import { fromHash, loadSaved, save } from "./state.js";
import { paintBusy, paintStart, paintStatus } from "./status.js";
import { wireRows } from "./table.js";
import { say } from "./text.js";
import { tools } from "./tools.js";

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
  };
}

function start(boot) {
  const engine = connect(boot);
  const configs = roots.map(configOf);
  const painters = roots.map((el, i) => setup(el, configs[i], engine));
  // The same calls the forms make, for golden-case replays, benchmarks and the console.
  window.playbook = {
    ready: engine.ready,
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

function setup(el, config, engine) {
  const form = el.querySelector('[data-role="form"]');
  const lang = config.lang;
  const fields = config.spec.fields;
  const values = () => readForm(form, fields);

  const shared = fromHash(config);
  const saved = shared || loadSaved(config);
  if (saved) {
    writeForm(form, fields, saved);
    if (shared) save(config, values());
    if (!sameValues(values(), config.defaults, fields)) markStale(el, lang);
  }

  let latest = 0;
  const recalc = async () => {
    const ticket = ++latest;
    paintBusy(el, true);
    try {
      const outcome = await engine.answer(config.name, { ...values(), lang }, config.policy);
      if (ticket === latest) paintAnswer(el, outcome);
    } catch (err) {
      if (ticket === latest) paintStatus(el, "error", say("calcFailed", lang, { why: err.message }));
    } finally {
      if (ticket === latest) paintBusy(el, false);
    }
  };

  const edited = () => {
    save(config, values());
    if (el.dataset.state !== "ready") return; // the answer follows once the engine is up
    recalc(); // no debounce: a run takes a few milliseconds, and stale answers are dropped
  };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("submit", (event) => event.preventDefault());
  wireRows(form, fields, config, engine, edited);

  const apply = (next) => {
    writeForm(form, fields, next);
    save(config, values());
    if (el.dataset.state === "ready") recalc();
    else markStale(el, lang);
  };
  el.querySelector('[data-role="tools"]')?.replaceWith(tools(el, config, values, apply));

  engine.onProgress((progress) => paintStart(el, progress, lang));
  engine.ready.then(
    (info) => {
      // How Python started: "snapshot", or "full" when the snapshot could not be used.
      if (info && info.started) el.dataset.started = info.started;
      if (info && info.connections) el.dataset.connections = info.connections; // > 1: an interpreter kept from another page
      paintStatus(el, "ready", say("ready", lang));
      if (el.dataset.stale || !sameValues(values(), config.defaults, fields)) recalc();
    },
    () => paintStatus(el, "error", say("failed", lang)),
  );
  return (outcome) => paintAnswer(el, outcome);
}
