// Painting an answer: the outputs arrive as HTML from the worker, drawn by the
// rules package's renderer (calculators/render, the one the build used for the
// answer already on the page), and go in as they are. Errors go next to their
// field, or their table cell; the last good answer stays, dimmed. Nothing here
// formats or draws a value.

import { say } from "./text.js";

const outputsOf = (el) => el.querySelector('[data-role="outputs"]');

export function paintAnswer(el, outcome) {
  const result = el.querySelector('[data-role="result"]');
  result.classList.remove("pb-result--stale");
  result.removeAttribute("data-stale-note");
  delete el.dataset.stale;
  for (const p of el.querySelectorAll("[data-error-for]")) {
    p.hidden = true;
    p.textContent = "";
    p.closest(".pb-field")?.classList.remove("pb-field--invalid");
  }
  for (const cell of el.querySelectorAll(".pb-cell--invalid")) {
    cell.classList.remove("pb-cell--invalid");
    cell.removeAttribute("title");
  }
  const errorBox = result.querySelector('[data-role="errors"]');
  const errorList = errorBox.querySelector("ul");
  errorList.replaceChildren();
  if (!outcome.ok) {
    let loose = 0;
    for (const err of outcome.errors) if (!placeError(el, err)) {
      const li = document.createElement("li");
      li.textContent = err.message;
      errorList.append(li);
      loose++;
    }
    errorBox.hidden = loose === 0;
    result.classList.add("pb-result--invalid");
    return; // keep the last good answer visible, dimmed
  }
  errorBox.hidden = true;
  result.classList.remove("pb-result--invalid");
  outputsOf(el).innerHTML = outcome.html; // the rules' renderer escaped every text
}

// A field's error beside the field; a table cell's marked, and listed under its table (the message names row and column).
function placeError(el, err) {
  const top = err.field.split(/[.[]/)[0];
  const slot = el.querySelector(`[data-error-for="${CSS.escape(top)}"]`);
  const row = /^[^[]+\[(\d+)\]\.?(.*)$/.exec(err.field);
  if (row) {
    const tr = el.querySelector(`table[data-rows="${CSS.escape(top)}"] > tbody`)?.children[Number(row[1]) - 1];
    const cell = tr && row[2] ? tr.querySelector(`[name="${CSS.escape(top + "." + row[2])}"]`) : null;
    if (cell) {
      cell.classList.add("pb-cell--invalid");
      cell.title = err.message;
    }
  }
  if (!slot || !(slot.hidden || row)) return false;
  slot.textContent = slot.hidden ? err.message : `${slot.textContent}\n${err.message}`;
  slot.hidden = false;
  slot.closest(".pb-field")?.classList.add("pb-field--invalid");
  slot.closest("details")?.setAttribute("open", "");
  return true;
}

export function markStale(el, lang) {
  el.dataset.stale = "true";
  const result = el.querySelector('[data-role="result"]');
  result.classList.add("pb-result--stale");
  result.setAttribute("data-stale-note", say("stale", lang));
}
