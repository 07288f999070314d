"""calculators.schema: declared shapes of trainer-written data, checked with every problem at once (fast unit tests)."""

from __future__ import annotations

from decimal import Decimal

from calculators.fields import ChoiceField, IntegerField, MoneyField, TextField
from calculators.i18n import L
from calculators.schema import Bilingual, Either, Items, Keys, Problem, Table, Value, check, describe, yaml_native

NAME = TextField("name", L("名称", "Name"), L("", ""), required=True, max_length=10)
DAYS = Value(IntegerField("days", L("天数", "Days"), L("多少天。", "How many days."), required=True, min=0, max=30), unit=L("天", "days"))


def _order(value: dict, problems: list) -> None:
    if value["low"] > value["high"]:
        problems.append(Problem(("low",), "below_min", {"min": value["high"], "got": value["low"]}, L("下限", "Low")))


RANGE = Keys("range", L("范围", "Range"), L("low 和 high。", "low and high."), keys=(
    IntegerField("low", L("下限", "Low"), L("", ""), required=True),
    IntegerField("high", L("上限", "High"), L("", ""), required=True),
), rules=(_order,))
SHAPE = Keys("top", L("文件", "the file"), L("", ""), keys=(
    NAME, DAYS, RANGE,
    Bilingual("title", L("标题", "Title"), L("", "")),
    Items("tags", L("标签", "Tags"), L("a list", "a list"), item=TextField("tag", L("标签", "Tag"), L("", ""), required=True),
          unique=".", required=False),
    MoneyField("fine", L("罚款", "Fine"), L("", "")),
))


def paths(problems):
    return [(p.path, p.code) for p in problems]


def test_clean_data_comes_back_json_ready_in_declared_order():
    """A good mapping is returned cleaned: stripped text, typed leaves as their JSON form, optional keys as None."""
    value, problems = check(SHAPE, {"title": {"en": " B ", "zh": "甲"}, "range": {"high": 3, "low": 1}, "days": 7, "name": " x "})
    assert problems == [] and list(value) == ["name", "days", "range", "title", "tags", "fine"]
    assert value == {"name": "x", "days": 7, "range": {"low": 1, "high": 3}, "title": {"zh": "甲", "en": "B"}, "tags": None, "fine": None}


def test_every_problem_is_reported_at_once_with_its_key_path():
    """Unknown, missing, mistyped and out-of-range values each give a problem, all in one pass."""
    _, problems = check(SHAPE, {"nmae": "x", "days": 40, "range": {"low": 1}, "title": {"zh": "甲"}, "tags": ["a", "b", "a"],
                                "fine": 1.5})
    assert paths(problems) == [
        (("nmae",), "schema_unknown_key"), (("name",), "schema_missing"), (("days",), "above_max"),
        (("range", "high"), "schema_missing"), (("title", "en"), "schema_missing_language"), (("tags", 2), "schema_repeated"),
    ]


def test_rules_run_once_their_keys_are_valid():
    """A cross-key rule sees cleaned values, and reports at a path inside its mapping."""
    _, problems = check(RANGE, {"low": 5, "high": 2})
    assert paths(problems) == [(("low",), "below_min")]
    _, problems = check(RANGE, {"low": "x", "high": 2})
    assert paths(problems) == [(("low",), "not_an_integer")]  # the rule is not run on a broken mapping


def test_messages_name_the_value_by_its_label_in_both_languages():
    """A problem's line gives the key path, then the value's label and the bound, in the reader's language."""
    _, problems = check(SHAPE, {"name": "x", "days": -1, "range": {"low": 1, "high": 2}, "title": {"zh": "a", "en": "b"}})
    (p,) = problems
    assert p.line_text("en") == "days: 'Days' must be at least 0; received -1."
    assert p.line_text("zh") == "days: “天数”不能小于 0，收到的是 -1。"


def test_yaml_floats_and_dates_are_read_as_written():
    """0.20 from YAML is the decimal 0.20, never the float's binary digits; a YAML date is its ISO text."""
    import datetime

    assert yaml_native(0.2) == Decimal("0.2") and yaml_native(datetime.date(2012, 5, 1)) == "2012-05-01"
    value, problems = check(Value(MoneyField("fine", L("罚款", "Fine"), L("", ""))), 20.5)
    assert problems == [] and value == "20.50"


def test_a_comma_inside_bilingual_text_is_named():
    """{zh: …, en: Large need, good fit} gives an extra key: the message says to quote the text."""
    _, problems = check(Bilingual("t", L("标题", "Title")), {"zh": "甲", "en": "Large need", "good fit": None})
    assert paths(problems) == [(("good fit",), "schema_text_comma")]
    assert "put the text in quotes" in problems[0].message("en")


def test_either_and_table_pick_and_check_their_shapes():
    """An Either takes the shape for the value's type; a Table checks every id and value, in file order."""
    flag_or_table = Either("x", L("开关", "Switch"), L("true/false 或映射", "true/false or a mapping"), options=(
        (lambda raw: isinstance(raw, bool), ChoiceField("x", L("", ""), L("", ""))),
        (lambda raw: isinstance(raw, dict), Table("x", L("表", "Table"), L("", ""), key=NAME, value=DAYS, min_items=0)),
    ))
    assert check(flag_or_table, {"b": 1, "a": 2}) == ({"b": 1, "a": 2}, [])
    _, problems = check(flag_or_table, {"a": 99, "this-name-is-long": 1})
    assert paths(problems) == [(("a",), "above_max"), (("this-name-is-long",), "too_long")]
    _, problems = check(flag_or_table, "maybe")
    assert paths(problems) == [((), "schema_wrong_shape")]


def test_describe_lists_every_value_with_its_default_and_value():
    """describe() gives each declared value's kind, label, help, unit and path, with defaults and a course's values."""
    rows = describe(SHAPE, {"days": 9, "range": {"low": 1, "high": 2}}, {"days": 7})
    by_path = {r["path"]: r for r in rows}
    assert list(by_path)[:5] == ["name", "days", "range", "range.low", "range.high"]
    assert by_path["days"]["unit"] == {"zh": "天", "en": "days"} and (by_path["days"]["default"], by_path["days"]["value"]) == (7, 9)
    assert by_path["days"]["kind"] == "integer" and by_path["days"]["max"] == 30 and by_path["days"]["help"]["en"] == "How many days."
    assert by_path["range"]["kind"] == "mapping" and by_path["range.low"]["value"] == 1
    assert "value" not in describe(SHAPE)[0]
