// The form and the values it sends: inputs, radio groups and table rows, read
// and written by field name. The form itself is written at build time
// (playbook/form_html.py); a new row is a copy of the table's <template>.

export const rowsBody = (form, name) => form.querySelector(`table[data-rows="${CSS.escape(name)}"] > tbody`);
const rowTemplate = (form, name) => form.querySelector(`template[data-row-template="${CSS.escape(name)}"]`);

export function readRows(form, field) {
  const rows = [];
  const prefix = field.name.length + 1;
  for (const tr of rowsBody(form, field.name)?.children ?? []) {
    const row = {};
    for (const input of tr.querySelectorAll("[name]")) {
      const value = input.value.trim();
      if (value !== "") row[input.name.slice(prefix)] = value;
    }
    if (Object.keys(row).length) rows.push(row);
  }
  return rows;
}

/** A new, empty row of table `name` (not yet in the page). */
export function newRow(form, name) {
  return rowTemplate(form, name).content.firstElementChild.cloneNode(true);
}

export function writeRows(form, field, rows) {
  const body = rowsBody(form, field.name);
  if (!body || !rowTemplate(form, field.name)) return;
  const prefix = field.name.length + 1;
  const fragment = document.createDocumentFragment();
  for (const row of Array.isArray(rows) ? rows : []) {
    const tr = newRow(form, field.name);
    for (const input of tr.querySelectorAll("[name]")) {
      const value = row && typeof row === "object" ? row[input.name.slice(prefix)] : undefined;
      const text = value === undefined || value === null ? "" : String(value);
      if (input.tagName === "SELECT" && text && ![...input.options].some((o) => o.value === text)) {
        // A value that is not a choice is kept as typed, and the rules say what is wrong with it.
        input.append(new Option(text, text));
      }
      input.value = text;
    }
    fragment.append(tr);
  }
  body.replaceChildren(fragment);
}

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
