"""Inputs at and past the stated limits get field errors in the payload's language, never internal_error."""

import json

import pytest

import calculators
from calculators.dates import DATE_MAX, DATE_MIN
from calculators.fields import MAX_INTEGER
from calculators.money import MAX_TEXT, Money, MoneyError
from calculators.table_paste import MAX_CELL

QUAL = {"money": "yes", "authority": "no", "need": "yes"}


def errors(name, payload, policy):
    out = calculators.run(name, payload, policy)
    assert not out["ok"], out
    assert all(e["code"] != "internal_error" for e in out["errors"]), out
    return {e["field"]: e for e in out["errors"]}


@pytest.mark.parametrize("field", ["budget", "price"])
@pytest.mark.parametrize("amount", ["100000000000000000000000000", "1" + "0" * 400, "1000000000000", "-1000000000000"])
def test_money_of_a_trillion_or_more_is_a_field_error_naming_the_largest_amount(field, amount, policy):
    """1e26 (InvalidOperation before) and anything past ¥999,999,999,999.99 either way: money_too_large, in zh and en."""
    for lang, words in (("zh", "金额最多 ¥999,999,999,999.99"), ("en", "amounts go up to ¥999,999,999,999.99")):
        err = errors("qualification", {**QUAL, field: amount, "lang": lang}, policy)[field]
        assert err["code"] == "money_too_large" and words in err["message"], err


def test_money_parse_is_exact_to_the_limit_and_refuses_past_it():
    """The largest amount parses exactly; one fen more, or a long digit string, is money_too_large."""
    assert Money.parse("999,999,999,999.99").fen == 99_999_999_999_999
    assert Money.parse("-999999999999.99").fen == -99_999_999_999_999
    for value in ("1000000000000.00", "9" * 5000, 10**12, -(10**12)):
        with pytest.raises(MoneyError) as err:
            Money.parse(value)
        assert err.value.code == "money_too_large"


@pytest.mark.parametrize("name,payload,field", [
    ("qualification", {**QUAL, "need_quantity": "²"}, "need_quantity"),
    ("qualification", {**QUAL, "need_quantity": "1²"}, "need_quantity"),
    ("commission-split", {"commission": "100", "events": [{"type": "deal", "at": "2024-03-01T10:00", "closed_by": "A", "units": "²"}]},
     "events[1].units"),
])
def test_superscript_digits_in_integer_fields_are_not_whole_numbers(name, payload, field, policy):
    """"²" is a digit to str.isdigit() but not to int(): not_an_integer (ValueError before)."""
    assert errors(name, payload, policy)[field]["code"] == "not_an_integer"


def test_integers_past_the_stated_maximum_are_refused_before_conversion(policy):
    """A 5,000-digit integer (beyond Python's int() limit) is above_max, naming the maximum."""
    err = errors("qualification", {**QUAL, "need_quantity": "9" * 5000, "lang": "en"}, policy)["need_quantity"]
    assert err["code"] == "above_max" and f"{MAX_INTEGER}" in err["message"]


@pytest.mark.parametrize("name,payload,field", [
    ("commission-split", {"commission": "100", "events": [{"type": "visit", "at": "0001-01-01T00:00+08:00", "received_by": "A"}]}, "events[1].at"),
    ("commission-split", {"commission": "100", "events": [{"type": "visit", "at": "9999-12-31T23:59-08:00", "received_by": "A"}]}, "events[1].at"),
    ("rotation", {"agents": [{"name": "A1"}], "moment": "0001-01-01T00:00+14:00"}, "moment"),
    ("rotation", {"agents": [{"name": "A1"}], "date": "9999-12-31", "moment": "10:00"}, "date"),
    ("trade-show-leads", {"cards": [{"name": "A", "interest": "hot"}], "show_end": "9999-12-31"}, "show_end"),
    ("forecast", {"opportunities": [{"name": "A", "amount": "1", "probability": "0.5", "close_date": "0001-01-01"}]},
     "opportunities[1].close_date"),
])
def test_dates_at_the_calendars_edge_are_out_of_range(name, payload, field, policy):
    """Year 1 and year 9999 (OverflowError before): date_out_of_range, naming the supported range."""
    for lang in ("zh", "en"):
        err = errors(name, {**payload, "lang": lang}, policy)[field]
        assert err["code"] == "date_out_of_range", err
        assert DATE_MIN.isoformat() in err["message"] and DATE_MAX.isoformat() in err["message"]


def test_pasted_cell_over_the_limit_and_an_unclosed_quote_are_row_problems(policy):
    """A 140,000-character cell (csv's field limit before) and a quote never closed: the row, in both languages."""
    long = "名称\t金额\t赢率\n" + "y" * 140_000 + "\t1\t0.5\n"
    over = "名称\t金额\t赢率\n" + "y" * (MAX_CELL + 1) + "\t1\t0.5\n好\t2\t0.1\n"
    unclosed = "名称\t金额\t赢率\n\"未闭合\t1\t0.5\n" + "好\t2\t0.1\n" * 3
    for text, code in ((long, "paste_cell_too_long"), (over, "paste_cell_too_long"), (unclosed, "paste_unclosed_quote")):
        for lang in ("zh", "en"):
            got = errors("forecast", {"paste": text, "lang": lang}, policy)
            assert got["paste[2]"]["code"] == code, got
    en = errors("forecast", {"paste": over, "lang": "en"}, policy)["paste[2]"]["message"]
    assert f"{MAX_CELL:,}" in en and "row 2" in en


@pytest.mark.parametrize("entry", [calculators.run_json, calculators.answer_json])
def test_json_entry_points_refuse_deep_nesting_before_parsing(entry):
    """2,000 and 100,000 nested levels (RecursionError before), through run_json and the worker's answer_json alike:
    input_too_deep with the stated depth."""
    for text in ("[" * 2000 + "]" * 2000, "[" * 100_000, '{"money": ' + "[" * 50 + "]" * 50 + "}"):
        out = json.loads(entry("qualification", text))
        assert [e["code"] for e in out["errors"]] == ["input_too_deep"]
    out = json.loads(entry("qualification", '{"money":"no","money":"yes","authority":"no","need":"yes"}'))
    assert [e["code"] for e in out["errors"]] == ["duplicate_key"]
    assert calculators.catalog()["qualification"]["limits"]["max_depth"] == calculators.MAX_DEPTH


def test_run_refuses_deep_nesting_of_python_values(policy):
    """A payload object nested past the limit names the path where it goes too deep."""
    deep: list = []
    for _ in range(40):
        deep = [deep]
    got = errors("qualification", {**QUAL, "money": deep, "lang": "en"}, policy)
    (field, err), = got.items()
    assert err["code"] == "too_deep" and field.startswith("money[1]")


def test_json_keys_written_twice_are_a_field_error():
    """{"money":"no","money":"yes"} no longer answers "yes": duplicate_key names the field (and the row)."""
    out = json.loads(calculators.run_json("qualification", '{"money":"no","money":"yes","authority":"no","need":"yes","lang":"en"}'))
    assert out["errors"] == [{"field": "money", "code": "duplicate_key",
                              "message": "'Money (M)' appears 2 times: each field may appear only once; remove the extra ones."}]
    out = json.loads(calculators.run_json("rotation", '{"agents":[{"name":"A"},{"name":"B","name":"C"}]}', "{}"))
    assert out["errors"][0]["field"] == "agents[2].name" and out["errors"][0]["code"] == "duplicate_key"
    assert "（2 次）" in out["errors"][0]["message"]


def test_english_messages_list_names_with_commas(policy):
    """rotation's agent_not_on_list joined names with "、" in English too."""
    payload = {"agents": [{"name": "A1"}, {"name": "B1"}], "date": "2026-01-01", "moment": "10:00",
               "events": [{"at": "09:30", "type": "away", "agent": "X"}]}
    en = errors("rotation", {**payload, "lang": "en"}, policy)["events[1].agent"]["message"]
    zh = errors("rotation", payload, policy)["events[1].agent"]["message"]
    assert "A1, B1" in en and "、" not in en
    assert "A1、B1" in zh


def test_huge_values_are_not_echoed_whole(policy):
    """A 5 MB string in a choice field (echoed twice in full before) comes back cut short."""
    out = calculators.run("qualification", {**QUAL, "money": "x" * 5_000_000, "x" * 1000: 1}, policy)
    assert len(json.dumps(out)) < 2_000


def test_lone_surrogates_come_back_as_valid_utf8_json():
    """A lone surrogate in the input is escaped in run_json's answer, which encodes as UTF-8."""
    text = calculators.run_json("qualification", '{"money":"\\ud800","authority":"no","need":"yes"}')
    text.encode("utf-8")
    assert json.loads(text)["errors"][0]["code"] == "invalid_choice"


def test_limits_are_stated_in_the_catalog():
    """The largest amount, the integer bounds, the date range, cell and paste sizes and nesting depth are in describe()."""
    cat = calculators.catalog()
    fields = {f["name"]: f for f in cat["qualification"]["fields"]}
    assert fields["budget"]["max"] == MAX_TEXT and fields["need_quantity"]["max"] <= MAX_INTEGER
    show_end = next(f for f in cat["trade-show-leads"]["fields"] if f["name"] == "show_end")
    assert (show_end["min"], show_end["max"]) == (DATE_MIN.isoformat(), DATE_MAX.isoformat())
    paste = next(f for f in cat["forecast"]["fields"] if f["name"] == "paste")
    assert paste["max_cell"] == MAX_CELL and paste["max_chars"] and paste["max_rows"]
    events = next(f for f in cat["commission-split"]["fields"] if f["name"] == "events")
    at = next(c for c in events["columns"] if c["name"] == "at")
    assert (at["min"], at["max"]) == (DATE_MIN.isoformat(), DATE_MAX.isoformat())
    assert all(c["limits"]["max_depth"] == calculators.MAX_DEPTH for c in cat.values())
