// The form and the values it sends: inputs, radio groups and table rows, read
// and written by field name. The form itself is written at build time
// (playbook/form_html.py); a new row is a copy of the table's <template>.

export const rowsBody = (form, name) => form.querySelector(`table[data-rows="${CSS.escape(name)}"] > tbody`);
const rowTemplate = (form, name) => form.querySelector(`template[data-row-template="${CSS.escape(name)}"]`);
const moreBar = (form, name) => form.querySelector(`[data-rows-more="${CSS.escape(name)}"]`);

// A long table (a paste, saved inputs) lists its first rows only; the others wait as values in
// `pending` (read and sent like the rest) until the reader asks for them: laying out thousands of
// inputs would take a browser seconds. How many are listed is the build's (data-shown).
const pending = new WeakMap(); // tbody -> rows not yet in the table, in order

export function readRows(form, field) {
  const rows = [];
  const prefix = field.name.length + 1;
  const body = rowsBody(form, field.name);
  for (const tr of body?.children ?? []) {
    const row = {};
    for (const input of tr.querySelectorAll("[name]")) {
      const value = input.value.trim();
      if (value !== "") row[input.name.slice(prefix)] = value;
    }
    if (Object.keys(row).length) rows.push(row);
  }
  return body && pending.has(body) ? rows.concat(pending.get(body)) : rows;
}

/** A new, empty row of table `name` (not yet in the page). */
export function newRow(form, name) {
  return rowTemplate(form, name).content.firstElementChild.cloneNode(true);
}

function filledRow(form, name, row) {
  const tr = newRow(form, name);
  const prefix = name.length + 1;
  for (const input of tr.querySelectorAll("[name]")) {
    const value = row && typeof row === "object" ? row[input.name.slice(prefix)] : undefined;
    const text = value === undefined || value === null ? "" : String(value).trim();
    if (input.tagName === "SELECT" && text && ![...input.options].some((o) => o.value === text)) {
      // A value that is not a choice is kept as typed, and the rules say what is wrong with it.
      input.append(new Option(text, text));
    }
    input.value = text;
  }
  return tr;
}

export function writeRows(form, field, rows) {
  const body = rowsBody(form, field.name);
  if (!body || !rowTemplate(form, field.name)) return;
  const all = (Array.isArray(rows) ? rows : []).filter((r) => r && typeof r === "object" && Object.values(r).some((v) => v !== "" && v != null));
  const shown = Number(moreBar(form, field.name)?.dataset.shown) || Infinity;
  const fragment = document.createDocumentFragment();
  for (const row of all.slice(0, shown)) fragment.append(filledRow(form, field.name, row));
  body.replaceChildren(fragment);
  setPending(form, field.name, all.slice(shown));
}

function setPending(form, name, rows) {
  const body = rowsBody(form, name);
  if (rows.length) pending.set(body, rows);
  else pending.delete(body);
  const bar = moreBar(form, name);
  if (bar) bar.hidden = !rows.length;
}

/** Move up to `count` waiting rows of table `name` into it; resolves once all are in (a few hundred a frame). */
export function unfoldRows(form, name, count = Infinity) {
  const body = rowsBody(form, name);
  const waiting = pending.get(body) || [];
  const take = waiting.splice(0, count);
  setPending(form, name, waiting);
  return new Promise((done) => {
    const step = () => {
      const fragment = document.createDocumentFragment();
      for (const row of take.splice(0, 200)) fragment.append(filledRow(form, name, row));
      body.append(fragment);
      if (take.length) requestAnimationFrame(step);
      else done();
    };
    step();
  });
}

export const hasPending = (form, name) => pending.has(rowsBody(form, name));

export function readForm(form, fields) {
  const values = {};
  for (const field of fields) {
    if (field.kind === "rows") {
      values[field.name] = readRows(form, field);
      continue;
    }
    let value = "";
    for (const input of form.querySelectorAll(`[name="${CSS.escape(field.name)}"]`)) {
      if (input.type === "radio") {
        if (input.checked) value = input.value;
      } else value = input.value.trim();
    }
    if (value !== "") values[field.name] = value;
  }
  return values;
}

export function writeForm(form, fields, values) {
  for (const field of fields) {
    if (field.kind === "rows") {
      writeRows(form, field, values[field.name] ?? []);
      continue;
    }
    const value = values[field.name] ?? "";
    for (const input of form.querySelectorAll(`[name="${CSS.escape(field.name)}"]`)) {
      if (input.type === "radio") input.checked = input.value === value;
      else input.value = String(value);
    }
    if (value !== "" && field.group) {
      const details = form.querySelector(`[data-name="${CSS.escape(field.name)}"]`)?.closest("details");
      if (details) details.open = true;
    }
  }
}

export function sameValues(a, b, fields) {
  const norm = (v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v ?? ""));
  const empty = (f) => (f.kind === "rows" ? [] : "");
  return fields.every((f) => norm(a[f.name] ?? empty(f)) === norm(b[f.name] ?? empty(f)));
}

export function sameRows(a, b) {
  const clean = (rows) =>
    JSON.stringify(rows.map((r) => Object.entries(r).filter(([, v]) => v !== "" && v != null).map(([k, v]) => [k, String(v)]).sort()));
  return clean(a) === clean(b);
}
