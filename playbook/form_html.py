"""HTML for a calculator's form, generated from the catalog (the answer is ``calculators.render``'s).

Only the build writes forms; the page's scripts fill them in (saved inputs,
pasted rows) and never build them. The test hooks are stable:
``data-calculator``, ``data-state``, inputs named by payload keys,
``data-role="result"`` and one ``data-field="KEY"`` per result key (the
answer). All text is escaped: typed text is text.
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
    "remove_row": {"zh": "删除这一行", "en": "Remove this row"},
    "row_up": {"zh": "上移这一行", "en": "Move this row up"},
    "row_down": {"zh": "下移这一行", "en": "Move this row down"},
    "paste": {"zh": "从表格粘贴", "en": "Paste from a spreadsheet"},
    "rows_folded": {"zh": "表格很长，这里只列出前 {n} 行，其余的行照样参与计算。", "en": "A long table: only its first {n} rows are listed here; the others count all the same."},
    "rows_show": {"zh": "显示全部行", "en": "Show every row"},
    "paste_help": {
        "zh": "从 Excel、WPS 或在线表格连同标题行复制几行（标题中文或英文均可；¥、万、千分位、% 和 2025/7/1 这样的日期都认得），粘贴到这里：",
        "en": "Copy rows from Excel, WPS or an online sheet with their header row (in Chinese or English; ¥, 万, thousands separators, % and dates like 2025/7/1 are understood) and paste them here:",
    },
    "paste_fill": {"zh": "填入表格", "en": "Fill the table"},
    "csv": {"zh": "导出 CSV", "en": "Export CSV"},
}


def t(key: str, lang: str) -> str:
    return UI[key].get(lang) or UI[key]["zh"]


def _pick(text: Mapping[str, str], lang: str) -> str:
    return text.get(lang) or text.get("zh", "")


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _cell_html(field: str, column: Mapping[str, Any], value: Any, lang: str) -> str:
    name = _attr(f"{field}.{column['name']}")
    label = _attr(_pick(column["label"], lang))
    if column["kind"] == "choice":
        opts = [f'<option value="">{escape(t("none", lang))}</option>']
        for choice in column["choices"]:
            sel = " selected" if choice["value"] == value else ""
            opts.append(f'<option value="{_attr(choice["value"])}"{sel}>{escape(_pick(choice["label"], lang))}</option>')
        return f'<td class="pb-cell pb-cell--choice"><select name="{name}" aria-label="{label}">{"".join(opts)}</select></td>'
    mode = {"money": "decimal", "integer": "numeric", "decimal": "decimal"}.get(column["kind"], "text")
    shown = "" if value is None else str(value)
    return (
        f'<td class="pb-cell pb-cell--{_attr(column["kind"])}"><input type="text" name="{name}" inputmode="{mode}"'
        f' value="{_attr(shown)}" aria-label="{label}" autocomplete="off"></td>'
    )


# A long table that the page's script fills (a paste, saved inputs) shows its first rows only, the
# others kept as values until the reader asks for them: laying out thousands of inputs takes a
# browser seconds. The script reads the number here, from the bar's data-shown.
FOLD_AT = 50


def _row_html(field: Mapping[str, Any], row: Mapping[str, Any], lang: str) -> str:
    cells = "".join(_cell_html(field["name"], c, row.get(c["name"]), lang) for c in field["columns"])
    tools = (
        f'<td class="pb-row-tools"><button type="button" class="pb-row-btn" data-action="row-up" aria-label="{_attr(t("row_up", lang))}">↑</button>'
        f'<button type="button" class="pb-row-btn" data-action="row-down" aria-label="{_attr(t("row_down", lang))}">↓</button>'
        f'<button type="button" class="pb-row-btn pb-row-remove" data-action="remove-row" aria-label="{_attr(t("remove_row", lang))}">×</button></td>'
    )
    return f"<tr>{cells}{tools}</tr>"


def _rows_html(field: Mapping[str, Any], value: Any, lang: str, fid: str) -> str:
    """A table input: one row per item, a template for new rows, add and remove buttons."""
    name = _attr(field["name"])
    head = "".join(f"<th>{escape(_pick(c['label'], lang))}</th>" for c in field["columns"])
    body = "".join(_row_html(field, row, lang) for row in (value or []) if isinstance(row, Mapping))
    return (
        f'<span class="pb-label" id="{fid}-label">{escape(_pick(field["label"], lang))}</span>'
        f'<div class="pb-rows-wrap"><table class="pb-rows" data-rows="{name}" aria-labelledby="{fid}-label">'
        f"<thead><tr>{head}<th></th></tr></thead><tbody>{body}</tbody></table></div>"
        f'<p class="pb-rows-more" data-rows-more="{name}" data-shown="{FOLD_AT}" hidden>'
        f'{escape(t("rows_folded", lang).format(n=FOLD_AT))} '
        f'<button type="button" class="pb-tool" data-action="show-rows" data-rows-for="{name}">{escape(t("rows_show", lang))}</button></p>'
        f'<template data-row-template="{name}">{_row_html(field, {}, lang)}</template>'
        f'<div class="pb-rows-tools">'
        f'<button type="button" class="pb-tool" data-action="add-row" data-rows-for="{name}">{escape(t("add_row", lang))}</button>'
        f'<button type="button" class="pb-tool" data-action="paste-rows" data-rows-for="{name}">{escape(t("paste", lang))}</button>'
        f'<button type="button" class="pb-tool" data-action="csv-rows" data-rows-for="{name}">{escape(t("csv", lang))}</button>'
        "</div>"
        f'<div class="pb-paste" data-paste-for="{name}" hidden><label>{escape(t("paste_help", lang))}'
        f'<textarea rows="5" data-role="paste-text" spellcheck="false"></textarea></label>'
        f'<button type="button" class="pb-tool" data-action="paste-fill" data-rows-for="{name}">{escape(t("paste_fill", lang))}</button>'
        f'<p class="pb-error" data-role="paste-errors" role="alert" hidden></p></div>'
        f'<p class="pb-help pb-paste-note" data-paste-note="{name}" role="status" hidden></p>'
    )


def _field_html(field: Mapping[str, Any], value: Any, lang: str, uid: str) -> str:
    name = field["name"]
    fid = f"{uid}-{name}"
    label = escape(_pick(field["label"], lang))
    help_ = escape(_pick(field["help"], lang))
    kind = field["kind"]
    parts = [f'<div class="pb-field pb-field--{kind}" data-name="{_attr(name)}">']
    if kind == "choice" and field["required"]:
        parts.append(f'<span class="pb-label" id="{fid}-label">{label}</span>')
        parts.append(f'<div class="pb-seg" role="radiogroup" aria-labelledby="{fid}-label">')
        for choice in field["choices"]:
            checked = " checked" if choice["value"] == value else ""
            parts.append(
                f'<label class="pb-seg__opt"><input type="radio" name="{_attr(name)}" value="{_attr(choice["value"])}"{checked}>'
                f'<span>{escape(_pick(choice["label"], lang))}</span></label>'
            )
        parts.append("</div>")
    elif kind == "choice":
        parts.append(f'<label class="pb-label" for="{fid}">{label}</label>')
        parts.append(f'<select id="{fid}" name="{_attr(name)}"><option value="">{escape(t("none", lang))}</option>')
        for choice in field["choices"]:
            sel = " selected" if choice["value"] == value else ""
            parts.append(f'<option value="{_attr(choice["value"])}"{sel}>{escape(_pick(choice["label"], lang))}</option>')
        parts.append("</select>")
    elif kind == "rows":
        parts.append(_rows_html(field, value, lang, fid))
    elif kind == "fixed":  # chosen by the page (a scorecard's id): sent, not shown
        return f'<input type="hidden" name="{_attr(name)}" value="{_attr(value)}">'

    else:
        mode = {"money": "decimal", "integer": "numeric"}.get(kind, "text")
        shown = "" if value is None else str(value)
        parts.append(f'<label class="pb-label" for="{fid}">{label}</label>')
        parts.append(
            f'<input id="{fid}" name="{_attr(name)}" type="text" inputmode="{mode}" value="{_attr(shown)}"'
            f' aria-describedby="{fid}-help {fid}-error" autocomplete="off">'
        )
    parts.append(f'<p class="pb-help" id="{fid}-help">{help_}</p>')
    parts.append(f'<p class="pb-error" id="{fid}-error" data-error-for="{_attr(name)}" role="alert" hidden></p>')
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


def slip_html(lang: str) -> str:
    """Signature lines, shown only when a calculator is printed as a slip."""
    note, roles = SLIP.get(lang, SLIP["zh"])
    lines = "".join(f'<div class="pb-slip__line"><span>{escape(r)}</span></div>' for r in roles)
    return f'<p class="pb-slip__note">{escape(note)}</p><div class="pb-slip__lines">{lines}</div>'


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
