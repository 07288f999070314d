"""Money as a value type, exact to the fen (0.01 yuan).

Amounts are held as an integer number of fen. Floats are refused everywhere:
``Money.parse(0.1)`` raises ``TypeError``. Any rounding is explicit and named.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from . import exact, numbers

FEN = Decimal("0.01")
# The largest amount an input may hold, either sign: just under a trillion yuan.
# Sums of many inputs may exceed it; each input may not.
MAX_FEN = 99_999_999_999_999
MAX_TEXT = "999999999999.99"
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_AMOUNT = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?")
_CURRENCY = re.compile(r"^(rmb|cny)|(rmb|cny|元)$", re.IGNORECASE)


def plain_amount(text: str) -> str | None:
    """An amount as people write it, as a plain decimal string; None when it is no amount.

    ``"¥1,234.5"`` -> ``"1234.5"``, ``"12.5万"`` -> ``"125000"``, ``"120000元"``,
    ``"RMB 300"`` and full-width digits (``"１２０"``) too. The one reading of
    written amounts: ``Money.parse`` and pasted tables both use it.
    """
    t = _CURRENCY.sub("", unicodedata.normalize("NFKC", text).strip()).strip()
    t = t.replace("¥", "").replace(" ", "").replace("\u00a0", "")
    scale = 1
    if t.endswith("万"):
        t, scale = t[:-1], 10_000
    if _GROUPED.match(t):
        t = t.replace(",", "")
    if not _PLAIN.fullmatch(t):
        return None
    if scale == 1:
        return t
    value = (Decimal(t) * scale).normalize()
    return format(value, "f") if value else "0"


class MoneyError(ValueError):
    """A value that is not an amount of money; ``code`` names why."""

    def __init__(self, code: str, value: object) -> None:
        super().__init__(f"{code}: {value!r}")
        self.code = code
        self.value = value


@dataclass(frozen=True, order=True)
class Money:
    """An amount in fen (integer hundredths of a yuan)."""

    fen: int

    def __post_init__(self) -> None:
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):
            raise TypeError("Money.fen must be an int")

    @classmethod
    def parse(cls, value: object) -> Money:
        """Read an amount from a str, int or Decimal; refuse floats, sub-fen digits and amounts over the limit.

        Accepts ``"12345.67"``, ``"12,345.67"``, ``"¥12,345.67"``, ``"5万"``,
        ``"120000元"`` (see ``plain_amount``), ``12345`` and ``Decimal("1.5")``,
        up to ``MAX_TEXT`` yuan either way. Raises ``MoneyError`` with code
        ``float``, ``not_a_number``, ``sub_fen`` or ``money_too_large``. The
        plain text is read digit by digit, exactly, whatever its length.
        """
        if isinstance(value, bool):
            raise MoneyError("not_a_number", value)
        if isinstance(value, float):
            raise MoneyError("float", value)
        if isinstance(value, int):
            return cls._checked(value * 100, value)
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise MoneyError("not_a_number", value)
            if abs(value) > Decimal(MAX_TEXT):
                raise MoneyError("money_too_large", value)
            if value != exact.quantize(value, 2):
                raise MoneyError("sub_fen", value)
            return cls._checked(int(value * 100), value)
        if not isinstance(value, str):
            raise MoneyError("not_a_number", value)
        text = plain_amount(value)
        m = _AMOUNT.fullmatch(text) if text is not None else None
        if not m or not (m.group(2) or m.group(3)):
            raise MoneyError("not_a_number", value)
        sign, whole, part = m.group(1), m.group(2).lstrip("0"), m.group(3) or ""
        if len(whole) > len(MAX_TEXT.split(".")[0]):
            raise MoneyError("money_too_large", value)
        if part[2:].strip("0"):
            raise MoneyError("sub_fen", value)
        fen = int(whole or "0") * 100 + int((part + "00")[:2])
        return cls._checked(-fen if sign == "-" else fen, value)

    @classmethod
    def _checked(cls, fen: int, value: object) -> Money:
        if abs(fen) > MAX_FEN:
            raise MoneyError("money_too_large", value)
        return cls(fen)

    @classmethod
    def from_decimal(cls, amount: Decimal, rounding: str = exact.ROUNDING) -> Money:
        """Round a Decimal to the fen with the named rounding mode."""
        if isinstance(amount, float):
            raise TypeError("floats are not money")
        return cls(int(Decimal(amount).quantize(FEN, rounding=rounding) * 100))

    @property
    def amount(self) -> Decimal:
        """The amount in yuan as an exact Decimal with two places."""
        return (Decimal(self.fen) / 100).quantize(FEN)

    def __str__(self) -> str:
        return str(self.amount)

    def format(self) -> str:
        """Human form with the yuan sign and thousands separators: ``¥12,345.67`` (``numbers.money``)."""
        return numbers.money(self.amount)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def is_negative(self) -> bool:
        return self.fen < 0

    def split(self, weights: list[Decimal] | tuple[Decimal, ...]) -> list[Money]:
        """Split into parts proportional to ``weights`` that add up exactly (``exact.allocate``).

        Largest-remainder method on fen: each part first gets the floor of its
        exact share; the fen left over go one each to the parts with the largest
        remainders. Tie-break: among equal remainders, the larger weight first,
        then the earlier position in ``weights``. Weights must be non-negative
        Decimals or ints with a positive sum; the amount must be non-negative.
        """
        return [Money(f) for f in exact.allocate(self.fen, list(weights))]
