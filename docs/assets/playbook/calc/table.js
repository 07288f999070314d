// Table inputs: add, move and remove rows (buttons, or Alt+↑/↓ in a row);
// paste from a spreadsheet; export as CSV. A paste is read by the rules
// package (calculators/table_paste.py, in the worker): the same reader
// `calculators.run` uses for a pasted table, so the page and Python fill in
// the same rows. This only puts them in the table, and says what it did to a
// screen reader.

import { hasPending, markTypes, newRow, readRows, renumber, rowsBody, sameRows, unfoldRows, writeRows } from "./form.js";
import { keyOf } from "./state.js";
import { say, why } from "./text.js";
import { download } from "./tools.js";

export function wireRows(form, fields, config, engine, edited, tell) {
  const lang = config.lang;
  const field = (name) => fields.find((f) => f.name === name);
  // Listing thousands of waiting rows takes seconds: say how far it has got.
  const listing = (done, all, bar) => {
    if (all > 400 && bar) tell(say("listing", lang, { done: done.toLocaleString(lang), all: all.toLocaleString(lang) }), true);
  };
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (!button.dataset.rowsFor) {
      if (action === "row-up" || action === "row-down" || action === "remove-row") moveRow(form, button.closest("tr"), action, button, edited, tell, lang);
      return;
    }
    const name = button.dataset.rowsFor;
    const pasteBox = form.querySelector(`[data-paste-for="${CSS.escape(name)}"]`);
    if (action === "show-rows") {
      unfoldRows(form, name, Infinity, listing).then(() => tell("", false));
    } else if (action === "add-row") {
      unfoldRows(form, name, Infinity, listing).then(() => { // a new row goes after every row, so all of them are listed first
        const tr = newRow(form, name);
        rowsBody(form, name).append(tr);
        renumber(form, name);
        tell(say("added", lang, { n: rowsBody(form, name).children.length }), false);
        tr.querySelector("input, select")?.focus();
      });
    } else if (action === "paste-rows") {
      pasteBox.hidden = !pasteBox.hidden;
      button.setAttribute("aria-expanded", String(!pasteBox.hidden));
      if (!pasteBox.hidden) pasteBox.querySelector("textarea").focus();
    } else if (action === "paste-fill") {
      pasteRows(form, field(name), config, engine, button, edited, tell);
    } else if (action === "csv-rows") {
      engine.csv(config.name, name, readRows(form, field(name)), lang).then(
        (text) => download(`${keyOf(config)}-${name}.csv`, "text/csv;charset=utf-8", "\ufeff" + text),
        () => {}, // the status line already says when the engine is down
      );
    }
  });
  // Alt+↑ / Alt+↓ in a row moves the row; focus stays in the cell being edited.
  form.addEventListener("keydown", (event) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const tr = event.target.closest("table[data-rows] > tbody > tr");
    if (!tr) return;
    event.preventDefault();
    moveRow(form, tr, event.key === "ArrowUp" ? "row-up" : "row-down", event.target, edited, tell, lang);
  });
  // A typed row's card shows the cells of its type: re-mark when the type changes.
  form.addEventListener("change", (event) => {
    const tr = event.target.closest?.("table[data-types] > tbody > tr");
    if (tr) markTypes(form, tr.closest("table").dataset.rows, tr);
  });
}

async function moveRow(form, tr, action, focused, edited, tell, lang) {
  if (!tr) return;
  const body = tr.parentElement;
  const name = tr.closest("table[data-rows]").dataset.rows;
  const from = [...body.children].indexOf(tr) + 1;
  if (action === "row-down" && !tr.nextElementSibling && hasPending(form, name)) await unfoldRows(form, name, 1);
  if (action === "remove-row") {
    // focus moves to the same button of the row that takes this one's place (or the table's "add a row")
    const next = tr.nextElementSibling || tr.previousElementSibling;
    const same = focused?.dataset?.action;
    tr.remove();
    renumber(form, name, from);
    (next?.querySelector(`[data-action="${same}"]`) || form.querySelector(`[data-action="add-row"][data-rows-for="${CSS.escape(name)}"]`))?.focus();
    tell(say("removed", lang, { n: from }), false);
    edited();
    return;
  }
  if (action === "row-up" && tr.previousElementSibling) tr.previousElementSibling.before(tr);
  else if (action === "row-down" && tr.nextElementSibling) tr.nextElementSibling.after(tr);
  else return;
  const to = [...body.children].indexOf(tr) + 1;
  renumber(form, name, Math.min(from, to));
  focused?.focus();
  tell(say("moved", lang, { from, to }), false);
  edited();
}

async function pasteRows(form, spec, config, engine, button, edited, tell) {
  const lang = config.lang;
  const box = form.querySelector(`[data-paste-for="${CSS.escape(spec.name)}"]`);
  const area = box.querySelector("textarea");
  const errors = box.querySelector('[data-role="paste-errors"]');
  const note = form.querySelector(`[data-paste-note="${CSS.escape(spec.name)}"]`);
  if (!area.value.trim()) return;
  const showErrors = (text) => {
    errors.textContent = text;
    errors.hidden = false;
  };
  button.disabled = true;
  const slow = setTimeout(() => tell(say("reading", lang), true), 300);
  try {
    const read = await engine.paste(config.name, spec.name, area.value, lang);
    if (!read.ok) return showErrors(read.errors.map((e) => e.message).join("\n"));
    const current = readRows(form, spec);
    // The example is replaced; rows the reader typed are kept and the paste goes after them.
    const isExample = sameRows(current, config.defaults[spec.name] || []);
    writeRows(form, spec, isExample ? read.result.rows : current.concat(read.result.rows));
    area.value = "";
    box.hidden = true;
    form.querySelector(`[data-action="paste-rows"][data-rows-for="${CSS.escape(spec.name)}"]`)?.setAttribute("aria-expanded", "false");
    errors.hidden = true;
    note.textContent = read.result.note;
    note.hidden = false;
    edited();
  } catch (err) {
    showErrors(say("pasteFailed", lang, { why: why(err, lang) }));
  } finally {
    clearTimeout(slow);
    tell("", false);
    button.disabled = false;
  }
}
