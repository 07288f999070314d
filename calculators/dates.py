"""Dates and moments as every calculator reads them: one parser, one supported range.

``parse_date``, ``parse_clock`` and ``parse_moment`` read what people type,
the same under CPython 3.11 and Pyodide's 3.14 (regular expressions, never
``fromisoformat``, whose extras differ between versions):

* dates: ``2026-11-26``, ``2026-3-5``, ``2026/3/5``, ``2026.3.5``,
  ``2026年3月5日``; with ``year`` given, also ``3月5日`` (and ``3-5``, ``3/5``:
  month first, as Chinese and ISO write it);
* clock times: ``14:05``, ``9:30``, ``9：30``, ``9点30``, ``9点30分``, ``9点``,
  ``下午2:30``, ``2:30 pm``;
* moments: a date, then a space or ``T``, then a clock time, e.g.
  ``2024/03/02 10:00``, ``3月2日 10:00``, ``2024-03-02T10:00+08:00`` (an
  offset only in the ISO form); naive unless an offset is given: callers read
  them in the policy's time zone.

Full-width digits and punctuation count as their plain forms. Only dates
from ``DATE_MIN`` to ``DATE_MAX`` are accepted: far enough for any sales
record, and far from the calendar's edges, where moving a moment to another
time zone or adding a day would overflow. Each raises ``DateError`` with a
code the messages know: ``not_a_date``, ``not_a_time``, ``not_a_clock_time``,
``needs_year`` (a month and day without a year, where none can be assumed)
or ``date_out_of_range``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2099, 12, 31)
RANGE = {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}

# A date: year, month, day (the year may be left out where the caller knows it).
_DAY = r"(?:([0-9]{4})\s*[-/.年]\s*)?([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*[日号]?"
# A clock time: an optional half of the day, hours, then minutes (or 点 alone), seconds allowed in the ISO form.
_CLOCK = (r"(上午|早上|中午|下午|晚上|凌晨)?\s*([0-9]{1,2})\s*(?:[:：]\s*([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?"
          r"|[点點时]\s*(?:([0-9]{1,2})\s*分?|半)?)\s*(am|pm|a\.m\.|p\.m\.)?")
_DATE = re.compile(_DAY)
_TIME = re.compile(_CLOCK, re.IGNORECASE)
# between date and time: T, a space, or nothing after 日 (2024年3月2日下午2点)
_MOMENT = re.compile(_DAY + r"(?:\s*T\s*|\s+|(?<=[日号])\s*)" + _CLOCK + r"\s*(Z|[+-][0-9]{2}:?[0-9]{2})?", re.IGNORECASE)
_AFTERNOON = {"下午", "晚上", "pm", "p.m."}


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


def _plain(text: str) -> str:
    """Full-width digits and punctuation as plain ones, spaces trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def _year(y: str | None, year: int | None, code: str) -> str:
    if y:
        return y
    if year is None:
        raise DateError("needs_year")
    return str(year)


def parse_date(text: str, year: int | None = None) -> date:
    """A date as people write it (see the module), within the supported range; ``year`` for one written without."""
    m = _DATE.fullmatch(_plain(text))
    if not m:
        raise DateError("not_a_date")
    y, mo, d = m.groups()
    return _day(_year(y, year, "not_a_date"), mo, d, code="not_a_date")


def _clock(half: str | None, hh: str, mm: str | None, ss: str | None, mm_cn: str | None, ampm: str | None,
           text: str, code: str) -> time:
    hours = int(hh)
    minutes = int(mm) if mm is not None else int(mm_cn) if mm_cn else 30 if "半" in text else 0
    noon = (half or "").lower() or (ampm or "").lower()
    if noon:
        if hours > 12 or (hours == 0 and noon in _AFTERNOON):
            raise DateError(code)
        if noon in _AFTERNOON and hours < 12:
            hours += 12
        elif noon in ("am", "a.m.", "凌晨", "早上", "上午") and hours == 12:
            hours = 0
    try:
        return time(hours, minutes, int(ss or 0))
    except ValueError:
        raise DateError(code) from None


def parse_clock(text: str) -> time:
    """A wall-clock time as people write it: ``14:05``, ``9点30``, ``下午2:30``, ``2:30 pm``."""
    plain = _plain(text)
    m = _TIME.fullmatch(plain)
    if not m:
        raise DateError("not_a_clock_time")
    return _clock(*m.groups(), text=plain, code="not_a_clock_time")


def offset(text: str) -> timezone | None:
    """``+08:00``, ``+0800`` or ``Z`` as a fixed zone; None when it is not one (at most ±14:00)."""
    if text.upper() == "Z":
        return UTC
    m = re.fullmatch(r"([+-])([0-9]{2}):?([0-9]{2})", text)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3))
    if minutes >= 60 or hours * 60 + minutes > 14 * 60:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if m.group(1) == "-" else delta)


def parse_moment(text: str, year: int | None = None) -> datetime:
    """A date and a clock time as people write them (see the module), within the supported range; naive when no
    offset is given; ``year`` for a date written without one."""
    plain = _plain(text)
    m = _MOMENT.fullmatch(plain)
    if not m:
        raise DateError("not_a_time")
    y, mo, d, half, hh, mm, ss, mm_cn, ampm, off = m.groups()
    day = _day(_year(y, year, "not_a_time"), mo, d, code="not_a_time")
    clock = _clock(half, hh, mm, ss, mm_cn, ampm, text=plain, code="not_a_time")
    tz = None
    if off:
        tz = offset(off)
        if tz is None or not y or (ss is None and mm is None):  # an offset belongs to the ISO form only
            raise DateError("not_a_time")
    return datetime.combine(day, clock, tzinfo=tz)


def year_of(text: str) -> int | None:
    """The year a date or moment is written with, if any (for the rows after it that leave it out)."""
    m = re.match(r"\s*([0-9]{4})\s*[-/.年]", _plain(text))
    return int(m.group(1)) if m else None


def local(moment: datetime, zone: tzinfo) -> datetime:
    """``moment`` on the wall clock of ``zone`` (a naive moment is taken to be that wall clock already)."""
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
