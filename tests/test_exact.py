"""The one exact arithmetic: half-up rounding and the largest-remainder share-out, on integers."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from calculators import exact
from calculators.money import Money


@pytest.mark.parametrize("num,den,want", [(5, 2, 3), (-5, 2, -3), (7, 4, 2), (-7, 4, -2), (1, 3, 0), (2, 3, 1), (0, 9, 0)])
def test_round_half_up_sends_a_tie_away_from_zero(num, den, want):
    """2.5 -> 3 and -2.5 -> -3; other values to the nearest integer."""
    assert exact.round_half_up(num, den) == want


def test_quantize_and_ratio_text_round_half_up():
    """Decimals and fractions round the same way: 2.345 -> 2.35, 7/4 -> 1.75, 1/8 -> 0.13."""
    assert exact.quantize(Decimal("2.345"), 2) == Decimal("2.35") and exact.quantize(Decimal("-2.5"), 0) == Decimal(-3)
    assert exact.ratio_text(Fraction(7, 4)) == "1.75" and exact.ratio_text(Fraction(1, 8)) == "0.13"
    assert exact.ratio_text(Fraction(5, 2), 0) == "3"


@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=30))
def test_largest_remainder_adds_up_and_moves_each_part_less_than_one_unit(parts):
    """Each share is its value rounded down or up, and the shares add up to the rounded total."""
    shares = exact.largest_remainder(parts, 10**6)
    assert sum(shares) == exact.round_half_up(sum(parts), 10**6)
    assert all(p // 10**6 <= s <= p // 10**6 + 1 for p, s in zip(parts, shares))


def test_allocate_gives_spare_units_to_the_largest_remainder_then_the_larger_weight_then_the_earlier():
    """1 fen over two equal weights goes to the first; 10 fen at 1:2:3 are 2, 3, 5 (remainders 0.67, 0.33, 0)."""
    assert exact.allocate(1, [Decimal(1), Decimal(1)]) == [1, 0]
    assert exact.allocate(10, [1, 2, 3]) == [2, 3, 5]
    assert exact.allocate(1, [Decimal("0.3"), Decimal("0.7")]) == [0, 1]
    assert exact.allocate(1234567, [Decimal("0.8"), Decimal("0.2")]) == [987654, 246913]


@given(st.integers(min_value=0, max_value=10**14),
       st.lists(st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False), min_size=1, max_size=12))
def test_money_split_is_allocate_and_adds_up_to_the_fen(fen, weights):
    """Money.split is exact.allocate on fen: every split adds up to the amount and no part is off by a fen or more."""
    if sum(weights) == 0:
        return
    parts = Money(fen).split(weights)
    assert [p.fen for p in parts] == exact.allocate(fen, weights)
    assert sum(p.fen for p in parts) == fen
    total = sum(weights)
    assert all(abs(Fraction(p.fen) - Fraction(fen) * Fraction(w) / Fraction(total)) < 1 for p, w in zip(parts, weights))


@pytest.mark.parametrize("total,weights", [(-1, [1]), (5, []), (5, [0, 0]), (5, [1.5]), (5, [Decimal(-1)])])
def test_allocate_refuses_what_cannot_be_shared(total, weights):
    """A negative amount, no weights, weights all zero, a float or a negative weight: ValueError, never a guess."""
    with pytest.raises(ValueError):
        exact.allocate(total, weights)
