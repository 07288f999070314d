"""Exact arithmetic: the one half-up rounding and the one largest-remainder share-out, on integers.

Every calculator that rounds or shares money goes through here, so the rule is
written once and documented once:

* ``round_half_up(num, den)``: the integer nearest ``num / den``, a tie going
  away from zero (2.5 -> 3, -2.5 -> -3), computed on integers, never floats;
* ``quantize(value, places)``: a ``Decimal`` rounded half-up to ``places``
  decimals (the formatter's, money's and the scorecard's rounding);
* ``ratio_text(value, places)``: a non-negative ``Fraction`` as decimal text
  rounded half-up (``Fraction(7, 4)`` -> ``"1.75"``);
* ``largest_remainder(parts, den)``: exact values ``parts[i] / den`` rounded
  to whole units that add up to the rounded total: each part first gets its
  floor, the units left over go one each to the parts with the largest
  remainders; ties go to the larger part, then the earlier one;
* ``allocate(total, weights)``: a whole number of units (fen) split in
  proportion to ``weights``, adding up exactly: ``largest_remainder`` on
  ``total × weight`` over the weights' sum (``Money.split``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ROUNDING = ROUND_HALF_UP  # the decimal module's name for the rule above


def round_half_up(num: int, den: int) -> int:
    """The integer nearest ``num / den`` (``den`` > 0); a tie goes away from zero."""
    if den <= 0:
        raise ValueError("the denominator must be positive")
    if num < 0:
        return -round_half_up(-num, den)
    return (2 * num + den) // (2 * den)


def quantize(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half-up to ``places`` decimals (``places`` may be 0)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUNDING)


def ratio_text(value: Fraction, places: int = 2) -> str:
    """A non-negative ratio as text rounded half-up to ``places``: ``Fraction(7, 4)`` -> ``"1.75"``."""
    scale = 10**places
    n = round_half_up(value.numerator * scale, value.denominator)
    return f"{n // scale}.{n % scale:0{places}d}" if places else str(n)


def largest_remainder(parts: Sequence[int], den: int) -> list[int]:
    """Round exact values ``parts[i] / den`` (non-negative) to whole units that add up to the rounded total.

    Each part first gets its floor; the units left over go one each to the
    parts with the largest remainders (ties: the larger part, then the
    earlier one). The total is ``round_half_up(sum(parts), den)``.
    """
    if any(p < 0 for p in parts):
        raise ValueError("parts must be non-negative")
    total = round_half_up(sum(parts), den)
    floors = [p // den for p in parts]
    left = total - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (-(parts[i] % den), -parts[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def _integers(weights: Sequence[Decimal | int]) -> list[int]:
    """Decimal weights scaled by one power of ten to exact integers with the same ratios."""
    places = max((-w.as_tuple().exponent for w in weights if isinstance(w, Decimal) and w.as_tuple().exponent < 0), default=0)
    return [int(w.scaleb(places)) if isinstance(w, Decimal) else w * 10**places for w in weights]


def allocate(total: int, weights: Sequence[Decimal | int]) -> list[int]:
    """``total`` units (non-negative) split in proportion to ``weights`` (non-negative, not all 0), adding up exactly.

    Largest remainder on whole units; among equal remainders the larger
    weight gets the spare unit first, then the earlier position.
    """
    if not weights or any(isinstance(w, (bool, float)) or not isinstance(w, (Decimal, int)) or w < 0 for w in weights):
        raise ValueError("weights must be non-negative Decimals or ints")
    if total < 0:
        raise ValueError("cannot split a negative amount")
    scaled = _integers(weights)
    whole = sum(scaled)
    if whole <= 0:
        raise ValueError("weights must not all be zero")
    return largest_remainder([total * w for w in scaled], whole)


__all__ = ["ROUNDING", "allocate", "largest_remainder", "quantize", "ratio_text", "round_half_up"]
