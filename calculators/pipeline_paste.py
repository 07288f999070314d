"""Pipeline tables pasted from a spreadsheet: CSV or TSV in, payload rows out; and back.

``parse_paste(text)`` reads what a rep copies out of Excel, WPS or a CRM export:
tab- or comma-separated (semicolons too), Chinese or English headers, amounts
with ``¥``/``元``/``万``, thousands separators and full-width digits, percentages,
and dates like ``2025/7/1`` or ``2025年7月1日``. It returns rows in the form the
``forecast`` payload takes (strings; ``"_row"`` is the record's number in the
paste, the header being record 1), normalised but not yet validated: the
forecast's own column fields check each value and name the row and column.

Problems that belong to the paste as a whole (nothing in it, no header, a
missing column, too many rows) raise ``PasteError`` with ``(row, column, code,
params)`` tuples; a row that cannot be read (more cells than the header) is
left out and listed in ``Paste.problems``, so every row's problems can be
reported at once. A paste longer than ``MAX_ROWS`` data rows is refused after
counting its lines, before any parsing.

``to_csv(rows, lang)`` writes rows back out with headers in the reader's
language, so an export pastes back in unchanged; ``to_csv_json`` does the same
from JSON text, for the browser worker. Standard library only.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Mapping

MAX_ROWS = 2_000
MAX_CHARS = 1_000_000

COLUMNS = ("name", "amount", "probability", "stage", "close_date")

# Accepted headers per column, compared after normalising (NFKC, lower case,
# no spaces, underscores, hyphens, units in brackets or a trailing %).
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("名称", "客户", "客户名称", "机会", "机会名称", "商机", "商机名称", "项目", "项目名称",
             "name", "deal", "dealname", "opportunity", "opportunityname", "account", "customer", "client"),
    "amount": ("金额", "合同金额", "预计金额", "商机金额", "机会金额", "销售额", "amount", "value",
               "dealvalue", "dealsize", "dealamount", "expectedrevenue"),
    "probability": ("概率", "赢率", "成交概率", "赢单率", "赢单概率", "成功率", "可能性", "probability",
                    "winrate", "winprobability", "prob", "likelihood", "chance"),
    "stage": ("阶段", "销售阶段", "商机阶段", "机会阶段", "stage", "salesstage", "dealstage"),
    "close_date": ("预计成交日期", "成交日期", "预计签约日期", "签约日期", "预计成交", "关闭日期", "结束日期",
                   "日期", "closedate", "expectedclose", "expectedclosedate", "close", "closingdate", "date"),
}
EXPORT_HEADERS = {
    "zh": ("名称", "金额", "赢率", "阶段", "预计成交日期"),
    "en": ("Name", "Amount", "Probability", "Stage", "Close date"),
}
TOTAL_WORDS = {"合计", "总计", "小计", "总额", "total", "subtotal", "sum", "grandtotal"}

_ALIAS = {alias: column for column, names in HEADERS.items() for alias in names}
_UNIT = re.compile(r"\(.*?\)|\[.*?\]|%$")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


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
    """What ``parse_paste`` found: payload rows and how it read the table."""

    rows: list[dict[str, str | int]]
    columns: dict[str, str] = field(default_factory=dict)   # payload column -> header as written
    ignored: list[str] = field(default_factory=list)         # headers it did not use
    skipped: list[int] = field(default_factory=list)         # total rows left out
    delimiter: str = "\t"
    problems: list[tuple[int, str | None, str, dict[str, object]]] = field(default_factory=list)  # rows not read


def header_key(text: str) -> str:
    """A header as compared: ``"金额（元）"`` -> ``"金额"``, ``"Win Rate %"`` -> ``"winrate"``."""
    key = unicodedata.normalize("NFKC", text).strip().lower()
    key = _UNIT.sub("", key)
    return re.sub(r"[\s_\-./:：]+", "", key)


def accepted_headers(lang: str) -> str:
    """The headers to suggest, one per column, in the reader's language."""
    return " / ".join(EXPORT_HEADERS["zh" if lang == "zh" else "en"])


def count_rows(text: str) -> int:
    """Non-empty lines after the first one: the data rows, counted without parsing."""
    lines = [line for line in text.splitlines() if line.strip()]
    return max(0, len(lines) - 1)


def _delimiter(line: str) -> str:
    if "\t" in line:
        return "\t"
    counts = {d: line.count(d) for d in (",", ";", "，", "；")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else "\t"


def normalise_amount(cell: str) -> str:
    """``"¥1,234.5"`` -> ``"1234.5"``; ``"12.5万"`` -> ``"125000"``; anything else unchanged but trimmed."""
    text = unicodedata.normalize("NFKC", cell).strip()
    text = re.sub(r"^(rmb|cny)|(rmb|cny|元)$", "", text, flags=re.IGNORECASE).strip()
    text = text.replace("¥", "").replace(" ", "").replace("\u00a0", "")
    scale = 1
    if text.endswith("万"):
        text, scale = text[:-1], 10_000
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", text):
        text = text.replace(",", "")
    if scale != 1 and _NUMBER.fullmatch(text):
        try:
            value = Decimal(text) * scale
        except InvalidOperation:  # pragma: no cover - the regex guards this
            return cell.strip()
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text if _NUMBER.fullmatch(text) else cell.strip()


def normalise_probability(cell: str) -> str:
    """Full-width digits and percent signs made plain; the value itself is checked later."""
    return unicodedata.normalize("NFKC", cell).strip().replace(" ", "")


def normalise_date(cell: str) -> str:
    """``"2025/7/1"``, ``"2025.7.1"``, ``"2025年7月1日"`` -> ``"2025-07-01"``; others unchanged."""
    text = unicodedata.normalize("NFKC", cell).strip()
    m = _DATE.fullmatch(text)
    if m:
        y, mo, d = m.groups()
        return f"{y}-{int(mo):02d}-{int(d):02d}"
    return text


_NORMALISE = {
    "name": lambda c: c.strip(),
    "amount": normalise_amount,
    "probability": normalise_probability,
    "stage": lambda c: c.strip(),
    "close_date": normalise_date,
}


def parse_paste(text: str, max_rows: int = MAX_ROWS, max_chars: int = MAX_CHARS) -> Paste:
    """Payload rows from a pasted table; raises ``PasteError``."""
    if not text.strip():
        raise PasteError([(None, None, "paste_empty", {})])
    rows_seen = count_rows(text)
    if rows_seen > max_rows:
        raise PasteError([(None, None, "paste_too_many_rows", {"max": f"{max_rows:,}", "count": f"{rows_seen:,}"})])
    if len(text) > max_chars:
        raise PasteError([(None, None, "paste_too_long", {"max": f"{max_chars:,}", "length": f"{len(text):,}"})])
    first = next(line for line in text.splitlines() if line.strip())
    delimiter = _delimiter(first)
    if delimiter in "，；":
        text = text.replace(delimiter, "," if delimiter == "，" else ";")
        delimiter = "," if delimiter == "，" else ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    header_row = 0
    mapping: dict[int, str] = {}
    out = Paste(rows=[], delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header, header_row = cells, number
            for i, cell in enumerate(cells):
                column = _ALIAS.get(header_key(cell))
                if column and column not in mapping.values():
                    mapping[i] = column
                    out.columns[column] = cell.strip()
                elif cell.strip():
                    out.ignored.append(cell.strip())
            if not mapping:
                raise PasteError([(header_row, None, "paste_no_header", {"got": " | ".join(c.strip() for c in cells)[:120]})])
            if "amount" not in mapping.values():
                raise PasteError([(header_row, None, "paste_missing_amount", {})])
            if "probability" not in mapping.values() and "stage" not in mapping.values():
                raise PasteError([(header_row, None, "paste_missing_probability", {})])
            continue
        extra = [c for c in cells[len(header):] if c.strip()]
        if extra:
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
                row[column] = _NORMALISE[column](cell)
        out.rows.append(row)
    if not out.rows and not out.problems:
        raise PasteError([(None, None, "paste_empty", {})])
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        raise TypeError("floats are not written: amounts and probabilities travel as decimal strings")
    return str(value)


def to_csv(rows: Iterable[Mapping[str, Any]], lang: str = "zh", delimiter: str = ",") -> str:
    """Rows (payload form, or parsed values) as CSV text with headers in ``lang``.

    Values are written as they print (``Money`` and ``Decimal`` as plain
    decimals, dates as YYYY-MM-DD); ``parse_paste`` reads the result back.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(EXPORT_HEADERS["zh" if lang == "zh" else "en"])
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in COLUMNS])
    return buf.getvalue()


def to_csv_json(rows_json: str, lang: str = "zh", delimiter: str = ",") -> str:
    """``to_csv`` over JSON text (a list of row objects), for the browser worker's export button."""
    rows = json.loads(rows_json)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValueError("expected a JSON list of row objects")
    return to_csv(rows, lang, delimiter)
