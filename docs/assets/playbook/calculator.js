// Calculators on a page: the form is already in the HTML (generated at build
// time from calculators.catalog()), with the example's answer pre-rendered.
// This script starts the one worker, keeps what the reader typed, and
// re-renders the answer as inputs change. All text goes in as text.
// A classic (deferred) script, not a module, so that it also runs from file://
// and can tell the reader how to serve the site.

(() => {
"use strict";

const TEXT = {
  ready: { zh: "已就绪：修改任一项，答案立即更新。", en: "Ready: change any input and the answer updates." },
  working: { zh: "正在计算…", en: "Calculating…" },
  failed: {
    zh: "计算引擎没能启动（{msg}）。正文和上面的示例答案仍可阅读；刷新页面可重试。",
    en: "The calculator could not start ({msg}). The text and the example answer above still read fine; reload to try again.",
  },
  stale: { zh: "（正在按你上次的输入重新计算…）", en: "(recalculating with your last inputs…)" },
  reset: { zh: "重置", en: "Reset" },
  resetAsk: { zh: "清空这个计算器里你填写的内容，恢复示例？", en: "Clear what you entered in this calculator and restore the example?" },
  export: { zh: "导出", en: "Export" },
  import: { zh: "导入", en: "Import" },
  share: { zh: "分享链接", en: "Share link" },
  print: { zh: "打印确认单", en: "Print slip" },
  shared: {
    zh: "链接已生成（输入只在 # 之后，不会发给任何服务器）：",
    en: "Link ready (the inputs ride after the #, which is never sent to any server):",
  },
  badFile: { zh: "无法导入：{msg}", en: "Cannot import: {msg}" },
  notOurs: { zh: "这不是“{name}”计算器导出的文件", en: "this file was not exported from the '{name}' calculator" },
};
const say = (key, lang, msg = "") => (TEXT[key][lang] || TEXT[key].zh).replace("{msg}", msg);

const roots = [...document.querySelectorAll("[data-calculator]")];
if (roots.length) main();

function main() {
  const configs = roots.map((el) => JSON.parse(el.querySelector('script[data-role="config"]').textContent));
  if (location.protocol === "file:") {
    roots.forEach((el) => {
      el.querySelector('[data-role="file-note"]').hidden = false;
      el.querySelector('[data-role="status"]').hidden = true;
      el.dataset.state = "error";
    });
    return;
  }
  // boot.js, loaded from the <head>, has started the worker already.
  const engine = window.playbookEngine;
  const call = engine ? engine.call : () => Promise.reject(new Error("boot.js missing"));
  const ready = engine ? engine.ready : call();
  roots.forEach((el, i) => setup(el, configs[i], call, ready));
  // The same entry point the forms use, for golden-case replays and the console.
  window.playbook = {
    ready,
    run: (name, payload, policy = configs[0].policy) => call({ type: "run", name, payload, policy }),
  };
}

// What saved inputs, exports and share links belong to: the calculator, or for
// a scorecard the calculator and its card ("scorecard.key-account").
function keyOf(config) {
  return config.key || config.name; // a function declaration: main() runs before this line
}

function storageKey(config) {
  return `playbook:${config.course}:${keyOf(config)}`;
}

function loadSaved(config) {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(config)) || "null");
    return saved && typeof saved === "object" ? saved : null;
  } catch {
    return null;
  }
}

function save(config, values) {
  try {
    localStorage.setItem(storageKey(config), JSON.stringify(values));
  } catch {
    /* storage full or blocked: the form still works */
  }
}

function fromHash(config) {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("calc") !== keyOf(config)) return null;
  try {
    const values = JSON.parse(params.get("v") || "null");
    return values && typeof values === "object" && !Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

function setup(el, config, call, ready) {
  const form = el.querySelector('[data-role="form"]');
  const status = el.querySelector('[data-role="status"]');
  const lang = config.lang;
  const fields = config.spec.fields;

  const shared = fromHash(config);
  const saved = shared || loadSaved(config);
  if (saved) {
    writeForm(form, fields, saved);
    if (shared) save(config, readForm(form, fields));
    if (!sameValues(readForm(form, fields), config.defaults, fields)) markStale(el, lang);
  }

  let latest = 0;
  const recalc = async () => {
    const ticket = ++latest;
    const values = readForm(form, fields);
    el.dataset.busy = "true";
    try {
      const outcome = await call({ type: "run", name: config.name, payload: { ...values, lang }, policy: config.policy });
      if (ticket !== latest) return;
      render(el, config, outcome);
    } catch (err) {
      if (ticket !== latest) return;
      el.dataset.state = "error";
      status.textContent = say("failed", lang, err.message);
    } finally {
      if (ticket === latest) delete el.dataset.busy;
    }
  };

  const onEdit = () => {
    save(config, readForm(form, fields));
    if (el.dataset.state !== "ready") return; // the answer follows once the engine is up
    recalc(); // no debounce: a run takes about a millisecond, and stale answers are dropped
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", (event) => event.preventDefault());
  wireRows(form, fields, config);

  const apply = (values) => {
    writeForm(form, fields, values);
    save(config, readForm(form, fields));
    if (el.dataset.state === "ready") recalc();
    else markStale(el, lang);
  };
  el.querySelector('[data-role="tools"]')?.replaceWith(tools(el, config, form, fields, apply));

  ready.then(
    (info) => {
      // How Python started: "snapshot", or "full" when the snapshot could not be used.
      if (info && info.started) el.dataset.started = info.started;
      if (info && info.connections) el.dataset.connections = info.connections; // > 1: an interpreter kept from another page
      el.dataset.state = "ready";
      status.textContent = say("ready", lang);
      const now = readForm(form, fields);
      if (el.dataset.stale || !sameValues(now, config.defaults, fields)) recalc();
    },
    (err) => {
      el.dataset.state = "error";
      status.textContent = say("failed", lang, err.message);
    },
  );
}

function button(label, role, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "pb-tool";
  b.dataset.action = role;
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

function tools(el, config, form, fields, apply) {
  const lang = config.lang;
  const bar = document.createElement("div");
  bar.className = "pb-tools";
  bar.dataset.role = "tools";
  const note = document.createElement("p");
  note.className = "pb-tools__note";
  note.hidden = true;
  const file = document.createElement("input");
  file.type = "file";
  file.accept = "application/json,.json";
  file.hidden = true;
  file.name = "__import";
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    file.value = "";
    if (!chosen) return;
    try {
      const data = JSON.parse(await chosen.text());
      if (!data || data.calculator !== keyOf(config) || typeof data.inputs !== "object")
        throw new Error(say("notOurs", lang).replace("{name}", keyOf(config)));
      apply(data.inputs);
      note.hidden = true;
    } catch (err) {
      note.textContent = say("badFile", lang, err.message);
      note.hidden = false;
    }
  });
  bar.append(
    button(say("reset", lang), "reset", () => {
      if (!confirm(say("resetAsk", lang))) return;
      try { localStorage.removeItem(storageKey(config)); } catch { /* ignore */ }
      apply(config.defaults);
    }),
    button(say("export", lang), "export", () =>
      download(
        `playbook-${keyOf(config)}.json`,
        "application/json",
        JSON.stringify({ calculator: keyOf(config), course: config.course, format: 1, inputs: readForm(form, fields) }, null, 2),
      ),
    ),
    button(say("import", lang), "import", () => file.click()),
    button(say("print", lang), "print", () => {
      // Print this calculator alone, as a slip with its inputs, answer and signature lines.
      el.classList.add("pb-print-target");
      document.body.classList.add("pb-printing");
      addEventListener("afterprint", () => {
        el.classList.remove("pb-print-target");
        document.body.classList.remove("pb-printing");
      }, { once: true });
      print();
    }),
    button(say("share", lang), "share", () => {
      const params = new URLSearchParams({ calc: keyOf(config), v: JSON.stringify(readForm(form, fields)) });
      const link = `${location.href.split("#")[0]}#${params}`;
      note.replaceChildren(say("shared", lang), " ");
      const out = document.createElement("input");
      out.type = "text";
      out.readOnly = true;
      out.value = link;
      out.dataset.role = "share-link";
      note.append(out);
      note.hidden = false;
      out.select();
      navigator.clipboard?.writeText(link).catch(() => {});
    }),
    file,
  );
  const wrap = document.createElement("div");
  wrap.dataset.role = "tools";
  wrap.append(bar, note);
  return wrap;
}

function markStale(el, lang) {
  el.dataset.stale = "true";
  const result = el.querySelector('[data-role="result"]');
  result.classList.add("pb-result--stale");
  result.setAttribute("data-stale-note", say("stale", lang));
}

// ---- form <-> values -------------------------------------------------------

function readRows(form, field) {
  const rows = [];
  for (const tr of form.querySelectorAll(`table[data-rows="${CSS.escape(field.name)}"] > tbody > tr`)) {
    const row = {};
    for (const input of tr.querySelectorAll("[name]")) {
      const value = input.value.trim();
      if (value !== "") row[input.name.slice(field.name.length + 1)] = value;
    }
    if (Object.keys(row).length) rows.push(row);
  }
  return rows;
}

function writeRows(form, field, rows) {
  const body = form.querySelector(`table[data-rows="${CSS.escape(field.name)}"] > tbody`);
  const template = form.querySelector(`template[data-row-template="${CSS.escape(field.name)}"]`);
  if (!body || !template) return;
  body.replaceChildren();
  for (const row of Array.isArray(rows) ? rows : []) {
    const tr = template.content.firstElementChild.cloneNode(true);
    for (const input of tr.querySelectorAll("[name]")) {
      const value = row && typeof row === "object" ? row[input.name.slice(field.name.length + 1)] : undefined;
      const text = value === undefined || value === null ? "" : String(value);
      if (input.tagName === "SELECT" && text && ![...input.options].some((o) => o.value === text)) {
        // A pasted value that is not a choice is kept as typed, and the rules say what is wrong with it.
        input.append(new Option(text, text));
      }
      input.value = text;
    }
    body.append(tr);
  }
}

function readForm(form, fields) {
  const values = {};
  for (const field of fields) {
    if (field.kind === "rows") {
      values[field.name] = readRows(form, field);
      continue;
    }
    const inputs = form.querySelectorAll(`[name="${CSS.escape(field.name)}"]`);
    let value = "";
    for (const input of inputs) {
      if (input.type === "radio") {
        if (input.checked) value = input.value;
      } else value = input.value.trim();
    }
    if (value !== "") values[field.name] = value;
  }
  return values;
}

function writeForm(form, fields, values) {
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

// ---- tables: add, remove, paste from a spreadsheet, export as CSV ---------

function parseSheet(text) {
  // Tab-separated (what spreadsheets copy) or CSV with "quoted, cells".
  const lines = text.replace(/\r\n?/g, "\n").split("\n").filter((l) => l.trim() !== "");
  const tab = lines.some((l) => l.includes("\t"));
  return lines.map((line) => {
    if (tab) return line.split("\t").map((c) => c.trim());
    const cells = [];
    let cell = "", quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
        else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === "," || ch === "，") cells.push(cell.trim()), (cell = "");
      else cell += ch;
    }
    cells.push(cell.trim());
    return cells;
  });
}

const norm = (text) => String(text).trim().toLowerCase().replace(/[\s（）()：:]/g, "");

function columnFor(header, columns) {
  const h = norm(header);
  if (!h) return null;
  return (
    columns.find((c) => [c.name, c.label.zh, c.label.en].some((n) => norm(n) === h)) ||
    columns.find((c) => [c.label.zh, c.label.en].some((n) => norm(n).includes(h) || h.includes(norm(n)))) ||
    null
  );
}

function choiceValue(column, text) {
  const t = norm(text);
  const hit = (column.choices || []).find((c) => [c.value, c.label.zh, c.label.en].some((n) => norm(n) === t));
  return hit ? hit.value : text; // unknown text goes through, and the rules name it
}

function sheetToRows(text, field) {
  const table = parseSheet(text);
  if (!table.length) return [];
  const headers = table[0].map((h) => columnFor(h, field.columns));
  const hasHeader = headers.filter(Boolean).length >= Math.min(2, field.columns.length);
  const order = hasHeader ? headers : field.columns;
  return (hasHeader ? table.slice(1) : table).map((cells) => {
    const row = {};
    cells.forEach((cell, i) => {
      const column = order[i];
      if (!column || cell === "") return;
      row[column.name] = column.kind === "choice" ? choiceValue(column, cell) : cell;
    });
    return row;
  });
}

function sameRows(a, b) {
  const clean = (rows) =>
    JSON.stringify(rows.map((r) => Object.entries(r).filter(([, v]) => v !== "" && v != null).map(([k, v]) => [k, String(v)]).sort()));
  return clean(a) === clean(b);
}

function csvCell(value) {
  const text = String(value ?? "");
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function wireRows(form, fields, config) {
  const lang = config.lang;
  const field = (name) => fields.find((f) => f.name === name);
  const edited = () => form.dispatchEvent(new Event("input"));
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button || !button.dataset.rowsFor) {
      const tr = button?.closest("tr");
      if (!tr) return;
      if (button.dataset.action === "remove-row") tr.remove();
      else if (button.dataset.action === "row-up" && tr.previousElementSibling) tr.previousElementSibling.before(tr);
      else if (button.dataset.action === "row-down" && tr.nextElementSibling) tr.nextElementSibling.after(tr);
      else return;
      button.focus();
      edited();
      return;
    }
    const name = button.dataset.rowsFor;
    const spec = field(name);
    const pasteBox = form.querySelector(`[data-paste-for="${CSS.escape(name)}"]`);
    if (button.dataset.action === "add-row") {
      const template = form.querySelector(`template[data-row-template="${CSS.escape(name)}"]`);
      const tr = template.content.firstElementChild.cloneNode(true);
      form.querySelector(`table[data-rows="${CSS.escape(name)}"] > tbody`).append(tr);
      tr.querySelector("input, select")?.focus();
    } else if (button.dataset.action === "paste-rows") {
      pasteBox.hidden = !pasteBox.hidden;
      if (!pasteBox.hidden) pasteBox.querySelector("textarea").focus();
    } else if (button.dataset.action === "paste-fill") {
      const area = pasteBox.querySelector("textarea");
      const pasted = sheetToRows(area.value, spec);
      if (!pasted.length) return;
      const current = readRows(form, spec);
      // The example is replaced; rows the reader typed are kept and the paste goes after them.
      const isExample = sameRows(current, config.defaults[name] || []);
      writeRows(form, spec, isExample ? pasted : current.concat(pasted));
      area.value = "";
      pasteBox.hidden = true;
      edited();
    } else if (button.dataset.action === "csv-rows") {
      const rows = readRows(form, spec);
      const head = spec.columns.map((c) => csvCell(pick(c.label, lang))).join(",");
      const body = rows.map((r) => spec.columns.map((c) => csvCell(r[c.name])).join(","));
      download(`${keyOf(config)}-${name}.csv`, "text/csv;charset=utf-8", "\ufeff" + [head, ...body].join("\r\n") + "\r\n");
    }
  });
}

function sameValues(a, b, fields) {
  const norm = (v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v ?? ""));
  return fields.every((f) => norm(a[f.name] ?? (f.kind === "rows" ? [] : "")) === norm(b[f.name] ?? (f.kind === "rows" ? [] : "")));
}

// ---- answer ----------------------------------------------------------------

const pick = (text, lang) => (text && (text[lang] || text.zh)) || "";

function render(el, config, outcome) {
  const lang = config.lang;
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
    for (const err of outcome.errors) {
      const top = err.field.split(/[.[]/)[0];
      const slot = el.querySelector(`[data-error-for="${CSS.escape(top)}"]`);
      const row = /^[^[]+\[(\d+)\]\.?(.*)$/.exec(err.field);
      if (row) {
        // A table cell: mark it, and list the message (it names row and column) under the table.
        const tr = el.querySelectorAll(`table[data-rows="${CSS.escape(top)}"] > tbody > tr`)[Number(row[1]) - 1];
        const cell = tr && row[2] ? tr.querySelector(`[name="${CSS.escape(top + "." + row[2])}"]`) : null;
        if (cell) {
          cell.classList.add("pb-cell--invalid");
          cell.title = err.message;
        }
      }
      if (slot && (slot.hidden || row)) {
        slot.textContent = slot.hidden ? err.message : `${slot.textContent}\n${err.message}`;
        slot.hidden = false;
        slot.closest(".pb-field")?.classList.add("pb-field--invalid");
        slot.closest("details")?.setAttribute("open", "");
      } else {
        const li = document.createElement("li");
        li.textContent = err.message;
        errorList.append(li);
        loose++;
      }
    }
    errorBox.hidden = loose === 0;
    result.classList.add("pb-result--invalid");
    return; // keep the last good answer visible, dimmed
  }
  errorBox.hidden = true;
  result.classList.remove("pb-result--invalid");
  for (const output of config.spec.outputs) {
    const slot = result.querySelector(`[data-field="${CSS.escape(output.key)}"]`);
    if (slot) slot.replaceWith(renderOutput(output, outcome.result[output.key], lang));
  }
}

// The outcome chart: the same geometry as playbook/chart_svg.py (build time).
const CHART = { W: 560, H: 210, LEFT: 44, RIGHT: 14, TOP: 14, BOTTOM: 34 };
const CHART_TEXT = {
  target: { zh: "目标", en: "target" },
  chance: { zh: "至少赢得该金额的概率", en: "chance of winning at least this much" },
};
const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]);
const yuan = (v) => "¥" + Math.round(v).toLocaleString("en-US");

function chartSvg(dist, lang) {
  const points = (dist.points || []).map((p) => [Number(p.amount), Number(p.at_least)]);
  if (!points.length) return "";
  const { W, H, LEFT, RIGHT, TOP, BOTTOM } = CHART;
  const target = dist.target != null ? Number(dist.target) : null;
  const top = Math.max(...points.map((p) => p[0]), ...(target != null ? [target] : [])) * 1.05 || 1;
  const x = (a) => LEFT + (a / top) * (W - LEFT - RIGHT);
  const y = (p) => TOP + (1 - p) * (H - TOP - BOTTOM);
  const f = (n) => n.toFixed(1);
  const d = [`M${f(x(0))},${f(y(points[0][1]))}`];
  points.forEach(([amount], i) => {
    d.push(`H${f(x(amount))}`);
    d.push(`V${f(y(i + 1 < points.length ? points[i + 1][1] : 0))}`);
  });
  d.push(`H${f(x(top))}`);
  const out = [
    `<svg class="pb-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(pick(CHART_TEXT.chance, lang))}">`,
    `<line class="pb-chart__axis" x1="${LEFT}" y1="${f(y(0))}" x2="${W - RIGHT}" y2="${f(y(0))}"/>`,
    `<line class="pb-chart__axis" x1="${LEFT}" y1="${f(y(1))}" x2="${LEFT}" y2="${f(y(0))}"/>`,
  ];
  for (const p of [0, 0.5, 1]) out.push(`<text class="pb-chart__tick" x="${LEFT - 6}" y="${f(y(p) + 4)}" text-anchor="end">${p * 100}%</text>`);
  out.push(`<path class="pb-chart__curve" d="${d.join(" ")}"/>`);
  for (const key of ["p10", "p50", "p90"]) {
    if (dist[key] == null) continue;
    const xv = x(Number(dist[key]));
    out.push(`<line class="pb-chart__mark" x1="${f(xv)}" y1="${f(y(0))}" x2="${f(xv)}" y2="${f(y(0) + 5)}"/>`);
    out.push(`<text class="pb-chart__tick" x="${f(xv)}" y="${f(y(0) + 16)}" text-anchor="middle">${key.toUpperCase()}</text>`);
  }
  if (target != null) {
    const xt = x(target);
    const chance = dist.p_target != null ? ` · ${Math.round(Number(dist.p_target) * 100)}%` : "";
    const end = xt > W / 2;
    out.push(`<line class="pb-chart__target" x1="${f(xt)}" y1="${f(y(1))}" x2="${f(xt)}" y2="${f(y(0))}"/>`);
    out.push(
      `<text class="pb-chart__label" x="${f(xt + (end ? -4 : 4))}" y="${f(y(1) + 10)}" text-anchor="${end ? "end" : "start"}">` +
        `${esc(pick(CHART_TEXT.target, lang))} ${esc(yuan(target))}${esc(chance)}</text>`,
    );
  }
  out.push(`<text class="pb-chart__tick" x="${W - RIGHT}" y="${H - 4}" text-anchor="end">${esc(yuan(top / 1.05))}</text>`);
  out.push("</svg>");
  return out.join("");
}

// Scalar outputs shown formatted; the exact value stays in data-value. Same as form_html.py.
const SCALARS = {
  money: (t) => {
    const [int, frac = "00"] = t.replace("-", "").split(".");
    return `${t.startsWith("-") ? "-" : ""}¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac.padEnd(2, "0")}`;
  },
  probability: (t) => {
    // Shift the decimal point two places on the text itself: no float rounding.
    const [int, frac = ""] = t.split(".");
    const digits = (int + frac.padEnd(2, "0").slice(0, 2)).replace(/^0+(?=\d)/, "");
    const rest = frac.slice(2).replace(/0+$/, "");
    return `${digits}${rest ? "." + rest : ""}%`;
  },
  ratio: (t) => `${t}×`,
};

function renderOutput(output, value, lang) {
  const box = document.createElement("div");
  box.className = `pb-out pb-out--${output.kind}`;
  box.dataset.field = output.key;
  const label = document.createElement("span");
  label.className = "pb-out__label";
  label.textContent = pick(output.label, lang);
  box.append(label);
  const empty =
    value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length) ||
    (output.kind === "mapping" && !Object.keys(value).length);
  if (empty) {
    box.hidden = true;
    return box;
  }
  if (output.kind === "badge") {
    const badge = document.createElement("span");
    badge.className = "pb-badge";
    badge.dataset.value = String(value);
    badge.textContent = output.labels[value] ? pick(output.labels[value], lang) : String(value);
    box.append(badge);
  } else if (output.kind === "code") {
    const code = document.createElement("code");
    code.textContent = String(value);
    box.append(code);
  } else if (SCALARS[output.kind]) {
    const p = document.createElement("p");
    p.className = "pb-out__text pb-out__num";
    p.dataset.value = String(value);
    p.textContent = SCALARS[output.kind](String(value));
    box.append(p);
  } else if (output.kind === "chart") {
    const holder = document.createElement("div");
    holder.innerHTML = chartSvg(value, lang); // numbers and fixed labels only, all escaped
    box.append(...holder.childNodes);
  } else if (output.kind === "table" || output.kind === "mapping") {
    const table = document.createElement("table");
    table.className = output.kind === "table" ? "pb-table" : "pb-table pb-table--pairs";
    const cellText = (v) => (v === null || v === undefined ? "—" : Array.isArray(v) ? v.map(cellText).join("、") : String(v));
    if (output.kind === "table") {
      const head = table.createTHead().insertRow();
      for (const col of output.columns) {
        const th = document.createElement("th");
        th.textContent = pick(col.label, lang);
        head.append(th);
      }
      const body = table.createTBody();
      for (const item of value) {
        const tr = body.insertRow();
        for (const col of output.columns) tr.insertCell().textContent = cellText(item[col.key]);
      }
    } else {
      const body = table.createTBody();
      for (const [key, v] of Object.entries(value)) {
        const tr = body.insertRow();
        const th = document.createElement("th");
        th.textContent = key;
        tr.append(th);
        tr.insertCell().textContent = cellText(v);
      }
    }
    box.append(table);
  } else if (output.kind === "list") {
    const ul = document.createElement("ul");
    for (const item of value) {
      const li = document.createElement("li");
      li.textContent = String(item);
      ul.append(li);
    }
    box.append(ul);
  } else {
    const p = document.createElement("p");
    p.className = "pb-out__text";
    p.textContent = String(value);
    box.append(p);
  }
  return box;
}
})();
