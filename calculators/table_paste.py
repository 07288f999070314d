"""Tables pasted from a spreadsheet, for any table field: text in, payload rows out; and back out as CSV.

``read_table(text, field)`` reads what a rep copies out of Excel, WPS or a
CRM export into a table field (a ``RowsField``): tab-, comma- or
semicolon-separated (full-width separators too), with a header row in
Chinese or English. It is the one reader of pasted tables: the page's
"paste from a spreadsheet" sends the text to the worker, which calls it, and
the forecast's ``paste`` field uses it too, so both give the same table.

Headers are matched to the field's columns after normalising (NFKC, case,
spaces, units in brackets): first exactly, by a column's name, its label in
either language, the label's leading code and the rest of it (``"M 付款能力"``
gives ``m`` and ``付款能力``) or an alias the column declares; then a header of
two characters or more that contains, or is contained in, the name of
exactly one column still unmatched (``"客户姓名"`` -> ``姓名``). One-letter
headers only ever match exactly, so ``M`` is never taken for "name".

Cells are cleaned by the column's kind: amounts with ``¥``/``元``/``万``,
thousands separators and full-width digits (``money.plain_amount``), dates
like ``2026/02/28``, ``2026-3-5`` or ``2025年7月1日``, date-times, clock
times, percentages, integers with separators, and choices written by their
label in either language (``"高"``, ``"Hot"`` -> ``hot``). Rows whose first
cell says ``合计``, ``小计`` or ``total`` are skipped. The rows come back in
payload form (strings; ``"_row"`` is the record's number in the paste, the
header being 1), not yet validated: the field's own columns check each
value and name the row and column.

Problems with the paste as a whole (nothing in it, no header, a required
column missing, too many rows) raise ``PasteError``; a row that cannot be
read (more cells than the header, a cell longer than ``MAX_CELL``
characters) is left out and listed in ``Paste.problems``, and a quote mark
never closed, which swallows the rest of the paste into one cell, ends the
reading there (``paste_unclosed_quote``). A paste with more data rows than
the field takes is refused after counting its lines, before any parsing;
one longer than ``MAX_CHARS``, too.

``to_csv(field, rows, lang)`` writes rows back out with the column labels in
the reader's language as headers, so an export pastes back in unchanged.
Standard library only.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field as dc_field
from typing import Any

from .dates import DateError, parse_clock, parse_date, parse_moment
from .fields import ChoiceField, Field, RowsField
from .i18n import L, pick
from .money import plain_amount
from .numbers import counted, integer

MAX_CHARS = 1_000_000
MAX_CELL = 10_000  # characters in one cell (the csv module's own limit is 131,072)

TOTAL_WORDS = {"合计", "总计", "小计", "总额", "total", "subtotal", "sum", "grandtotal"}

_UNIT = re.compile(r"\(.*?\)|\[.*?\]|%$")
_CODE = re.compile(r"([A-Za-z0-9]{1,2})\s+(\S.*)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+")


class PasteError(ValueError):
    """Problems with the paste as a whole or with one of its rows: ``(row, column, code, params)``.

    ``row`` is the record's number in the paste (header = 1) or None;
    ``column`` is a payload column name or None.
    """

    def __init__(self, problems: list[tuple[int | None, str | None, str, dict[str, object]]]) -> None:
        super().__init__(problems)
        self.problems = problems


@dataclass
class Paste:
    """What ``read_table`` found: payload rows and how it read the table."""

    rows: list[dict[str, str | int]]
    columns: dict[str, str] = dc_field(default_factory=dict)   # payload column -> header as written
    ignored: list[str] = dc_field(default_factory=list)         # headers it did not use
    skipped: list[int] = dc_field(default_factory=list)         # total rows left out
    delimiter: str = "\t"
    problems: list[tuple[int, str | None, str, dict[str, object]]] = dc_field(default_factory=list)  # rows not read

    def payload_rows(self) -> list[dict[str, str]]:
        """The rows without their ``_row`` numbers: what a table field takes."""
        return [{k: v for k, v in row.items() if k != "_row"} for row in self.rows]  # type: ignore[misc]


# --------------------------------------------------------------------------- headers


def header_key(text: str) -> str:
    """A header as compared: ``"金额（元）"`` -> ``"金额"``, ``"Win Rate %"`` -> ``"winrate"``."""
    key = unicodedata.normalize("NFKC", text).strip().lower()
    key = _UNIT.sub("", key)
    return re.sub(r"[\s_\-./:：]+", "", key)


def _names(col: Field) -> tuple[list[str], list[str]]:
    """A column's header spellings: (exact names, names derived from a coded label such as "M 付款能力")."""
    exact = [col.name, *col.label.values(), *col.aliases]
    derived: list[str] = []
    for label in col.label.values():
        m = _CODE.fullmatch(label.strip())
        if m:
            derived.extend(m.groups())
    return exact, derived


_HEADERS: dict[int, tuple[RowsField, dict[str, str], dict[str, str]]] = {}


def _header_index(table: RowsField) -> tuple[dict[str, str], dict[str, str]]:
    """(header key -> column, for exact matches; key -> column, for the containment pass); built once per field."""
    cached = _HEADERS.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1], cached[2]
    exact: dict[str, str] = {}
    taken: set[str] = set()
    for tier in (0, 1):
        seen: dict[str, set[str]] = {}
        for col in table.columns:
            for name in _names(col)[tier]:
                key = header_key(name)
                if key and key not in taken:
                    seen.setdefault(key, set()).add(col.name)
        for key, cols in seen.items():
            if len(cols) == 1:  # a spelling two columns share picks neither
                exact[key] = next(iter(cols))
        taken |= set(seen)
    loose = {k: c for k, c in exact.items() if len(k) >= 2}
    _HEADERS[id(table)] = (table, exact, loose)
    return exact, loose


def accepted_headers(table: RowsField, lang: str) -> str:
    """The headers to suggest, one per column, in the reader's language."""
    return " / ".join(pick(c.label, lang) for c in table.columns)


def _map_header(cells: list[str], table: RowsField) -> dict[int, str]:
    exact, loose = _header_index(table)
    mapping: dict[int, str] = {}
    keys = [header_key(c) for c in cells]
    for i, key in enumerate(keys):
        column = exact.get(key)
        if column and column not in mapping.values():
            mapping[i] = column
    for i, key in enumerate(keys):
        if i in mapping or len(key) < 2:
            continue
        hits = {c for k, c in loose.items() if c not in mapping.values() and (k in key or key in k)}
        if len(hits) == 1:
            mapping[i] = hits.pop()
    return dict(sorted(mapping.items()))


# --------------------------------------------------------------------------- cells


def clean_date(cell: str) -> str:
    """``"2025/7/1"``, ``"2025.7.1"``, ``"2025年7月1日"`` -> ``"2025-07-01"`` (``dates.parse_date``); anything else trimmed."""
    text = unicodedata.normalize("NFKC", cell).strip()
    try:
        return parse_date(text).isoformat()
    except DateError:
        return text


def clean_datetime(cell: str) -> str:
    """``"2024/3/2 10:00"`` -> ``"2024-03-02 10:00"`` (``dates.parse_moment``); anything else (a moment with an offset, or
    without its year, which the rows around it give) trimmed."""
    text = unicodedata.normalize("NFKC", cell).strip()
    try:
        moment = parse_moment(text)
    except DateError:
        return text
    return text if moment.tzinfo is not None else moment.strftime("%Y-%m-%d %H:%M" if not moment.second else "%Y-%m-%d %H:%M:%S")


def clean_time(cell: str) -> str:
    """``"9：30"``, ``"9点30"``, ``"下午2:30"`` -> ``"09:30"``, ``"14:30"`` (``dates.parse_clock``); anything else trimmed."""
    text = unicodedata.normalize("NFKC", cell).strip()
    try:
        return parse_clock(text).strftime("%H:%M")
    except DateError:
        return text


def clean_integer(cell: str) -> str:
    """``"１,２００"`` -> ``"1200"``; anything else trimmed."""
    text = unicodedata.normalize("NFKC", cell).strip().replace(" ", "")
    return text.replace(",", "") if _GROUPED.fullmatch(text) else text


def clean_probability(cell: str) -> str:
    """Full-width digits and percent signs made plain: ``"６０％"`` -> ``"60%"``."""
    return unicodedata.normalize("NFKC", cell).strip().replace(" ", "")


def clean_money(cell: str) -> str:
    """``"¥1,234.5"`` -> ``"1234.5"``, ``"12.5万"`` -> ``"125000"``; anything else trimmed."""
    return plain_amount(cell) or cell.strip()


CLEANERS: dict[str, Callable[[str], str]] = {
    "money": clean_money,
    "probability": clean_probability,
    "date": clean_date,
    "datetime": clean_datetime,
    "time": clean_time,
    "integer": clean_integer,
}


def _choice_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


_CHOICES: dict[int, tuple[ChoiceField, dict[str, str]]] = {}


def clean_choice(col: ChoiceField, cell: str) -> str:
    """A choice by its value or its label in either language (``"高"``, ``"Hot"`` -> ``"hot"``); unknown text kept."""
    cached = _CHOICES.get(id(col))
    if cached is None or cached[0] is not col:
        lookup: dict[str, str] = {}
        for choice in col.choices:
            for name in (choice.value, *choice.label.values()):
                lookup.setdefault(_choice_key(name), choice.value)
        cached = _CHOICES[id(col)] = (col, lookup)
    return cached[1].get(_choice_key(cell), cell.strip())


def _cleaner(col: Field) -> Callable[[str], str]:
    if isinstance(col, ChoiceField):
        return lambda cell: clean_choice(col, cell)
    return CLEANERS.get(col.kind, str.strip)


# --------------------------------------------------------------------------- reading


_TOTAL_LINE = re.compile(r"\s*\"?\s*(合计|总计|小计|总额|total|subtotal|sum|grand\s*total)\s*\"?\s*([\t,;，；]|$)", re.IGNORECASE)


def count_rows(text: str) -> int:
    """Non-empty lines after the first one, total lines left out: the data rows, counted without parsing."""
    lines = [line for line in text.splitlines() if line.strip() and not _TOTAL_LINE.match(line)]
    return max(0, len(lines) - 1)


def _delimiter(line: str) -> str:
    if "\t" in line:
        return "\t"
    counts = {d: line.count(d) for d in (",", ";", "，", "；")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else "\t"


def _records(text: str, delimiter: str) -> Iterable[tuple[int, list[str], tuple[str, dict[str, object]] | None]]:
    """``(record number, cells, problem)`` for the paste's records, blank lines included, as the csv module
    reads them; a record that cannot be read has a problem and no cells."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines: list[str] | None = None
    number = 0
    while True:
        first_line = reader.line_num
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:  # a cell over the csv module's limit
            cells = None
        long = cells is None or any(len(c) > MAX_CELL for c in cells)
        if long or any("\n" in c for c in cells):
            lines = lines if lines is not None else io.StringIO(text).readlines()
            if "".join(lines[first_line:]).count('"') % 2:  # an odd number of quotes from here on: one never closed
                yield number, [], ("paste_unclosed_quote", {})
                return
        if long:
            length = max(len(c) for c in cells) if cells else max(len(line) for line in lines[first_line:])
            yield number, [], ("paste_cell_too_long", {"max": integer(MAX_CELL), "length": integer(length)})
            if cells is None:
                return  # the reader cannot go on past a cell it refused
            continue
        yield number, cells, None


def _labels(table: RowsField, names: Iterable[str]) -> dict[str, str]:
    """Column names as their labels, joined, in both languages: params for a message."""
    cols = [c for c in table.columns if c.name in names]
    return {f"columns_{lang}": ("、" if lang == "zh" else ", ").join(pick(c.label, lang) for c in cols) for lang in ("zh", "en")}


def _check_header(table: RowsField, mapping: dict[int, str], cells: list[str], row: int) -> None:
    if not mapping:
        got = " | ".join(c.strip() for c in cells)[:120]
        raise PasteError([(row, None, "paste_no_header", {
            "got": got, "headers_zh": accepted_headers(table, "zh"), "headers_en": accepted_headers(table, "en")})])
    found = set(mapping.values())
    problems: list[tuple[int | None, str | None, str, dict[str, object]]] = []
    missing = [c.name for c in table.columns if c.required and c.name not in found]
    if missing:
        problems.append((row, None, "paste_missing_column", _labels(table, missing)))
    for group in table.needs_one_of:
        if not found & set(group):
            problems.append((row, None, "paste_missing_one_of", _labels(table, group)))
    if problems:
        raise PasteError(problems)


def read_table(text: str, table: RowsField, max_rows: int | None = None, max_chars: int = MAX_CHARS) -> Paste:
    """Payload rows for ``table`` from a pasted table; raises ``PasteError``."""
    max_rows = table.max_rows if max_rows is None else max_rows
    if not text.strip():
        raise PasteError([(None, None, "paste_empty", {})])
    rows_seen = count_rows(text)
    if rows_seen > max_rows:
        raise PasteError([(None, None, "paste_too_many_rows", {"max": integer(max_rows), "count": integer(rows_seen)})])
    if len(text) > max_chars:
        raise PasteError([(None, None, "paste_too_long", {"max": integer(max_chars), "length": integer(len(text))})])
    first = next(line for line in text.splitlines() if line.strip())
    delimiter = _delimiter(first)
    if delimiter in "，；":
        plain = "," if delimiter == "，" else ";"
        text, delimiter = text.replace(delimiter, plain), plain
    cleaners = {c.name: _cleaner(c) for c in table.columns}
    header: list[str] | None = None
    mapping: dict[int, str] = {}
    out = Paste(rows=[], delimiter=delimiter)
    for number, cells, problem in _records(text, delimiter):
        if problem is not None:
            code, params = problem
            if header is None:
                raise PasteError([(number, None, code, params)])
            out.problems.append((number, None, code, params))
            continue
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = cells
            mapping = _map_header(cells, table)
            _check_header(table, mapping, cells, number)
            out.columns = {column: cells[i].strip() for i, column in mapping.items()}
            out.ignored = [c.strip() for i, c in enumerate(cells) if i not in mapping and c.strip()]
            continue
        if any(c.strip() for c in cells[len(header):]):
            out.problems.append((number, None, "paste_columns", {"cells": len(cells), "header": len(header)}))
            continue
        first_cell = next((c for c in cells if c.strip()), "")
        if header_key(first_cell) in TOTAL_WORDS:
            out.skipped.append(number)
            continue
        row: dict[str, str | int] = {"_row": number}
        for i, column in mapping.items():
            cell = cells[i] if i < len(cells) else ""
            if cell.strip():
                row[column] = cleaners[column](cell)
        out.rows.append(row)
    if not out.rows and not out.problems:
        raise PasteError([(None, None, "paste_empty", {})])
    return out


def paste_note(paste: Paste, lang: str) -> str:
    """How a paste was read, for the reader: rows, the headers used, columns not used, total rows skipped."""
    zh = lang == "zh"
    cols = ("、" if zh else ", ").join(paste.columns.values())
    n = len(paste.rows)
    note = pick(L(f"粘贴的表格：{n} 行，按这些标题读取：{cols}。", f"Pasted table: {counted(n, 'row', 'rows')}, read by the headers {cols}."),
                lang)
    if paste.ignored:
        note += pick(L(f"没有用到的列：{'、'.join(paste.ignored)}。", f" Columns not used: {', '.join(paste.ignored)}."), lang)
    if paste.skipped:
        rows = ", ".join(map(str, paste.skipped))
        skipped = "the total row (row" if len(paste.skipped) == 1 else "the total rows (rows"
        note += pick(L(f"跳过了合计行（第 {rows} 行）。", f" Skipped {skipped} {rows})."), lang)
    return note


# --------------------------------------------------------------------------- writing


def _cell(col: Field, value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        raise TypeError("floats are not written: amounts and probabilities travel as decimal strings")
    if isinstance(col, ChoiceField) and isinstance(value, str):
        return col.label_of(value, lang)
    return str(value)


def to_csv(table: RowsField, rows: Iterable[Mapping[str, Any]], lang: str = "zh", delimiter: str = ",",
           lineterminator: str = "\n") -> str:
    """Rows (payload form, or parsed values) as CSV text, headed by the column labels in ``lang``.

    Values are written as they print (``Money`` and ``Decimal`` as plain
    decimals, dates as YYYY-MM-DD, choices by their label); ``read_table``
    reads the result back.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow([pick(c.label, lang) for c in table.columns])
    for row in rows:
        writer.writerow([_cell(c, row.get(c.name), lang) for c in table.columns])
    return buf.getvalue()
