// The form and the values it sends: inputs, radio groups and table rows, read
// and written by field name. The form itself is written at build time
// (playbook/form_html.py); a new row is a copy of the table's <template>.
// Rows are numbered (their header, and their buttons' labels say which row
// they move), and a row of a typed table (the event log) marks the cells its
// type does not use, which a phone's row card leaves out.

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
  renumber(form, field.name);
}

/** Number the rows of table `name` (from `from`, 1-based): each row's header and its buttons' labels. */
export function renumber(form, name, from = 1) {
  const body = rowsBody(form, name);
  if (!body) return;
  const labels = JSON.parse(body.closest("table").dataset.labels || "{}");
  const say = (key, n) => (labels[key] || "").replace("{n}", n);
  const rows = body.children;
  for (let i = from - 1; i < rows.length; i++) {
    const tr = rows[i];
    const n = String(i + 1);
    const num = tr.querySelector(".pb-row-n__num");
    if (num && num.textContent === n) continue; // numbered n already, labels included
    if (num) num.textContent = n;
    const label = tr.querySelector(".pb-row-n__label");
    if (label) label.textContent = say("row", n);
    for (const [action, key] of [["row-up", "up"], ["row-down", "down"], ["remove-row", "remove"]]) {
      tr.querySelector(`[data-action="${action}"]`)?.setAttribute("aria-label", say(key, n));
    }
  }
  markTypes(form, name);
}

/** In a table whose columns depend on a row's type (the event log), mark the empty cells the type does not use. */
export function markTypes(form, name, only = null) {
  const body = rowsBody(form, name);
  const table = body?.closest("table");
  if (!table?.dataset.types) return;
  const types = JSON.parse(table.dataset.types);
  const prefix = name.length + 1;
  for (const tr of only ? [only] : body.children) {
    const type = tr.querySelector(`[name="${CSS.escape(name + ".type")}"]`)?.value;
    const keys = types[type] ? new Set(["type", "at", ...types[type].required, ...types[type].optional]) : null;
    for (const input of tr.querySelectorAll("[name]")) {
      const td = input.closest("td");
      const unused = keys !== null && !keys.has(input.name.slice(prefix)) && input.value === "";
      if (unused) td.dataset.unused = "";
      else delete td.dataset.unused;
    }
  }
}

function setPending(form, name, rows) {
  const body = rowsBody(form, name);
  if (rows.length) pending.set(body, rows);
  else pending.delete(body);
  const bar = moreBar(form, name);
  if (bar) bar.hidden = !rows.length;
}

/** Move up to `count` waiting rows of table `name` into it; resolves once all are in (a few hundred a frame,
 * `onProgress(done, all)` after each). */
export function unfoldRows(form, name, count = Infinity, onProgress = null) {
  const body = rowsBody(form, name);
  const waiting = pending.get(body) || [];
  const take = waiting.splice(0, count);
  setPending(form, name, waiting);
  return new Promise((done) => {
    const all = take.length;
    const bar = moreBar(form, name);
    const step = () => {
      const start = body.children.length + 1;
      const fragment = document.createDocumentFragment();
      for (const row of take.splice(0, 200)) fragment.append(filledRow(form, name, row));
      body.append(fragment);
      renumber(form, name, start);
      if (onProgress) onProgress(all - take.length, all, bar);
      if (take.length) requestAnimationFrame(step);
      else done();
    };
    step();
  });
}

export const hasPending = (form, name) => pending.has(rowsBody(form, name));

// A policy field's inputs are named FIELD.PATH (policy.fines.dumping.min): the values typed, by path.
const policyInput = (form, field, entry) => form.querySelector(`[name="${CSS.escape(`${field.name}.${entry.path}`)}"]`);

function readPolicy(form, field) {
  const typed = {};
  for (const entry of field.values) {
    const value = policyInput(form, field, entry)?.value.trim();
    if (value) typed[entry.path] = value;
  }
  return Object.keys(typed).length ? typed : undefined;
}

function writePolicy(form, field, typed) {
  const given = typed && typeof typed === "object" ? typed : {}; // (policy values once went as text: those are dropped)
  const nested = (path) => path.split(".").reduce((at, key) => (at && typeof at === "object" ? at[key] : undefined), given);
  let any = false;
  for (const entry of field.values) {
    const input = policyInput(form, field, entry);
    const value = given[entry.path] ?? nested(entry.path);
    if (!input) continue;
    input.value = value === undefined || value === null || typeof value === "object" ? "" : String(value);
    any ||= input.value !== "";
  }
  const fold = form.querySelector(`[data-name="${CSS.escape(field.name)}"] > details`);
  if (fold && any) fold.open = true;
}

export function readForm(form, fields) {
  const values = {};
  for (const field of fields) {
    if (field.kind === "rows") {
      values[field.name] = readRows(form, field);
      continue;
    }
    if (field.kind === "policy") {
      const typed = readPolicy(form, field);
      if (typed) values[field.name] = typed;
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
    if (field.kind === "policy") {
      writePolicy(form, field, values[field.name]);
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
