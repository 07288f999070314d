"""The key-account card and the which-customers chapter agree (§S18): the card admits no customer the chapter refuses."""

from __future__ import annotations

import itertools
import re
from types import SimpleNamespace

import pytest

import calculators
from playbook import paths
from playbook.policy import load_policy
from playbook.render import Renderer

CARD = "key-account"
MODULE = "which-customers"
ADMIT = {"A", "B"}  # the grades whose decision lists the customer as a key account


def chapter(policy, lang):
    course = SimpleNamespace(id="t", title={"zh": "课", "en": "C"}, audience={"zh": "", "en": ""},
                             languages=("zh", "en"), modules=(MODULE, "scorecards"), default_lang="zh")
    return Renderer(course, policy).render(f"{MODULE}/{lang}.md", lang, paths.MODULES / MODULE / f"{lang}.md")


def refused(policy, lang):
    """criterion id -> level ids the chapter's key-account table says fail, read back from the rendered page."""
    card = policy["scorecards"][CARD]
    text = chapter(policy, lang)
    section = next(s for s in text.split("\n## ") if s.startswith(("大客户准入", "Five criteria for admitting")))
    out = {}
    for c in card["criteria"]:
        row = re.search(r"^\| " + re.escape(c["label"][lang]) + r" \|[^\n]*\| ([^|\n]*) \|$", section, re.M)
        assert row, (lang, c["id"])
        fails = {s.strip() for s in re.split("、|, ", row.group(1)) if s.strip()}
        out[c["id"]] = {lv["id"] for lv in c["scale"] if lv["label"][lang] in fails}
        assert len(out[c["id"]]) == len(fails), (lang, c["id"], fails)
    return out


@pytest.fixture(scope="module", params=[{}, {"scorecards": {CARD: {"weights": {"economic_strength": 5, "credit": 5, "stability": 5,
                                                                                   "fit": 5, "attitude": 80}}}}],
                ids=["card weights", "course weights"])
def policy(request):
    return load_policy(request.param)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chapter_refuses_what_the_source_refuses(policy, lang):
    """§S18 admits only economically strong customers: the chapter refuses every lower level of economic strength, and each criterion's worst level."""
    fails = refused(policy, lang)
    card = policy["scorecards"][CARD]
    assert set(fails) == {c["id"] for c in card["criteria"]}
    strength = next(c for c in card["criteria"] if c["id"] == "economic_strength")
    assert fails["economic_strength"] == {lv["id"] for lv in strength["scale"] if lv["id"] != "strong"}
    assert all(c["scale"][-1]["id"] in fails[c["id"]] for c in card["criteria"])
    assert ("每一条都是一票否决" if lang == "zh" else "each one is a knock-out") in chapter(policy, lang)


def test_the_card_admits_no_customer_the_chapter_refuses(policy):
    """Every combination of answers (unknown included): one refused answer means knocked out, never an admitting grade."""
    card = policy["scorecards"][CARD]
    fails = refused(policy, "zh")
    assert fails == refused(policy, "en")
    criteria = card["criteria"]
    seen = {"refused": 0, "admitted": 0}
    for answers in itertools.product(*[[lv["id"] for lv in c["scale"]] + ["unknown"] for c in criteria]):
        case = dict(zip((c["id"] for c in criteria), answers))
        out = calculators.run("scorecard", {"card": CARD, **case, "lang": "en"}, policy)
        assert out["ok"], out
        r = out["result"]
        if any(case[cid] in levels for cid, levels in fails.items()):
            seen["refused"] += 1
            assert r["status"] == "knocked_out" and r["grade"] not in ADMIT, case
        else:
            assert r["status"] != "knocked_out", case  # the chapter lists every knock-out the card has
            seen["admitted"] += r["grade"] in ADMIT
    assert seen["refused"] > 800 and seen["admitted"] > 0  # 862 of the 1,024 combinations are refused


def test_weak_economic_strength_with_everything_else_top_is_refused(policy):
    """The issue's case: weak (or merely adequate) strength, all else at its best, is not a key account."""
    best = {"credit": "clean", "stability": "stable", "fit": "strong", "attitude": "sincere"}
    for strength in ("weak", "adequate"):
        r = calculators.run("scorecard", {"card": CARD, "economic_strength": strength, **best, "lang": "en"}, policy)["result"]
        assert r["status"] == "knocked_out" and r["grade"] == "E" and r["decision"].startswith("Not admitted")
