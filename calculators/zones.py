"""Time zones from tz database data shipped inside the rules package, the same in both runtimes.

CPython may or may not find a tz database on the machine; Pyodide has none.
So the rules never ask the machine: the few zones a policy may name are
embedded in ``zonedata.py`` (TZif bytes, from the IANA release it records)
and read with ``zoneinfo.ZoneInfo.from_file``. A moment in 1988, when China
kept summer time, gets the same wall clock under CPython and in the browser.

To ship another zone, or a newer release: ``python -m playbook.zonedata
Asia/Shanghai ...`` (from the ``tzdata`` package, or the system's database).
"""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from .zonedata import ZONES

_CACHE: dict[str, ZoneInfo] = {}


def names() -> tuple[str, ...]:
    """The zones a policy may name."""
    return tuple(sorted(ZONES))


def zone(name: str) -> ZoneInfo:
    """The shipped zone ``name`` (``KeyError`` when it is not shipped)."""
    if name not in _CACHE:
        _CACHE[name] = ZoneInfo.from_file(io.BytesIO(base64.b64decode(ZONES[name])), key=name)
    return _CACHE[name]


def standard_offset(name: str) -> str:
    """The zone's offset outside summer time under its current rules, as ``+08:00``."""
    probe = datetime(2100, 1, 15, tzinfo=UTC).astimezone(zone(name))
    delta = probe.utcoffset() - probe.dst()  # type: ignore[operator]
    sign = "-" if delta < timedelta(0) else "+"
    minutes = abs(int(delta.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
