"""How numbers are written on a page: one formatter for money, percentages, ratios and counts.

Every number an answer shows goes through ``number_text(kind, value)`` (the
renderer, the chart's labels and ``Money.format`` in the prose all do), so
one kind of number reads one way everywhere: ``¥1,234.50``, ``25%``,
``1.75×``, ``1,234``.

Values arrive as the exact decimal strings the rules return (or ints,
Decimals, ``Money``). Floats are refused. When a number is shown with fewer
places than it has, it is rounded once, on the exact Decimal, **half up**
(``exact.quantize``: 2.345 → 2.35, 2.5 → 3, -2.5 → -3, a tie goes away from
zero), the rounding the rules state to readers ("四舍五入"). Without a
``places`` the value is shown exactly, only grouped by thousands.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from .exact import quantize


def to_decimal(value: Any) -> Decimal | None:
    """``value`` as an exact Decimal, or None when it is not a number (floats raise TypeError)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        raise TypeError("floats are not shown: numbers travel as decimal strings")
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    fen = getattr(value, "fen", None)  # a Money, without importing money.py (which imports this module)
    if isinstance(fen, int) and not isinstance(fen, bool):
        return Decimal(fen) / 100
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def grouped(value: Decimal, places: int | None = None) -> str:
    """``Decimal("-1234567.5")`` -> ``"-1,234,567.5"``; with ``places``, rounded half up to them first."""
    if places is not None:
        value = quantize(value, places)
    text = format(abs(value), ",f")
    return f"-{text}" if value < 0 else text


def money(value: Any, places: int = 2) -> str:
    """``"1234.5"`` -> ``"¥1,234.50"``; ``places=0`` (chart labels) -> ``"¥1,235"``."""
    number = _number(value)
    text = grouped(number, places)
    return f"-¥{text[1:]}" if text.startswith("-") else f"¥{text}"


def percent(value: Any, places: int | None = None) -> str:
    """A share as a percentage: ``"0.333333"`` -> ``"33.3333%"``; ``places=0`` -> ``"33%"``."""
    number = _number(value) * 100
    if places is None:
        number = number.normalize() if number else Decimal(0)
    return f"{grouped(number, places)}%"


def ratio(value: Any) -> str:
    """A multiple: ``"1.75"`` -> ``"1.75×"``."""
    return f"{grouped(_number(value))}×"


def integer(value: Any) -> str:
    """A count: ``12345`` -> ``"12,345"``."""
    return grouped(_number(value), 0)


def counted(n: int, one: str, many: str) -> str:
    """A count with its English noun: ``counted(1, "deal", "deals")`` -> ``"1 deal"``, 1,200 -> ``"1,200 deals"``."""
    return f"{integer(n)} {one if n == 1 else many}"


def amount(value: Any) -> str:
    """An amount in running text, to the fen: ``"240000"`` -> ``"240,000"``, ``"20.5"`` -> ``"20.50"`` (no sign)."""
    text = grouped(_number(value), 2)
    return text[:-3] if text.endswith(".00") else text


def decimal(value: Any) -> str:
    """A plain number shown exactly: ``"1234.57"`` -> ``"1,234.57"``."""
    return grouped(_number(value))


FORMATS: dict[str, Callable[[Any], str]] = {
    "money": money,
    "probability": percent,
    "ratio": ratio,
    "integer": integer,
    "decimal": decimal,
}


def number_text(kind: str, value: Any) -> str:
    """``value`` written as a number of ``kind``; text that is no number (``"—"``, ``""``) is shown as it is."""
    fmt = FORMATS.get(kind)
    if fmt is None or to_decimal(value) is None:
        return "" if value is None else str(value)
    return fmt(value)


def _number(value: Any) -> Decimal:
    number = to_decimal(value)
    if number is None:
        raise ValueError(f"not a number: {value!r}")
    return number
