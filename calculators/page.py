"""What a calculator page asks of the rules package, besides ``run``: its answer's HTML, a pasted table, a CSV.

The browser worker calls the ``*_json`` forms (JSON text in and out); the
build calls ``answer_html`` for the answer a page carries before Python
starts. The page's JavaScript only paints what these return:

* ``answer(name, payload, policy)``: ``run``'s outcome plus ``html``, the
  answer's outputs drawn by ``calculators.render``, the same function the
  build uses, so the live answer and the pre-rendered one are identical.
* ``paste(name, field, text, lang)``: the rows a pasted spreadsheet gives
  that table field (``table_paste.read_table``), and a note on how it was
  read; or errors that name the paste's row.
* ``table_csv(name, field, rows, lang)``: a table's rows as CSV, headed in
  the reader's language, pasting back in unchanged.
* ``now_text(name, field, at_ms, policy)``: the moment ``at_ms`` (the page's
  clock) as date or time field ``field`` takes it, on the policy's clock: the
  form's "now" button.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from . import zones
from .base import REGISTRY, _lang_of, run
from .dates import offset
from .fields import RowsField
from .i18n import DEFAULT_LANG, LANGS, L, message, pick
from .jsontext import over_json
from .render import outputs_html, result_html
from .table_paste import PasteError, paste_note, read_table, to_csv

PASTED = L("粘贴的内容", "The pasted text")


def answer_html(name: str, outcome: Mapping[str, Any], lang: str) -> str:
    """The whole answer block of calculator ``name`` for a ``run()`` outcome, as the build writes it."""
    return result_html(REGISTRY[name].outputs, outcome, lang)


def answer(name: str, payload: object, policy: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``run(name, payload, policy)`` and, when it succeeds, ``html``: the inside of the answer block."""
    outcome = run(name, payload, policy)
    if outcome["ok"]:
        lang = _lang_of(payload)[0]
        outcome["html"] = outputs_html(REGISTRY[name].outputs, outcome["result"], lang)
    return outcome


def _table(name: str, field: str) -> RowsField | None:
    calc = REGISTRY.get(name)
    found = calc.field_named(field) if calc else None
    return found if isinstance(found, RowsField) else None


def _paste_error(field: str, row: int | None, code: str, params: Mapping[str, object], lang: str) -> dict[str, Any]:
    label = pick(PASTED, lang)
    if row is not None:
        label += f" 第 {row} 行" if lang == "zh" else f", row {row}"
    return {"field": field if row is None else f"{field}[{row}]", "code": code,
            "message": message(code, lang, label=label, **params)}


def paste(name: str, field: str, text: str, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The payload rows a pasted table gives table ``field`` of calculator ``name``; never raises.

    ``{"ok": True, "result": {"rows": [...], "note": "..."}}``, or
    ``{"ok": False, "errors": [{"field", "code", "message"}]}`` when the paste
    as a whole cannot be read (rows are numbered as pasted, header = 1).
    """
    lang = lang if lang in LANGS else DEFAULT_LANG
    table = _table(name, field)
    if table is None or not isinstance(text, str):
        known = ", ".join(sorted(REGISTRY))
        return {"ok": False, "errors": [{"field": "field", "code": "unknown_field",
                                         "message": message("unknown_field", lang, label=f"{name}.{field}", known=known)}]}
    try:
        read = read_table(text, table)
    except PasteError as err:
        return {"ok": False, "errors": [_paste_error(field, row, code, params, lang) for row, _, code, params in err.problems]}
    if read.problems:
        return {"ok": False, "errors": [_paste_error(field, row, code, params, lang) for row, _, code, params in read.problems]}
    return {"ok": True, "result": {"rows": read.payload_rows(), "note": paste_note(read, lang)}}


def table_csv(name: str, field: str, rows: list[Mapping[str, Any]], lang: str = DEFAULT_LANG) -> str:
    """Table ``field``'s rows as CSV (Windows line ends, for spreadsheets), headed in ``lang``."""
    table = _table(name, field)
    if table is None:
        raise ValueError(f"{name!r} has no table {field!r}")
    return to_csv(table, rows, lang if lang in LANGS else DEFAULT_LANG, lineterminator="\r\n")


# How a date or time field writes a moment, by its kind.
WRITTEN = {"date": "%Y-%m-%d", "time": "%H:%M", "datetime": "%Y-%m-%d %H:%M"}


def _field_kind(name: str, field: str) -> str:
    calc = REGISTRY.get(name)
    found = calc.field_named(field) if calc else None
    if found is None and calc is not None:  # a table's column
        found = next((c for f in calc.fields if isinstance(f, RowsField) for c in f.columns if c.name == field), None)
    if found is None or found.kind not in WRITTEN:
        raise ValueError(f"{name!r} has no date or time field {field!r}")
    return found.kind


def now_text(name: str, field: str, at_ms: int, policy: Mapping[str, Any] | None = None) -> str:
    """``at_ms`` (milliseconds since 1970, UTC) as field ``field`` of calculator ``name`` is typed, in the policy's zone."""
    kind = _field_kind(name, field)
    calc = REGISTRY[name]
    section = (policy or {}).get(calc.policy_section) or {}
    moment = datetime.fromtimestamp(int(at_ms) / 1000, policy_clock(section))
    return moment.strftime(WRITTEN[kind])


def policy_clock(section: Mapping[str, Any]) -> tzinfo:
    """The time zone a policy section keeps its times in: ``time_zone.name`` or ``time_zone`` (a shipped zone,
    summer time and all), else its ``utc_offset``; China's zone when it names none."""
    zone = section.get("time_zone")
    name = zone.get("name") if isinstance(zone, Mapping) else zone
    if isinstance(name, str) and name in zones.names():
        return zones.zone(name)
    text = zone.get("utc_offset") if isinstance(zone, Mapping) else section.get("utc_offset")
    return (offset(text) if isinstance(text, str) else None) or zones.zone("Asia/Shanghai")


def now_json(name: str, field: str, at_ms: int, policy_json: str = "null") -> str:
    """``now_text`` for the browser worker (a plain string back)."""
    return now_text(name, field, at_ms, json.loads(policy_json))


def answer_json(name: str, payload_json: str, policy_json: str = "null") -> str:
    """``answer`` over JSON text, for the browser worker (read like ``run_json``'s: ``jsontext``)."""
    return over_json(name, payload_json, lambda payload: answer(name, payload, json.loads(policy_json)))


def paste_json(name: str, field: str, text: str, lang: str = DEFAULT_LANG) -> str:
    """``paste`` with a JSON answer, for the browser worker."""
    return json.dumps(paste(name, field, text, lang), ensure_ascii=False)


def csv_json(name: str, field: str, rows_json: str, lang: str = DEFAULT_LANG) -> str:
    """``table_csv`` over JSON rows, for the browser worker's "export CSV"."""
    rows = json.loads(rows_json)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValueError("expected a JSON list of row objects")
    return table_csv(name, field, rows, lang)
