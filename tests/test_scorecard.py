"""Scorecards: the engine, every shipped card, card files with mistakes, course switches, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import calculators
from calculators.scorecard import assess, check_card
from conftest import ROOT, golden_cases
from playbook import paths
from playbook.scorecards import load_scorecards
from playbook.yamlfile import SourceError, load

SHIPPED = ("client-selection", "key-account", "quality-customer", "value-tier", "warehouse-admission")


def card(card_id: str):
    return check_card(card_id, yaml.safe_load((paths.SCORECARDS / f"{card_id}.yaml").read_text(encoding="utf-8")))


def best_answers(c) -> dict[str, str]:
    return {cr.id: max(cr.levels, key=lambda lv: lv.points).id for cr in c.criteria}


# -- golden cases (replayed in Chromium by tests/browser/test_scorecard_page.py) ------------


@pytest.mark.parametrize("case", golden_cases("scorecard"), ids=lambda c: c["file"])
def test_golden_case(case, policy):
    """Each golden case gives the expected status, grade, score, known share and texts."""
    out = calculators.run("scorecard", case["payload"], policy)
    assert out["ok"], out
    for key, want in case["expect"].items():
        assert out["result"][key] == want, (case["name"], key)


def test_shipped_cards_are_the_ones_promised():
    """The five cards of the issue ship, each with A-E bands and its source mark."""
    assert tuple(sorted(p.stem for p in paths.SCORECARDS.glob("*.yaml"))) == SHIPPED
    for cid in SHIPPED:
        c = card(cid)
        assert [b.grade for b in c.bands] == ["A", "B", "C", "D", "E"], cid
        assert c.sources, cid
        assert check_card(cid, c.to_json()) == c, f"{cid}: the cleaned form reads back the same"


# -- every shipped card: the two rules that make a scorecard honest --------------------------


WITH_KNOCKOUTS = ("client-selection", "key-account", "quality-customer", "warehouse-admission")


def test_which_cards_have_knock_outs():
    """Four cards have knock-outs (and a knock-out decision); the value tier grades by score alone, with notes."""
    assert tuple(cid for cid in SHIPPED if any(cr.knockout for cr in card(cid).criteria)) == WITH_KNOCKOUTS
    assert all(card(cid).knockout_decision is None for cid in set(SHIPPED) - set(WITH_KNOCKOUTS))


@pytest.mark.parametrize("card_id", WITH_KNOCKOUTS)
def test_knock_outs_win_over_scores(card_id):
    """With every other answer at its best, any knock-out answer still ends in the lowest grade and the knock-out decision."""
    c = card(card_id)
    knockouts = [(cr, lv) for cr in c.criteria for lv in cr.levels if lv.id in cr.knockout]
    assert knockouts
    for cr, lv in knockouts:
        a = assess(c, {**best_answers(c), cr.id: lv.id})
        assert a.status == "knocked_out" and a.band == c.bands[-1], (cr.id, lv.id)
        assert a.next_facts == ()
        result = calculators.run("scorecard", {"card": card_id, **best_answers(c), cr.id: lv.id, "lang": "en"},
                                 {"scorecards": {card_id: c.to_json()}})["result"]
        assert result["decision"] == c.knockout_decision["en"] and result["grade"] == c.bands[-1].grade


@pytest.mark.parametrize("card_id", SHIPPED)
def test_unknowns_lower_what_is_known_not_the_score(card_id):
    """Leaving the heaviest weighted criterion unknown keeps the score at 100 and lowers the known share by its weight."""
    c = card(card_id)
    full = assess(c, best_answers(c))
    assert (full.score, full.known, full.status) == (Decimal(100), Decimal(1), "graded")
    heaviest = max(c.criteria, key=lambda cr: cr.weight)
    part = assess(c, {k: v for k, v in best_answers(c).items() if k != heaviest.id})
    assert part.score == Decimal(100)
    assert part.known == 1 - heaviest.weight / 100
    assert part.status in ("provisional", "not_enough_facts")
    assert part.next_facts[0] == heaviest or part.next_facts[0].knockout
    # "no" is not "unknown": the lowest answer on the same criterion does lower the score
    worst = min(heaviest.levels, key=lambda lv: lv.points)
    assert assess(c, {**best_answers(c), heaviest.id: worst.id}).score < 100


def test_costliest_are_the_biggest_losses_in_card_order_on_ties():
    """Criteria that lost the same points are listed in card order; full marks never appear."""
    c = card("quality-customer")
    a = assess(c, {"buying_power": "uneven", "long_term": "yes", "credit": "mixed", "cooperation": "hard"})
    assert a.status == "graded"
    assert [(cr.id, str(cost)) for cr, _, cost in a.costliest] == [("cooperation", "25"), ("buying_power", "12.5"), ("credit", "12.5")]


# -- answers that do not fit ---------------------------------------------------------------


def test_wrong_answers_are_named_in_the_readers_language(policy):
    """An unknown card, criterion or answer gets a message naming it, in zh or en; never a traceback."""
    out = calculators.run("scorecard", {"card": "vip", "lang": "en"}, policy)
    assert not out["ok"] and "There is no scorecard named 'vip'" in out["errors"][0]["message"]
    assert "key-account" in out["errors"][0]["message"]
    out = calculators.run("scorecard", {"card": "key-account", "credit": "excellent", "budget": "yes"}, policy)
    messages = {e["field"]: e["message"] for e in out["errors"]}
    assert "“信用记录”的回答只能是：clean / minor / serious / unknown；收到的是 \"excellent\"" in messages["credit"]
    assert "没有“budget”这一项" in messages["budget"]
    assert calculators.run("scorecard", {"lang": "en"}, policy)["errors"][0]["field"] == "card"


def test_page_form_is_the_cards_questions(policy):
    """The page's form for a card: its id fixed, a subject, one question per criterion with unknown as the default."""
    spec = calculators.page_spec("scorecard", {"card": "warehouse-admission"}, policy)
    names = [f["name"] for f in spec["fields"]]
    assert names[:2] == ["card", "subject"] and len(names) == 2 + 9
    assert spec["fields"][0] == {**spec["fields"][0], "kind": "fixed", "default": "warehouse-admission"}
    licence = spec["fields"][2]
    assert [c["value"] for c in licence["choices"]] == ["yes", "no", "unknown"] and licence["default"] == "unknown"
    assert "Knock-out" in licence["help"]["en"]
    with pytest.raises(ValueError, match="no scorecard named 'vip'"):
        calculators.page_spec("scorecard", {"card": "vip"}, policy, "en")


# -- card files with mistakes: file and line ---------------------------------------------------

GOOD = """\
title: {zh: 经销商, en: Distributor}
summary: {zh: 看经销商值不值得签。, en: Whether a distributor is worth signing.}
criteria:
  - id: coverage
    label: {zh: 覆盖区域, en: Coverage}
    weight: 60
    scale:
      - {id: wide, label: {zh: 广, en: Wide}, points: 100}
      - {id: narrow, label: {zh: 窄, en: Narrow}, points: 30}
    evidence: {zh: 门店清单。, en: Its list of outlets.}
  - id: licence
    label: {zh: 执照, en: Licence}
    weight: 40
    scale: yes-no
    knockout: [no]
    evidence: {zh: 营业执照。, en: Its business licence.}
knockout_decision: {zh: 不签。, en: Do not sign.}
bands:
  - {grade: A, from: 70, to: 100, decision: {zh: 签。, en: Sign.}}
  - {grade: B, from: 40, to: 70, decision: {zh: 再谈。, en: Talk again.}}
  - {grade: C, from: 0, to: 40, decision: {zh: 不签。, en: Do not sign.}}
"""


def write_card(tmp_path: Path, text: str, name: str = "distributor") -> Path:
    folder = tmp_path / "scorecards"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_good_trainer_card_loads(tmp_path):
    """The sample trainer card loads; a bare `no` in knockout (YAML's false) means the answer no."""
    cards = load_scorecards(directory=write_card(tmp_path, GOOD))
    assert list(cards) == ["distributor"] and cards["distributor"]["criteria"][1]["knockout"] == ["no"]


@pytest.mark.parametrize("old,new,line,fragment", [
    ("weight: 40", "weight: 35", 3, "the weights add up to 95; they must add up to exactly 100"),
    ("{grade: B, from: 40, to: 70", "{grade: B, from: 45, to: 70", 20, "gap: scores from 40 to 45 would have no grade"),
    ("{grade: B, from: 40, to: 70", "{grade: B, from: 40, to: 75", 19, "grade A starts at 70, overlapping grade B, which runs to 75"),
    ("    scale: yes-no\n", "", 11, "criteria[2].scale: 'Scale' is missing: yes-no, or a list of at least two levels"),
    ("en: Its list of outlets.}", "en: Its list of outlets, shops and kiosks.}", 10, "a comma splits the text: put the text in quotes"),
    ("knockout: [no]", "knockout: [maybe]", 15, "knockout may only list this criterion's answers (no, yes); found maybe"),
    ("points: 30}", "points: 130}", 9, "'Points' must be at most 100; received 130"),
    ("  - id: licence", "  - id: coverage", 11, "criteria[2].id: 'Criteria' lists \"coverage\" twice (first as entry 1)"),
    ("knockout_decision: {zh: 不签。, en: Do not sign.}\n", "", 1, "knockout_decision: 'Knock-out decision' is missing"),
    ("title:", "titel:", 1, "titel: unknown key 'titel'"),
])
def test_card_mistakes_name_file_and_line(tmp_path, old, new, line, fragment):
    """A card with a mistake stops the build with its file, line and what was expected."""
    assert old in GOOD
    folder = write_card(tmp_path, GOOD.replace(old, new))
    with pytest.raises(SourceError) as err:
        load_scorecards(directory=folder)
    assert err.value.path.name == "distributor.yaml"
    assert (err.value.line, fragment in err.value.what) == (line, True), str(err.value)


# -- course switches -----------------------------------------------------------------------------


def course_doc(tmp_path: Path, policy_yaml: str):
    f = tmp_path / "c.yaml"
    f.write_text("title: {zh: a, en: b}\nmodules: [scorecards]\npolicy:\n" + policy_yaml, encoding="utf-8")
    return load(f)


def test_course_switches_cards_off_and_overrides_weights(tmp_path):
    """A course turns a card off and changes weights; the page text and the grade both follow."""
    from playbook.policy import load_policy

    doc = course_doc(tmp_path, "  scorecards:\n    value-tier: false\n    quality-customer:\n"
                               "      weights: {buying_power: 0, long_term: 50}\n")
    # buying power has no knock-out, so a weight of 0 must be refused with the course file's line
    with pytest.raises(SourceError) as err:
        load_policy(doc.data["policy"], doc)
    assert (err.value.path, err.value.line) == (doc.path, 7) and "weight 0 and is no knock-out" in err.value.what
    doc = course_doc(tmp_path, "  scorecards:\n    value-tier: false\n    key-account:\n"
                               "      weights: {credit: 35, attitude: 5, economic_strength: 20}\n")
    cards = load_policy(doc.data["policy"], doc)["scorecards"]
    assert "value-tier" not in cards and set(SHIPPED) - set(cards) == {"value-tier"}
    weights = {c["id"]: c["weight"] for c in cards["key-account"]["criteria"]}
    assert weights == {"economic_strength": "20", "credit": "35", "stability": "20", "fit": "20", "attitude": "5"}
    out = calculators.run("scorecard", {"card": "key-account", "economic_strength": "weak", "credit": "clean",
                                        "stability": "stable", "fit": "strong", "attitude": "sincere"}, {"scorecards": cards})
    assert out["result"]["score"] == "80"  # 100 - 20 with the course's weights (75 with the card's own)


@pytest.mark.parametrize("policy_yaml,line,fragment", [
    ("  scorecards:\n    vip: false\n", 5, "unknown scorecard 'vip'"),
    ("  scorecards:\n    key-account:\n      weights: {credit: 30}\n", 6, "the weights add up to 105"),
    ("  scorecards:\n    key-account:\n      weights: {budget: 30}\n", 6, "has no criterion 'budget'"),
    ("  scorecards:\n    key-account: maybe\n", 5, "each scorecard takes false (switch off), true"),
])
def test_course_switch_mistakes_name_the_course_line(tmp_path, policy_yaml, line, fragment):
    """A wrong scorecard switch in a course file names the course file and line."""
    from playbook.policy import load_policy

    doc = course_doc(tmp_path, policy_yaml)
    with pytest.raises(SourceError) as err:
        load_policy(doc.data["policy"], doc)
    assert (err.value.path, err.value.line) == (doc.path, line) and fragment in err.value.what, str(err.value)


# -- the CLI and a trainer's own card in a built course -----------------------------------------


def test_cli_grades_a_case_from_standard_input():
    """`playbook calc scorecard --input -` prints the result; a wrong answer exits 2 with the message."""
    payload = {"card": "key-account", "economic_strength": "strong", "credit": "serious", "lang": "en"}
    proc = subprocess.run([sys.executable, "-m", "playbook.cli", "calc", "scorecard", "--input", "-"], cwd=ROOT,
                          input=json.dumps(payload), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["result"]["status"] == "knocked_out"
    proc = subprocess.run([sys.executable, "-m", "playbook.cli", "calc", "scorecard", "--input", "-"], cwd=ROOT,
                          input='{"card": "key-account", "fit": "perfect", "lang": "en"}', capture_output=True, text=True)
    assert proc.returncode == 2 and "'Need and fit' must be answered with one of" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_trainer_written_card_appears_in_a_built_course(tmp_path, monkeypatch):
    """A new YAML card, and no code, gives the course's scorecards page that card, its rules and its working calculator."""
    from playbook.build import build

    monkeypatch.setattr(paths, "SCORECARDS", write_card(tmp_path, GOOD))
    course = tmp_path / "dealers.yaml"
    course.write_text("title: {zh: 经销商课程, en: Dealer course}\nmodules: [scorecards]\n", encoding="utf-8")
    site = build(course, tmp_path / "site").site
    zh = (site / "scorecards" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "scorecards" / "index.html").read_text(encoding="utf-8")
    assert 'id="distributor"' in en and ">Distributor<" in en and "Do not sign." in en
    assert 'data-calculator="scorecard" data-card="distributor"' in zh
    assert '"scorecards": {"distributor":' in zh, "the page's calculator carries the card it grades"
    assert 'data-card="key-account"' not in zh, "only this course's cards"
    assert "信息不足，暂不评级" in zh, "the answer for the empty form is pre-rendered by the same rules"
