"""Input fields the forecast and funnel calculators add to ``fields.py``.

* ``ProbabilityField`` (now in ``fields.py``, re-exported here).
* ``PeriodField`` (kind ``text``): ``2025``, ``2025-Q3``, ``2025-07`` or
  ``2025-07-01..2025-09-30``. Parses to a ``Period``.
* ``PasteField`` (kind ``paste``, a ``RowsField``): a pasted CSV/TSV table,
  read by ``table_paste.read_table`` (the reader the page's paste uses) and
  checked with the same columns as the table, so problems name the row (as
  numbered in the paste) and the column.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from .fields import (  # noqa: F401  (re-exported)
    _MISSING,
    PROBABILITY_PLACES,
    FieldError,
    FieldErrors,
    ProbabilityField,
    RowsField,
    TextField,
    parse_probability,
    probability_text,
    shown,
)
from .table_paste import MAX_CELL, MAX_CHARS, Paste, PasteError, accepted_headers, read_table


@dataclass(frozen=True)
class Period:
    """A closed range of close dates, and how the reader wrote it."""

    start: date
    end: date
    text: str

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """``2025``, ``2025-Q3``, ``2025-07``, ``2025-07-01..2025-09-30``; raises FieldError."""
    t = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
    try:
        if m := re.fullmatch(r"(\d{4})", t):
            y = int(m[1])
            return Period(date(y, 1, 1), date(y, 12, 31), t)
        if m := re.fullmatch(r"(\d{4})-?Q([1-4])", t):
            y, q = int(m[1]), int(m[2])
            last = 3 * q
            return Period(date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1]), f"{y}-Q{q}")
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", t):
            y, mo = int(m[1]), int(m[2])
            return Period(date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), f"{y}-{mo:02d}")
        if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:\.\.|~|至|TO)(\d{4}-\d{2}-\d{2})", t):
            start, end = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            if start <= end:
                return Period(start, end, f"{start}..{end}")
    except ValueError:
        pass
    raise FieldError("bad_period", got=shown(text))


@dataclass(frozen=True)
class PeriodField(TextField):
    max_length: int = 40

    def _parse(self, raw: Any) -> Period:
        return parse_period(super()._parse(raw))


@dataclass(frozen=True)
class PasteField(RowsField):
    """A pasted table, read as a paste into a table with the same columns is read.

    Parses to None (nothing pasted) or rows with ``"_row"`` numbers.
    """

    max_chars: int = MAX_CHARS
    kind = "paste"

    def _describe_extra(self) -> dict[str, Any]:
        return {**super()._describe_extra(), "max_chars": self.max_chars, "max_cell": MAX_CELL, "headers": {
            "zh": accepted_headers(self, "zh"), "en": accepted_headers(self, "en")}}

    def parse(self, raw: Any = _MISSING) -> Any:
        if raw is _MISSING or raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if not isinstance(raw, str):
            raise FieldError("not_text", got=shown(raw)[:80])
        try:
            paste = read_table(raw, self, self.max_rows, self.max_chars)
        except PasteError as err:
            whole = [(code, params) for row, col, code, params in err.problems if row is None]
            if whole:
                code, params = whole[0]
                raise FieldError(code, **params) from None
            raise FieldErrors([
                (f"[{row}]" + (f".{col}" if col else ""), code, {"row": row, **params})
                for row, col, code, params in err.problems
            ]) from None
        rows: list[dict[str, Any]] = []
        problems: list[tuple[int, str, str, dict[str, object]]] = [
            (row, f"[{row}]" + (f".{col}" if col else ""), code, {"row": row, **params})
            for row, col, code, params in paste.problems
        ]
        for item in paste.rows:
            n = item["_row"]
            row: dict[str, Any] = {"_row": n}
            for col in self.columns:
                try:
                    row[col.name] = col.parse(item[col.name]) if col.name in item else col.parse()
                except FieldError as err:
                    problems.append((n, f"[{n}].{col.name}", err.code, dict(err.params)))
            rows.append(row)
        if problems:
            problems.sort(key=lambda p: p[0])
            raise FieldErrors([(path, code, params) for _, path, code, params in problems])
        return PastedRows(rows, paste)


class PastedRows(list):
    """The parsed rows of a paste, with the ``Paste`` they were read from (headers used, rows skipped)."""

    def __init__(self, rows: list[dict[str, Any]], paste: Paste) -> None:
        super().__init__(rows)
        self.paste = paste
