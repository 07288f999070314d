"""HTML for a calculator's form, generated from the catalog (the answer is ``calculators.render``'s).

Only the build writes forms; the page's scripts fill them in (saved inputs,
pasted rows) and never build them. The test hooks are stable:
``data-calculator``, ``data-state``, inputs named by payload keys,
``data-role="result"`` and one ``data-field="KEY"`` per result key (the
answer). All text is escaped: typed text is text.

Made for a phone and a keyboard as much as for a desktop: every input has a
label (a table cell's is inside the cell, shown when the table turns into one
card per row on a narrow screen), its help and its error slot are tied to it
with ``aria-describedby``, and every row has a numbered header and labelled
buttons to move or remove it (Alt+↑/↓ moves the row being edited).
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, Mapping

UI = {
    "loading": {"zh": "正在启动计算引擎…下面是示例答案。", "en": "Starting the calculator… the answer below is the example."},
    "evidence": {"zh": "补充信息（可选）", "en": "More details (optional)"},
    "none": {"zh": "— 未填 —", "en": "— not set —"},
    "file": {
        "zh": "计算器需要通过网址打开，不能直接从文件打开。请在课程文件夹里运行 <code>python3 serve.py</code>（在项目里也可用 <code>playbook serve</code>），再访问 <code>http://127.0.0.1:8000</code>。正文可照常阅读。",
        "en": "The calculators need the site served over HTTP, not opened from a file. In the course folder run <code>python3 serve.py</code> (in the project, <code>playbook serve</code>) and open <code>http://127.0.0.1:8000</code>. The text reads fine as it is.",
    },
    "noscript": {"zh": "计算器需要开启 JavaScript。", "en": "The calculator needs JavaScript."},
    "add_row": {"zh": "+ 添加一行", "en": "+ Add a row"},
    "row": {"zh": "第 {n} 行", "en": "Row {n}"},
    "row_head": {"zh": "行", "en": "Row"},
    "row_tools": {"zh": "移动或删除", "en": "Move or remove"},
    "remove_row": {"zh": "删除第 {n} 行", "en": "Remove row {n}"},
    "row_up": {"zh": "把第 {n} 行上移", "en": "Move row {n} up"},
    "row_down": {"zh": "把第 {n} 行下移", "en": "Move row {n} down"},
    "rows_keys": {"zh": "键盘：在一行里按 Alt+↑ 或 Alt+↓ 移动这一行。", "en": "Keyboard: Alt+↑ or Alt+↓ in a row moves that row."},
    "paste": {"zh": "从表格粘贴", "en": "Paste from a spreadsheet"},
    "rows_folded": {"zh": "表格很长，这里只列出前 {n} 行，其余的行照样参与计算。", "en": "A long table: only its first {n} rows are listed here; the others count all the same."},
    "rows_show": {"zh": "显示全部行", "en": "Show every row"},
    "paste_help": {
        "zh": "从 Excel、WPS 或在线表格连同标题行复制几行（标题中文或英文均可；¥、万、千分位、% 和 2025/7/1 这样的日期都认得），粘贴到这里：",
        "en": "Copy rows from Excel, WPS or an online sheet with their header row (in Chinese or English; ¥, 万, thousands separators, % and dates like 2025/7/1 are understood) and paste them here:",
    },
    "paste_fill": {"zh": "填入表格", "en": "Fill the table"},
    "csv": {"zh": "导出 CSV", "en": "Export CSV"},
    "columns_help": {"zh": "每一栏怎么填", "en": "What goes in each column"},
    "pick": {"date": {"zh": "选日期", "en": "Pick a date"}, "time": {"zh": "选时刻", "en": "Pick a time"},
             "datetime": {"zh": "选日期和时间", "en": "Pick a date and time"}},
    "now": {"date": {"zh": "今天", "en": "Today"}, "time": {"zh": "现在", "en": "Now"}, "datetime": {"zh": "现在", "en": "Now"}},
    "now_label": {"date": {"zh": "填入今天的日期", "en": "Fill in today's date"},
                  "time": {"zh": "填入现在的时刻", "en": "Fill in the time now"},
                  "datetime": {"zh": "填入现在的日期和时间", "en": "Fill in the date and time now"}},
    "answer": {"zh": "答案", "en": "Answer"},
    "to_answer": {"zh": "看答案 ↓", "en": "See the answer ↓"},
}

# Inputs whose kind a native picker knows, with the type of that picker.
PICKERS = {"date": "date", "time": "time", "datetime": "datetime-local"}
MODES = {"money": "decimal", "integer": "numeric", "decimal": "decimal", "probability": "decimal"}

CALENDAR = ('<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">'
            '<path fill="currentColor" d="M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 '
            '7h14v11H5V9Zm2 2v2h2v-2H7Zm4 0v2h2v-2h-2Zm4 0v2h2v-2h-2Zm-8 4v2h2v-2H7Zm4 0v2h2v-2h-2Z"/></svg>')


def t(key: str, lang: str) -> str:
    return UI[key].get(lang) or UI[key]["zh"]


def _pick(text: Mapping[str, str], lang: str) -> str:
    return text.get(lang) or text.get("zh", "")


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _when_tools(kind: str, lang: str) -> str:
    """A date or time input's picker (the browser's own, for the reader who would rather tap than type) and "now"."""
    if kind not in PICKERS:
        return ""
    pick, now, now_label = (_pick(UI[k][kind], lang) for k in ("pick", "now", "now_label"))
    return (
        f'<span class="pb-when" data-when="{kind}">'
        f'<button type="button" class="pb-icon-btn" data-action="pick" aria-label="{_attr(pick)}" title="{_attr(pick)}" hidden>{CALENDAR}</button>'
        f'<input type="{PICKERS[kind]}" class="pb-picker" tabindex="-1" aria-hidden="true" aria-label="{_attr(pick)}">'
        f'<button type="button" class="pb-tool pb-now" data-action="now" aria-label="{_attr(now_label)}">{escape(now)}</button>'
        "</span>"
    )


def _text_input(name: str, kind: str, value: Any, extra: str = "") -> str:
    shown = "" if value is None else str(value)
    return (f'<input type="text" name="{_attr(name)}" inputmode="{MODES.get(kind, "text")}" value="{_attr(shown)}"'
            f' autocomplete="off"{extra}>')


def _options(choices: list[Mapping[str, Any]], value: Any, lang: str, blank: bool) -> str:
    opts = [f'<option value="">{escape(t("none", lang))}</option>'] if blank else []
    for choice in choices:
        sel = " selected" if choice["value"] == value else ""
        opts.append(f'<option value="{_attr(choice["value"])}"{sel}>{escape(_pick(choice["label"], lang))}</option>')
    return "".join(opts)


def _cell_html(field: str, column: Mapping[str, Any], value: Any, lang: str) -> str:
    """One cell: its input inside a label that names the column (read aloud, and shown on a phone's row card)."""
    name = f"{field}.{column['name']}"
    kind = column["kind"]
    label = f'<span class="pb-cell__label">{escape(_pick(column["label"], lang))}</span>'
    if kind == "choice":
        control = f'<select name="{_attr(name)}">{_options(column["choices"], value, lang, blank=True)}</select>'
    else:
        control = _text_input(name, kind, value)
    return (f'<td class="pb-cell pb-cell--{_attr(kind)}" data-col="{_attr(column["name"])}">'
            f'<label class="pb-cell__field">{label}{control}</label>{_when_tools(kind, lang)}</td>')


# About how wide (px) a column's input is in a table; a table whose columns fit FITS is shown as a table on a
# wide screen, a wider one keeps one card per row (its columns would scroll out of sight).
COLUMN_WIDTH = {"text": 150, "agent": 80, "money": 100, "probability": 100, "decimal": 100, "integer": 70, "time": 110,
                "choice": 110, "date": 160, "datetime": 210}
ROW_PARTS, FITS = 150, 580  # the row's number and buttons; the room a wide screen's text column has


def fits(field: Mapping[str, Any]) -> bool:
    """Whether table ``field`` fits a wide screen's text column as a table."""
    return ROW_PARTS + sum(COLUMN_WIDTH.get(c["kind"], 120) + 6 for c in field["columns"]) <= FITS


# A long table that the page's script fills (a paste, saved inputs) shows its first rows only, the
# others kept as values until the reader asks for them: laying out thousands of inputs takes a
# browser seconds. The script reads the number here, from the bar's data-shown.
FOLD_AT = 50


def _row_html(field: Mapping[str, Any], row: Mapping[str, Any], n: int | None, lang: str) -> str:
    """One row: its number (a row header), its cells and its tools; the script renumbers rows as they move."""
    cells = "".join(_cell_html(field["name"], c, row.get(c["name"]), lang) for c in field["columns"])
    num = "" if n is None else str(n)
    label = "" if n is None else t("row", lang).format(n=n)

    def button(action: str, key: str, text: str, extra: str = "") -> str:
        aria = "" if n is None else f' aria-label="{_attr(t(key, lang).format(n=n))}"'
        return f'<button type="button" class="pb-row-btn{extra}" data-action="{action}"{aria}>{text}</button>'

    tools = ('<td class="pb-row-tools">' + button("row-up", "row_up", "↑") + button("row-down", "row_down", "↓")
             + button("remove-row", "remove_row", "×", " pb-row-remove") + "</td>")
    head = (f'<th scope="row" class="pb-row-n"><span class="pb-row-n__num" aria-hidden="true">{num}</span>'
            f'<span class="pb-row-n__label">{escape(label)}</span></th>')
    return f"<tr>{head}{cells}{tools}</tr>"


def _rows_html(field: Mapping[str, Any], value: Any, lang: str, fid: str) -> str:
    """A table input: one numbered row per item, a template for new rows, add, paste and export."""
    name = _attr(field["name"])
    head = "".join(f'<th scope="col">{escape(_pick(c["label"], lang))}</th>' for c in field["columns"])
    rows = [row for row in (value or []) if isinstance(row, Mapping)]
    body = "".join(_row_html(field, row, n, lang) for n, row in enumerate(rows, start=1))
    labels = {"row": t("row", lang), "up": t("row_up", lang), "down": t("row_down", lang), "remove": t("remove_row", lang)}
    types = field.get("types")  # rows whose columns depend on a type (the event log): {type: {required, optional}}
    typed = f' data-types="{_attr(json.dumps(types, separators=(",", ":")))}"' if types else ""
    return (
        f'<span class="pb-label" id="{fid}-label">{escape(_pick(field["label"], lang))}</span>'
        f'<div class="pb-rows-wrap"><table class="pb-rows{" pb-rows--fits" if fits(field) else ""}" data-rows="{name}" aria-labelledby="{fid}-label" '
        f'aria-describedby="{fid}-help {fid}-keys"{typed} data-labels="{_attr(json.dumps(labels, ensure_ascii=False))}">'
        f'<thead><tr><th scope="col" class="pb-row-n">{escape(t("row_head", lang))}</th>{head}'
        f'<th scope="col" class="pb-row-tools"><span class="pb-sr">{escape(t("row_tools", lang))}</span></th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
        f'<p class="pb-rows-more" data-rows-more="{name}" data-shown="{FOLD_AT}" hidden>'
        f'{escape(t("rows_folded", lang).format(n=FOLD_AT))} '
        f'<button type="button" class="pb-tool" data-action="show-rows" data-rows-for="{name}">{escape(t("rows_show", lang))}</button></p>'
        f'<template data-row-template="{name}">{_row_html(field, {}, None, lang)}</template>'
        f'<div class="pb-rows-tools">'
        f'<button type="button" class="pb-tool" data-action="add-row" data-rows-for="{name}">{escape(t("add_row", lang))}</button>'
        f'<button type="button" class="pb-tool" data-action="paste-rows" data-rows-for="{name}" aria-expanded="false">{escape(t("paste", lang))}</button>'
        f'<button type="button" class="pb-tool" data-action="csv-rows" data-rows-for="{name}">{escape(t("csv", lang))}</button>'
        "</div>"
        f'<div class="pb-paste" data-paste-for="{name}" hidden><label>{escape(t("paste_help", lang))}'
        f'<textarea rows="5" data-role="paste-text" spellcheck="false"></textarea></label>'
        f'<button type="button" class="pb-tool" data-action="paste-fill" data-rows-for="{name}">{escape(t("paste_fill", lang))}</button>'
        f'<p class="pb-error" data-role="paste-errors" role="alert" hidden></p></div>'
        f'<p class="pb-help pb-paste-note" data-paste-note="{name}" role="status" hidden></p>'
        f'<p class="pb-help pb-sr" id="{fid}-keys">{escape(t("rows_keys", lang))}</p>'
        f"{_columns_help(field, lang)}"
    )


def _columns_help(field: Mapping[str, Any], lang: str) -> str:
    """What each column takes (its help), folded under the table: a row card has no room for it."""
    items = "".join(f"<li><strong>{escape(_pick(c['label'], lang))}</strong>：{escape(_pick(c['help'], lang))}</li>"
                    if lang == "zh" else f"<li><strong>{escape(_pick(c['label'], lang))}</strong>: {escape(_pick(c['help'], lang))}</li>"
                    for c in field["columns"] if _pick(c["help"], lang))
    if not items:
        return ""
    return (f'<details class="pb-more pb-columns-help"><summary>{escape(t("columns_help", lang))}</summary>'
            f'<ul class="pb-help">{items}</ul></details>')


def _field_html(field: Mapping[str, Any], value: Any, lang: str, uid: str) -> str:
    name = field["name"]
    fid = f"{uid}-{name}"
    label = escape(_pick(field["label"], lang))
    help_ = escape(_pick(field["help"], lang))
    kind = field["kind"]
    described = f' aria-describedby="{fid}-help {fid}-error"'
    parts = [f'<div class="pb-field pb-field--{kind}" data-name="{_attr(name)}">']
    if kind == "choice" and field["required"]:
        parts.append(f'<span class="pb-label" id="{fid}-label">{label}</span>')
        parts.append(f'<div class="pb-seg" role="radiogroup" aria-labelledby="{fid}-label"{described}>')
        for choice in field["choices"]:
            checked = " checked" if choice["value"] == value else ""
            parts.append(
                f'<label class="pb-seg__opt"><input type="radio" name="{_attr(name)}" value="{_attr(choice["value"])}"{checked}>'
                f'<span>{escape(_pick(choice["label"], lang))}</span></label>'
            )
        parts.append("</div>")
    elif kind == "choice":
        parts.append(f'<label class="pb-label" for="{fid}">{label}</label>')
        parts.append(f'<select id="{fid}" name="{_attr(name)}"{described}>{_options(field["choices"], value, lang, blank=True)}</select>')
    elif kind == "rows":
        parts.append(_rows_html(field, value, lang, fid))
    elif kind == "fixed":  # chosen by the page (a scorecard's id): sent, not shown
        return f'<input type="hidden" name="{_attr(name)}" value="{_attr(value)}">'
    else:
        parts.append(f'<label class="pb-label" for="{fid}">{label}</label>')
        control = _text_input(name, kind, value, f' id="{fid}"{described}')
        parts.append(f'<div class="pb-input">{control}{_when_tools(kind, lang)}</div>')
    parts.append(f'<p class="pb-help" id="{fid}-help">{help_}</p>')
    parts.append(f'<p class="pb-error" id="{fid}-error" data-error-for="{_attr(name)}" hidden></p>')
    parts.append("</div>")
    return "".join(parts)


def form_html(spec: Mapping[str, Any], values: Mapping[str, Any], lang: str, uid: str) -> str:
    """The form: fields grouped as the catalog groups them; optional ones folded."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for field in spec["fields"]:
        if field["kind"] == "paste":
            continue  # on a page, pasting goes through the table's own "paste from a spreadsheet" button
        groups.setdefault(field["group"] or field["name"], []).append(field)
    out = ['<form class="pb-form" data-role="form" novalidate autocomplete="off">']
    for group, fields in groups.items():
        if all(f["kind"] == "fixed" for f in fields):
            out.extend(_field_html(f, values.get(f["name"], f["default"]), lang, uid) for f in fields)
            continue
        main = [f for f in fields if f["required"]] or fields[:1]
        extra = [f for f in fields if f not in main]
        out.append(f'<div class="pb-group" data-group="{_attr(group)}">')
        out.extend(_field_html(f, values.get(f["name"], f["default"]), lang, uid) for f in main)
        if extra:
            opened = " open" if any(values.get(f["name"]) not in (None, "") for f in extra) else ""
            out.append(f'<details class="pb-more"{opened}><summary>{escape(t("evidence", lang))}</summary>')
            out.extend(_field_html(f, values.get(f["name"], f["default"]), lang, uid) for f in extra)
            out.append("</details>")
        out.append("</div>")
    out.append("</form>")
    return "".join(out)


SLIP = {
    "zh": ("本单依据以上输入和公司规则生成。", ("经办人", "当事顾问", "销售经理", "日期")),
    "en": ("Produced from the inputs above under the company rules.", ("Prepared by", "Agent(s)", "Sales manager", "Date")),
}
# Lines a calculator's slip starts with, to be filled in by hand: whom the slip is about.
SLIP_HEAD = {
    "qualification": {"zh": ("客户姓名／单位",), "en": ("Prospect (name, company)",)},
}


def slip_head_html(name: str, lang: str) -> str:
    """The lines at the top of calculator ``name``'s printed slip (the prospect's name on a qualification)."""
    roles = SLIP_HEAD.get(name, {}).get(lang, ())
    lines = "".join(f'<div class="pb-slip__line"><span>{escape(r)}</span></div>' for r in roles)
    return f'<div class="pb-slip pb-slip--head">{lines}</div>' if lines else ""


def slip_html(lang: str) -> str:
    """Signature lines, shown only when a calculator is printed as a slip."""
    note, roles = SLIP.get(lang, SLIP["zh"])
    lines = "".join(f'<div class="pb-slip__line"><span>{escape(r)}</span></div>' for r in roles)
    return f'<p class="pb-slip__note">{escape(note)}</p><div class="pb-slip__lines">{lines}</div>'


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
