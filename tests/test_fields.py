"""The field types: one class per kind of value, each named for what it parses."""

from datetime import date, datetime, time, timedelta

import pytest

import calculators  # noqa: F401  (registers every calculator, so every field class is loaded)
from calculators.fields import DateField, DateTimeField, Field, FieldError, TimeField
from calculators.i18n import L


def all_field_classes(cls=Field):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_field_classes(sub)


def test_no_two_field_classes_declare_the_same_kind():
    """Every kind of value (date, time, datetime, money, ...) is parsed by exactly one class that declares it."""
    declared = {}
    for cls in all_field_classes():
        if "kind" in vars(cls) and cls.__module__.startswith("calculators."):  # (tests may declare fields of their own)
            assert cls.kind not in declared, f"{cls.__module__}.{cls.__name__} and {declared.get(cls.kind)} both parse {cls.kind!r}"
            declared[cls.kind] = f"{cls.__module__}.{cls.__name__}"
    assert {"date", "time", "datetime", "money", "probability", "rows"} <= set(declared)


def test_date_time_and_datetime_fields_parse_what_their_names_say():
    """DateField reads 2026-11-26, TimeField 09:30, DateTimeField 2026-11-26T09:30 (an offset optional); each refuses the others."""
    label = L("x", "x")
    d, t, dt = DateField("d", label, label), TimeField("t", label, label), DateTimeField("m", label, label)
    assert d.parse("2026-11-26") == date(2026, 11, 26)
    assert t.parse("09:30") == time(9, 30)
    assert dt.parse("2026-11-26T09:30") == datetime(2026, 11, 26, 9, 30)
    assert dt.parse("2026-11-26T09:30+08:00").utcoffset() == timedelta(hours=8)
    for field, wrong in ((d, "09:30"), (t, "2026-11-26"), (dt, "09:30")):
        with pytest.raises(FieldError):
            field.parse(wrong)
