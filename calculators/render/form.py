"""A calculator's form as HTML, from its catalog entry: the one renderer of inputs (the answer is ``render.__init__``'s).

Only the build writes forms; the page's scripts fill them in (saved inputs,
pasted rows) and never build them. The test hooks are stable:
``data-calculator``, ``data-state``, inputs named by payload keys and
``data-role="result"``. All text is escaped: typed text is text.

Made for a phone and a keyboard as much as for a desktop: every input has a
label (a table cell's is inside the cell, shown when the table turns into one
card per row on a narrow screen), its help and its error slot are tied to it
with ``aria-describedby``, and every row has a numbered header and labelled
buttons to move or remove it (Alt+↑/↓ moves the row being edited).

A policy field (``kind: policy``, the commission split's) is a fold of
labelled inputs, one per policy value the calculation lets a reader try,
each from the policy's own declaration (label, help, unit, bounds or
choices) with the course's value beside it; an input left empty keeps the
course's value. Each input is named ``FIELD.PATH`` (``policy.fines.dumping.min``),
the path a problem with it is reported at. Standard library only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from ..numbers import number_text

UI = {
    "policy_now": {"zh": "公司政策：{value}", "en": "Company policy: {value}"},
    "policy_keep": {"zh": "按公司政策（{value}）", "en": "As the company's policy ({value})"},
    "evidence": {"zh": "补充信息（可选）", "en": "More details (optional)"},
    "none": {"zh": "— 未填 —", "en": "— not set —"},
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


def _options(choices: list[Mapping[str, Any]], value: Any, lang: str, blank: str) -> list[tuple[str, str, bool]]:
    """A select's options as (value, text, selected), after a first empty one reading ``blank``."""
    return [("", blank, False)] + [(str(c["value"]), _pick(c["label"], lang), c["value"] == value) for c in choices]


# A closed <select> shows its chosen option on one line, cut where the box ends: on a phone a long option
# would be unreadable. A select with an option longer than LONG (in half-width characters: a Chinese one
# counts two) is drawn with the chosen option's whole text wrapped over its box (calc.css, .pb-select: a rule
# per option position, up to SHOWN_MAX); the select itself stays the control, read aloud and tapped.
LONG, SHOWN_MAX = 22, 12


def _width(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _is_long(options: list[tuple[str, str, bool]]) -> bool:
    """Whether a select's options need the wrapped display of the chosen one."""
    return len(options) <= SHOWN_MAX and any(_width(text) > LONG for _, text, _ in options)


def _select(attrs: str, options: list[tuple[str, str, bool]]) -> str:
    """A select (``attrs`` its attributes), wrapped with its options' whole text when one is long."""
    opts = "".join(f'<option value="{_attr(v)}"{" selected" if sel else ""}>{escape(text)}</option>' for v, text, sel in options)
    select = f"<select {attrs}>{opts}</select>"
    if not _is_long(options):
        return select
    shown = "".join(f"<span>{escape(text)}</span>" for _, text, _ in options)
    return f'<span class="pb-select">{select}<span class="pb-select__shown" aria-hidden="true">{shown}</span></span>'


def _cell_html(field: str, column: Mapping[str, Any], value: Any, lang: str) -> str:
    """One cell: its input inside a label that names the column (read aloud, and shown on a phone's row card)."""
    name = f"{field}.{column['name']}"
    kind = column["kind"]
    label = f'<span class="pb-cell__label">{escape(_pick(column["label"], lang))}</span>'
    long = ""
    if kind == "choice":
        options = _options(column["choices"], value, lang, blank=t("none", lang))
        control = _select(f'name="{_attr(name)}"', options)
        long = " pb-cell--long" if _is_long(options) else ""  # the whole width of a phone's row card
    else:
        control = _text_input(name, kind, value)
    return (f'<td class="pb-cell pb-cell--{_attr(kind)}{long}" data-col="{_attr(column["name"])}">'
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


def _field_html(field: Mapping[str, Any], value: Any, lang: str, uid: str, policy: Mapping[str, Any] | None = None) -> str:
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
        parts.append(_select(f'id="{fid}" name="{_attr(name)}"{described}', _options(field["choices"], value, lang, blank=t("none", lang))))
    elif kind == "rows":
        parts.append(_rows_html(field, value, lang, fid))
    elif kind == "policy":
        return _policy_html(field, value, lang, fid, policy)
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


# --------------------------------------------------------------------------- policy values


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, Mapping) or part not in data:
            return None
        data = data[part]
    return data


def _value_text(entry: Mapping[str, Any], value: Any, lang: str) -> str:
    """A policy value as a reader reads it: ``7 天``, ``¥20.00``, ``20%``, a choice's label."""
    if value is None:
        return ""
    if entry.get("choices"):
        text = str(value).lower() if isinstance(value, bool) else str(value)
        label = next((c["label"] for c in entry["choices"] if c["value"] == text), None)
        return _pick(label, lang) if label else text
    shown = number_text(entry["kind"], value)
    unit = entry.get("unit")
    if entry["kind"] == "money" or not unit:
        return shown
    return f"{shown} {_pick(unit, lang)}"


def _policy_value_html(field: str, entry: Mapping[str, Any], now: Any, typed: Any, lang: str, fid: str) -> str:
    """One policy value: its input (empty keeps the course's value, shown under it), unit, help and error slot."""
    name = f"{field}.{entry['path']}"
    vid = f"{fid}-{entry['path'].replace('.', '-')}"
    now_text = _value_text(entry, now, lang)
    described = f' aria-describedby="{vid}-help {vid}-error"'
    parts = [f'<div class="pb-field pb-field--{_attr(entry["kind"])}" data-name="{_attr(name)}">',
             f'<label class="pb-label" for="{vid}">{escape(_pick(entry["label"], lang))}</label>']
    if entry.get("choices"):
        keep = t("policy_keep", lang).format(value=now_text)
        parts.append(_select(f'id="{vid}" name="{_attr(name)}"{described}', _options(entry["choices"], typed, lang, blank=keep)))
    else:
        unit = entry.get("unit") if entry["kind"] != "probability" else None
        suffix = f'<span class="pb-unit" aria-hidden="true">{escape(_pick(unit, lang))}</span>' if unit else ""
        control = _text_input(name, entry["kind"], typed, f' id="{vid}"{described}')
        parts.append(f'<div class="pb-input">{control}{suffix}</div>')
    now_line = escape(t("policy_now", lang).format(value=now_text)) if now_text else ""
    parts.append(f'<p class="pb-help" id="{vid}-help">{escape(_pick(entry["help"], lang))} <strong>{now_line}</strong></p>')
    parts.append(f'<p class="pb-error" id="{vid}-error" data-error-for="{_attr(name)}" hidden></p></div>')
    return "".join(parts)


def _policy_html(field: Mapping[str, Any], value: Any, lang: str, fid: str, policy: Mapping[str, Any] | None) -> str:
    """A policy field: a fold of its values, those in one mapping of the section together under its label."""
    name = field["name"]
    section = (policy or {}).get(field["section"]) or {}
    typed = value if isinstance(value, Mapping) else {}
    given = lambda path: typed.get(path, _at(typed, path))  # noqa: E731  (flat as a form sends, or nested)
    opened = " open" if any(given(e["path"]) not in (None, "") for e in field["values"]) else ""
    parts = [f'<div class="pb-field pb-field--policy" data-name="{_attr(name)}">',
             f'<details class="pb-more pb-policy"{opened}><summary>{escape(_pick(field["label"], lang))}</summary>',
             f'<p class="pb-help" id="{fid}-help">{escape(_pick(field["help"], lang))}</p>',
             f'<p class="pb-error" id="{fid}-error" data-error-for="{_attr(name)}" hidden></p>']
    group = None
    for entry in field["values"]:
        if entry["in"] != group:
            if group:
                parts.append("</fieldset>")
            group = entry["in"]
            if group:
                info = field["groups"][group]
                gid = f"{fid}-{group.replace('.', '-')}"
                parts.append(f'<fieldset class="pb-policy__group" aria-describedby="{gid}-help {gid}-error">'
                             f'<legend class="pb-label">{escape(_pick(info["label"], lang))}</legend>'
                             f'<p class="pb-help" id="{gid}-help">{escape(_pick(info["help"], lang))}</p>'
                             f'<p class="pb-error" id="{gid}-error" data-error-for="{_attr(name + "." + group)}" hidden></p>')
        typed_value = given(entry["path"])
        parts.append(_policy_value_html(name, entry, _at(section, entry["path"]), None if isinstance(typed_value, Mapping) else typed_value, lang, fid))
    if group:
        parts.append("</fieldset>")
    parts.append("</details></div>")
    return "".join(parts)


def form_html(spec: Mapping[str, Any], values: Mapping[str, Any], lang: str, uid: str,
              policy: Mapping[str, Any] | None = None) -> str:
    """The form: fields grouped as the catalog groups them; optional ones folded. ``policy`` (the course's
    sections) gives a policy field the values it shows beside each of its inputs."""
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
        out.extend(_field_html(f, values.get(f["name"], f["default"]), lang, uid, policy) for f in main)
        if extra:
            opened = " open" if any(values.get(f["name"]) not in (None, "") for f in extra) else ""
            out.append(f'<details class="pb-more"{opened}><summary>{escape(t("evidence", lang))}</summary>')
            out.extend(_field_html(f, values.get(f["name"], f["default"]), lang, uid, policy) for f in extra)
            out.append("</details>")
        out.append("</div>")
    out.append("</form>")
    return "".join(out)


