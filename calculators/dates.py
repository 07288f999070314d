"""Dates and moments as every calculator reads them: one strict parser, one supported range.

``parse_date("2026-11-26")`` and ``parse_moment("2026-11-26T14:05+08:00")``
accept only the ISO forms the help texts show (the same under CPython 3.11
and Pyodide's 3.14, whose own ``fromisoformat`` accept different extras), and
only dates from ``DATE_MIN`` to ``DATE_MAX``: far enough for any sales
record, and far from the calendar's edges, where moving a moment to another
time zone or adding a day would overflow. Both raise ``DateError`` with a
code the messages know: ``not_a_date``, ``not_a_time`` or ``date_out_of_range``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2099, 12, 31)
RANGE = {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MOMENT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:?[0-9]{2})?",
    re.IGNORECASE,
)


class DateError(ValueError):
    """Not a date or moment the rules accept; ``code`` names why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _day(y: str, m: str, d: str, code: str) -> date:
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        raise DateError(code) from None
    if not DATE_MIN <= day <= DATE_MAX:
        raise DateError("date_out_of_range")
    return day


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` within the supported range."""
    m = _DATE.fullmatch(text.strip())
    if not m:
        raise DateError("not_a_date")
    return _day(*m.groups(), code="not_a_date")


def offset(text: str) -> timezone | None:
    """``+08:00``, ``+0800`` or ``Z`` as a fixed zone; None when it is not one (at most ±14:00)."""
    if text.upper() == "Z":
        return timezone.utc
    m = re.fullmatch(r"([+-])([0-9]{2}):?([0-9]{2})", text)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3))
    if minutes >= 60 or hours * 60 + minutes > 14 * 60:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if m.group(1) == "-" else delta)


def parse_moment(text: str) -> datetime:
    """``YYYY-MM-DDTHH:MM[:SS][offset]`` within the supported range; naive when no offset is given."""
    m = _MOMENT.fullmatch(text.strip())
    if not m:
        raise DateError("not_a_time")
    y, mo, d, hh, mm, ss, off = m.groups()
    day = _day(y, mo, d, code="not_a_time")
    tz = None
    if off:
        tz = offset(off)
        if tz is None:
            raise DateError("not_a_time")
    try:
        return datetime(day.year, day.month, day.day, int(hh), int(mm), int(ss or 0), tzinfo=tz)
    except ValueError:
        raise DateError("not_a_time") from None


def local(moment: datetime, zone: tzinfo) -> datetime:
    """``moment`` on the wall clock of ``zone`` (a naive moment is taken to be that wall clock already)."""
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
