// Table inputs: add, move and remove rows; paste from a spreadsheet; export as
// CSV. A paste is read by the rules package (calculators/table_paste.py, in
// the worker): the same reader `calculators.run` uses for a pasted table, so
// the page and Python fill in the same rows. This only puts them in the table.

import { hasPending, newRow, readRows, rowsBody, sameRows, unfoldRows, writeRows } from "./form.js";
import { keyOf } from "./state.js";
import { say } from "./text.js";
import { download } from "./tools.js";

export function wireRows(form, fields, config, engine, edited) {
  const field = (name) => fields.find((f) => f.name === name);
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    if (!button.dataset.rowsFor) return moveRow(form, button, edited);
    const name = button.dataset.rowsFor;
    const action = button.dataset.action;
    const pasteBox = form.querySelector(`[data-paste-for="${CSS.escape(name)}"]`);
    if (action === "show-rows") {
      unfoldRows(form, name);
    } else if (action === "add-row") {
      unfoldRows(form, name).then(() => { // a new row goes after every row, so all of them are listed first
        const tr = newRow(form, name);
        rowsBody(form, name).append(tr);
        tr.querySelector("input, select")?.focus();
      });
    } else if (action === "paste-rows") {
      pasteBox.hidden = !pasteBox.hidden;
      if (!pasteBox.hidden) pasteBox.querySelector("textarea").focus();
    } else if (action === "paste-fill") {
      pasteRows(form, field(name), config, engine, button, edited);
    } else if (action === "csv-rows") {
      engine.csv(config.name, name, readRows(form, field(name)), config.lang).then(
        (text) => download(`${keyOf(config)}-${name}.csv`, "text/csv;charset=utf-8", "\ufeff" + text),
        () => {}, // the status line already says when the engine is down
      );
    }
  });
}

async function moveRow(form, button, edited) {
  const tr = button.closest("tr");
  if (!tr) return;
  const action = button.dataset.action;
  const name = tr.closest("table[data-rows]").dataset.rows;
  if (action === "row-down" && !tr.nextElementSibling && hasPending(form, name)) await unfoldRows(form, name, 1);
  if (action === "remove-row") tr.remove();
  else if (action === "row-up" && tr.previousElementSibling) tr.previousElementSibling.before(tr);
  else if (action === "row-down" && tr.nextElementSibling) tr.nextElementSibling.after(tr);
  else return;
  button.focus();
  edited();
}

async function pasteRows(form, spec, config, engine, button, edited) {
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
  try {
    const read = await engine.paste(config.name, spec.name, area.value, lang);
    if (!read.ok) return showErrors(read.errors.map((e) => e.message).join("\n"));
    const current = readRows(form, spec);
    // The example is replaced; rows the reader typed are kept and the paste goes after them.
    const isExample = sameRows(current, config.defaults[spec.name] || []);
    writeRows(form, spec, isExample ? read.result.rows : current.concat(read.result.rows));
    area.value = "";
    box.hidden = true;
    errors.hidden = true;
    note.textContent = read.result.note;
    note.hidden = false;
    edited();
  } catch (err) {
    showErrors(say("pasteFailed", lang, { why: err.message }));
  } finally {
    button.disabled = false;
  }
}
