"""Money: exact to the fen, no floats, splits that add up."""

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from calculators.money import Money, MoneyError


@pytest.mark.parametrize("text,fen", [("12345.67", 1234567), ("12,345.67", 1234567), ("¥1,000", 100000),
                                      (" 0.5 ", 50), ("-3.10", -310), (7, 700), (Decimal("1.23"), 123)])
def test_parse_accepts_decimal_text_ints_and_decimals(text, fen):
    """Amounts are read from strings (with ¥ and thousands separators), ints and Decimals."""
    assert Money.parse(text).fen == fen


@pytest.mark.parametrize("value,code", [(0.1, "float"), (1.0, "float"), ("1.234", "sub_fen"), ("abc", "not_a_number"),
                                        ("1,23", "not_a_number"), (True, "not_a_number"), ("NaN", "not_a_number"),
                                        (None, "not_a_number"), ("", "not_a_number")])
def test_parse_refuses_floats_and_junk(value, code):
    """Floats, sub-fen digits and non-numbers are refused with a named code."""
    with pytest.raises(MoneyError) as err:
        Money.parse(value)
    assert err.value.code == code


@pytest.mark.parametrize("text,fen", [("5万", 5_000_000), ("8.5万", 8_500_000), ("120000元", 12_000_000), ("¥12.5万", 12_500_000),
                                      ("１２０", 12_000), ("RMB 300", 30_000), ("0.000001万", 1)])
def test_parse_reads_amounts_as_people_write_them(text, fen):
    """万, 元, RMB and full-width digits are read by the one money parser that fields and pasted tables share."""
    assert Money.parse(text).fen == fen


def test_format_and_str():
    """str() is the plain decimal; format() adds the yuan sign and separators."""
    m = Money.parse("1234567.8")
    assert str(m) == "1234567.80"
    assert m.format() == "¥1,234,567.80"
    assert Money(-5).format() == "-¥0.05"


def test_split_rule_nine_case():
    """80/20 of 12,345.67 gives 9,876.54 and 2,469.13 (the §S12 rule 9 example)."""
    parts = Money.parse("12345.67").split([Decimal("0.8"), Decimal("0.2")])
    assert [str(p) for p in parts] == ["9876.54", "2469.13"]


def test_split_tie_break_larger_weight_then_order():
    """Equal remainders go to the larger weight first, then to the earlier part."""
    assert [p.fen for p in Money(1).split([Decimal(1), Decimal(1)])] == [1, 0]
    assert [p.fen for p in Money(2).split([Decimal(1), Decimal(1), Decimal(1)])] == [1, 1, 0]


@given(st.integers(min_value=0, max_value=10**12), st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=8))
def test_split_always_adds_up(fen, weights):
    """Whatever the weights, the parts add up to the total to the fen and differ from exact by < 1 fen."""
    if sum(weights) == 0:
        weights[0] = 1
    parts = Money(fen).split([Decimal(w) for w in weights])
    assert sum(p.fen for p in parts) == fen
    total = sum(weights)
    for p, w in zip(parts, weights):
        assert abs(p.fen - Decimal(fen) * w / total) < 1


def test_money_refuses_float_fen():
    """The value type itself refuses a non-int fen."""
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
