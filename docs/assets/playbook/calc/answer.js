// Painting an answer: the outputs arrive as HTML from the worker, drawn by the
// rules package's renderer (calculators/render, the one the build used for the
// answer already on the page), and go in as they are. Errors go next to their
// field, or their table cell, tied to it for screen readers (aria-invalid,
// aria-describedby); the last good answer stays, and calc/status.js says it is
// not current. Nothing here formats or draws a value.

const outputsOf = (el) => el.querySelector('[data-role="outputs"]');
// What an error slot marks as invalid: its field, or the values it is about together (a fieldset); never a
// whole policy fold, whose other values are fine.
const holderOf = (slot) => {
  const holder = slot.closest("fieldset, .pb-field");
  return holder?.classList.contains("pb-field--policy") ? null : holder;
};

function clearErrors(el) {
  for (const p of el.querySelectorAll("[data-error-for]")) {
    p.hidden = true;
    p.textContent = "";
    holderOf(p)?.classList.remove("pb-field--invalid");
  }
  for (const input of el.querySelectorAll('[aria-invalid="true"]')) {
    input.removeAttribute("aria-invalid");
    if (input.dataset.errorRef) {
      input.setAttribute("aria-describedby", input.dataset.errorRef);
      delete input.dataset.errorRef;
    } else if (input.closest(".pb-rows")) input.removeAttribute("aria-describedby");
  }
  for (const cell of el.querySelectorAll(".pb-cell--invalid")) {
    cell.classList.remove("pb-cell--invalid");
    cell.removeAttribute("title");
  }
}

/** Paint a run's outcome in calculator `el`; returns how many problems it has (0: the answer is new). */
export function paintAnswer(el, outcome) {
  clearErrors(el);
  const result = el.querySelector('[data-role="result"]');
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
    return outcome.errors.length; // the last good answer stays
  }
  errorBox.hidden = true;
  outputsOf(el).innerHTML = outcome.html; // the rules' renderer escaped every text
  return 0;
}

function markInvalid(input, slot) {
  if (!input) return;
  input.setAttribute("aria-invalid", "true");
  if (!slot?.id) return;
  const own = input.getAttribute("aria-describedby");
  if (own?.split(" ").includes(slot.id)) return; // a field's input is tied to its slot already
  if (own !== null) input.dataset.errorRef = own;
  input.setAttribute("aria-describedby", own ? `${own} ${slot.id}` : slot.id);
}

// A problem's slot: its field's, or the nearest one around it (policy.fines.dumping.min, else policy.fines.dumping, …).
function slotFor(el, path) {
  for (let at = path; at; at = at.replace(/(\.[^.[]*|\[\d+\][^[]*)$/, "")) {
    const slot = el.querySelector(`[data-error-for="${CSS.escape(at)}"]`);
    if (slot) return slot;
    if (!/[.[]/.test(at)) break;
  }
  return null;
}

// A field's error beside the field; a table cell's marked, and listed under its table (the message names row and column).
function placeError(el, err) {
  const top = err.field.split(/[.[]/)[0];
  const slot = slotFor(el, err.field);
  const row = /^[^[]+\[(\d+)\]\.?(.*)$/.exec(err.field);
  if (row) {
    const tr = el.querySelector(`table[data-rows="${CSS.escape(top)}"] > tbody`)?.children[Number(row[1]) - 1];
    const cell = tr && row[2] ? tr.querySelector(`[name="${CSS.escape(top + "." + row[2])}"]`) : null;
    if (cell) {
      cell.classList.add("pb-cell--invalid");
      cell.title = err.message;
      cell.closest("td")?.removeAttribute("data-unused"); // a cell with a problem is always shown
      markInvalid(cell, slot);
    }
  } else {
    // the field's own input; a problem of several values together (a policy's two shares) marks each of them
    const at = slot?.dataset.errorFor ?? top;
    const field = el.querySelector(`[data-name="${CSS.escape(at)}"]`);
    const inputs = field?.classList.contains("pb-field--policy") ? [] : field ? [field] : [...el.querySelectorAll(`[data-name^="${CSS.escape(at)}."]`)];
    for (const f of inputs) markInvalid(f.querySelector('[role="radiogroup"], select, input:not([type="hidden"]):not(.pb-picker)'), slot);
  }
  if (!slot || !(slot.hidden || row)) return false;
  slot.textContent = slot.hidden ? err.message : `${slot.textContent}\n${err.message}`;
  slot.hidden = false;
  holderOf(slot)?.classList.add("pb-field--invalid");
  slot.closest("details")?.setAttribute("open", "");
  return true;
}
