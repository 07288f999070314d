"""The forecast's period: ``2025``, ``2025-Q3``, ``2025-07`` or ``2025-07-01..2025-09-30``, read into a ``Period``."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..fields import FieldError, TextField, shown


@dataclass(frozen=True)
class Period:
    """A closed range of close dates, and how the reader wrote it."""

    start: date
    end: date
    text: str

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def named(self) -> bool:
        """Written as a year, a quarter or a month (``2025-Q3``), not as its first and last day."""
        return self.text != f"{self.start}..{self.end}"


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
    """A period of close dates, written as text (kind ``text``); parses to a ``Period``."""

    max_length: int = 40

    def _parse(self, raw: Any) -> Period:
        return parse_period(super()._parse(raw))
