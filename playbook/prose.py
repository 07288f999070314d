"""How figures read in a page's running text, in zh and en: Jinja filters.

``{{ "240000" | yuan }}`` -> ``240,000 元`` / ``240,000 yuan``;
``{{ "0.6" | pct }}`` -> ``60%``; ``{{ "2024-03-02T10:00" | day }}`` ->
``3 月 2 日`` / ``2 March``. Amounts and shares arrive as the decimal
strings the rules package returns and are never turned into floats; they are
written by the rules' one number formatter (``calculators.numbers``), so a
figure in running text reads as it does in an answer, with the same rounding.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import jinja2

from calculators import numbers
from calculators.dates import parse_date, parse_moment
from calculators.money import Money

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def amount_text(value: Any) -> str:
    """``"240000"`` -> ``"240,000"``; ``"12345.67"`` -> ``"12,345.67"`` (exact, to the fen)."""
    return numbers.amount(Money.parse(str(value)))


@jinja2.pass_context
def yuan(ctx: Any, value: Any) -> str:
    """``"240000"`` -> ``"240,000 元"`` / ``"240,000 yuan"``."""
    return f"{amount_text(value)} {'元' if ctx['lang'] == 'zh' else 'yuan'}"


def pct(value: Any) -> str:
    """``"0.6"`` -> ``"60%"``; ``"0.125"`` -> ``"12.5%"`` (exact)."""
    return numbers.percent(str(value))


@jinja2.pass_context
def day(ctx: Any, value: Any) -> str:
    d = value if isinstance(value, date) else parse_moment(str(value)).date() if ":" in str(value) else parse_date(str(value))
    return f"{d.month} 月 {d.day} 日" if ctx["lang"] == "zh" else f"{d.day} {MONTHS[d.month - 1]}"


FILTERS = {"yuan": yuan, "amount": amount_text, "pct": pct, "day": day}
