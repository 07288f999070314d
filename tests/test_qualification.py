"""The MAN qualification calculator (§S1 §S8 §S19 §S21)."""

from itertools import product

import pytest

import calculators
from calculators.qualification import ACTIONS
from conftest import golden_cases

CELLS = {
    ("yes", "yes", "yes"): ("MAN", "track"),
    ("yes", "yes", "no"): ("MAn", "develop"),
    ("yes", "no", "yes"): ("MaN", "develop"),
    ("no", "yes", "yes"): ("mAN", "develop"),
    ("yes", "no", "no"): ("Man", "develop"),
    ("no", "yes", "no"): ("mAn", "develop"),
    ("no", "no", "yes"): ("maN", "develop"),
    ("no", "no", "no"): ("man", "abandon"),
}


def q(**payload):
    return calculators.run("qualification", payload)


@pytest.mark.parametrize("answers,expected", CELLS.items())
def test_every_cell_has_its_verdict_and_action(answers, expected):
    """Each of the eight cells gets its letters, verdict and its own action, in zh and en."""
    m, a, n = answers
    cell, verdict = expected
    for lang in ("zh", "en"):
        out = q(money=m, authority=a, need=n, lang=lang)
        assert out["ok"], out
        r = out["result"]
        assert (r["cell"], r["verdict"]) == (cell, verdict)
        assert r["action"] == ACTIONS[cell][lang]
        assert r["next_questions"] == []
        assert len(r["reasons"]) == 3


def test_eight_distinct_actions():
    """No two cells share an action: each tells the rep something different."""
    assert len({a["en"] for a in ACTIONS.values()}) == 8 == len(ACTIONS)


@pytest.mark.parametrize("answers", [a for a in product(("yes", "no", "unknown"), repeat=3) if "unknown" in a])
def test_any_unknown_means_verify_with_questions_for_each_unknown(answers):
    """While any factor is unknown the verdict is verify, with three questions per unknown factor."""
    m, a, n = answers
    r = q(money=m, authority=a, need=n, lang="en")["result"]
    assert r["verdict"] == "verify"
    assert r["cell"].count("?") == answers.count("unknown")
    assert len(r["next_questions"]) == 3 * answers.count("unknown")


def test_evidence_that_contradicts_the_answer_asks_to_verify():
    """A 'yes' on money with a budget below the price is not trusted: verify, and money questions."""
    r = q(money="yes", authority="yes", need="yes", budget="80000", price="95,000.00", lang="en")["result"]
    assert r["verdict"] == "verify"
    assert r["cell"] == "MAN"
    assert any("short of the price" in line for line in r["reasons"])
    assert r["next_questions"][0] == "Is there a budget for this? Roughly how much?"


def test_evidence_that_agrees_keeps_the_verdict():
    """Budget above price, a deciding contact and a need this month keep MAN on track."""
    r = q(money="yes", authority="yes", need="yes", budget="100000", price="95000", role="decides",
          need_when="now", need_quantity="12", finances="sound")["result"]
    assert r["verdict"] == "track"
    assert "¥100,000.00" in r["reasons"][0]


def test_budget_and_price_take_wan_and_yuan():
    """A budget of 5万 and a price of 48000元 are read like 50000 and 48000 (#17: they were refused)."""
    r = q(money="yes", authority="yes", need="yes", budget="5万", price="48000元", lang="en")["result"]
    assert r["verdict"] == "track" and "the budget ¥50,000.00 covers the price ¥48,000.00" in r["reasons"][0]


@pytest.mark.parametrize("factor,field,value", [
    ("authority", "role", "none"), ("need", "need_when", "never"), ("need", "need_quantity", 0), ("money", "finances", "strained"),
])
def test_each_kind_of_contrary_evidence_is_caught(factor, field, value):
    """Every evidence field can contradict a 'yes'."""
    payload = {"money": "yes", "authority": "yes", "need": "yes", field: value}
    assert q(**payload)["result"]["verdict"] == "verify"


def test_recommender_counts_but_sends_you_to_the_decider():
    """A contact who recommends keeps A, with a reason to find the final decision maker."""
    r = q(money="yes", authority="yes", need="yes", role="recommends", lang="en")["result"]
    assert r["verdict"] == "track"
    assert any("decision maker" in line for line in r["reasons"])


@pytest.mark.parametrize("payload,field,code", [
    ({"money": 1.5, "authority": "yes", "need": "yes"}, "money", "invalid_choice"),
    ({"money": "maybe", "authority": "yes", "need": "yes"}, "money", "invalid_choice"),
    ({"authority": "yes", "need": "yes"}, "money", "required"),
    ({"money": "yes", "authority": "yes", "need": "yes", "budget": 1.5}, "budget", "float"),
    ({"money": "yes", "authority": "yes", "need": "yes", "budget": "1.005"}, "budget", "sub_fen"),
    ({"money": "yes", "authority": "yes", "need": "yes", "budget": "-5"}, "budget", "below_min"),
    ({"money": "yes", "authority": "yes", "need": "yes", "price": "abc"}, "price", "not_a_number"),
    ({"money": "yes", "authority": "yes", "need": "yes", "need_quantity": "2.5"}, "need_quantity", "not_an_integer"),
    ({"money": "yes", "authority": "yes", "need": "yes", "role": "boss"}, "role", "invalid_choice"),
    ({"money": "yes", "authority": "yes", "need": "yes", "colour": "red"}, "colour", "unknown_field"),
    ({"money": "yes", "authority": "yes", "need": "yes", "lang": "fr"}, "lang", "bad_lang"),
])
def test_bad_input_gets_a_field_error_in_both_languages(payload, field, code):
    """Each bad input names its field and code, with a message in the reader's language."""
    zh = calculators.run("qualification", payload)
    assert not zh["ok"]
    assert (zh["errors"][0]["field"], zh["errors"][0]["code"]) == (field, code)
    if payload.get("lang") != "fr":
        en = calculators.run("qualification", {**payload, "lang": "en"})
        assert en["errors"][0]["message"] != zh["errors"][0]["message"]
        assert en["errors"][0]["message"].isascii() or "¥" in en["errors"][0]["message"]


def test_all_problems_are_reported_at_once():
    """Three bad fields give three errors, not one at a time."""
    out = q(money="?", authority="?", need="?")
    assert [e["field"] for e in out["errors"]] == ["money", "authority", "need"]


@pytest.mark.parametrize("name,payload,code", [("nope", {}, "unknown_calculator"), ("qualification", [], "not_an_object"),
                                                ("qualification", "x", "not_an_object")])
def test_run_never_raises_on_wrong_shapes(name, payload, code):
    """Unknown names and non-object payloads are answers, not exceptions."""
    out = calculators.run(name, payload)
    assert out["ok"] is False and out["errors"][0]["code"] == code


def test_run_json_reports_broken_json():
    """Text that is not JSON gets a bad_json error."""
    import json

    out = json.loads(calculators.run_json("qualification", "{money: yes}"))
    assert out["errors"][0]["code"] == "bad_json"


def test_internal_errors_are_answers_too(monkeypatch):
    """A bug inside compute becomes an internal_error answer, never a traceback."""
    from calculators import qualification

    calc = calculators.REGISTRY["qualification"]
    monkeypatch.setitem(calculators.REGISTRY, "qualification",
                        type(calc)(**{**calc.__dict__, "compute": lambda v, lang: 1 / 0}))
    out = q(money="yes", authority="yes", need="yes")
    assert out["errors"][0]["code"] == "internal_error"
    assert "ZeroDivisionError" in out["errors"][0]["message"]
    assert qualification.QUALIFICATION is calc


@pytest.mark.parametrize("case", golden_cases("qualification"), ids=lambda c: c["file"])
def test_golden_cases(case):
    """The golden cases (also replayed in Chromium) hold in CPython."""
    out = calculators.run("qualification", case["payload"])
    assert out["ok"], out
    for key, value in case["expect"].items():
        assert out["result"][key] == value, key


def test_catalog_describes_every_input_with_labels_in_both_languages():
    """The catalog is the form's only source: every field has kind, zh/en label and help; choices are labelled."""
    spec = calculators.catalog()["qualification"]
    names = [f["name"] for f in spec["fields"]]
    assert names[:1] == ["money"] and {"authority", "need", "budget", "price", "role", "need_when", "need_quantity"} <= set(names)
    for f in spec["fields"]:
        assert f["kind"] in {"choice", "money", "integer", "text"}
        assert f["label"]["zh"] and f["label"]["en"] and f["help"]["zh"] and f["help"]["en"]
        for c in f.get("choices", []):
            assert c["label"]["zh"] and c["label"]["en"]
    assert [o["key"] for o in spec["outputs"]] == ["verdict", "cell", "action", "reasons", "next_questions"]
    assert calculators.run("qualification", spec["example"])["ok"]
