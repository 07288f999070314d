"""Ranking trade-show cards (§S22): interest, then MAN, stable; day-one calls; clear errors."""

import pytest
from hypothesis import given, settings, strategies as st

import calculators
from conftest import golden_cases


def rank(cards, **extra):
    return calculators.run("trade-show-leads", {"cards": cards, "lang": "en", **extra})


@pytest.mark.parametrize("case", golden_cases("trade-show-leads"), ids=lambda c: c["file"])
def test_golden_cases(case):
    """The golden cases (also replayed in Chromium) hold in CPython."""
    out = calculators.run("trade-show-leads", case["payload"])
    assert out["ok"], out
    for key, value in case["expect"].items():
        assert out["result"][key] == value
    assert [r["name"] for r in out["result"]["ranking"]] == case["expect_order"]
    if "expect_when" in case:
        assert [r["when"] for r in out["result"]["ranking"]] == case["expect_when"]


def test_day_one_is_hot_cards_and_warm_with_two_yes():
    """Day one: every hot card and warm cards with two MAN yes; the rest this week."""
    r = rank([{"name": "w2", "interest": "warm", "money": "yes", "need": "yes"},
              {"name": "w1", "interest": "warm", "need": "yes"},
              {"name": "h", "interest": "hot", "money": "no"}])["result"]
    assert [(x["name"], x["when"]) for x in r["ranking"]] == [("h", "Day one"), ("w2", "Day one"), ("w1", "This week")]
    assert r["summary"][0] == "Call 2 on day one, 1 more this week; 0 set aside."


cards = st.lists(st.fixed_dictionaries({
    "name": st.text(min_size=1, max_size=5).filter(str.strip),
    "interest": st.sampled_from(["hot", "warm", "cold"]),
    "money": st.sampled_from(["yes", "no", "unknown"]),
    "authority": st.sampled_from(["yes", "no", "unknown"]),
    "need": st.sampled_from(["yes", "no", "unknown"]),
}), min_size=1, max_size=30)


def _key(card):
    answers = [card[f] for f in ("money", "authority", "need")]
    return ({"hot": 0, "warm": 1, "cold": 2}[card["interest"]], -answers.count("yes"), answers.count("no"))


@settings(max_examples=60, deadline=None)
@given(cards)
def test_ranking_is_a_sorted_permutation(cs):
    """Every card appears once, ranked 1..n, by interest, then more MAN yes, then fewer no, ties in entry order."""
    tagged = [dict(c, name=f"{i}-{c['name'].strip()}") for i, c in enumerate(cs)]
    r = rank(tagged)["result"]["ranking"]
    assert [x["rank"] for x in r] == list(range(1, len(cs) + 1))
    expected = sorted(tagged, key=lambda c: (_key(c), tagged.index(c)))
    assert [x["name"] for x in r] == [c["name"] for c in expected]


@settings(max_examples=30, deadline=None)
@given(cards, st.randoms(use_true_random=False))
def test_same_cards_same_ranking_whoever_enters_them(cs, rnd):
    """Shuffling the cards changes only the order among cards that tie on every rule."""
    tagged = [dict(c, name=f"{i}-{c['name'].strip()}") for i, c in enumerate(cs)]
    shuffled = tagged[:]
    rnd.shuffle(shuffled)
    by_name = {c["name"]: c for c in tagged}
    first = [_key(by_name[x["name"]]) for x in rank(tagged)["result"]["ranking"]]
    second = [_key(by_name[x["name"]]) for x in rank(shuffled)["result"]["ranking"]]
    assert first == second


@pytest.mark.parametrize("payload,field,code", [
    ({"cards": []}, "cards", "too_few_rows"),
    ({"cards": [{"name": "x", "interest": "boiling"}]}, "cards[1].interest", "invalid_choice"),
    ({"cards": [{"interest": "hot"}]}, "cards[1].name", "required"),
    ({"cards": [{"name": "x", "interest": "hot", "colour": "red"}]}, "cards[1].colour", "unknown_field"),
    ({"cards": [{"name": "x", "interest": "hot"}], "show_end": "26/11/2026"}, "show_end", "not_a_date"),
    ({"cards": "x"}, "cards", "not_rows"),
    ({"cards": [{"name": "x", "interest": "hot"}] * 2001}, "cards", "too_many_rows"),
])
def test_bad_input_names_row_and_column(payload, field, code):
    """Each bad card names its row and column, in the reader's language."""
    out = calculators.run("trade-show-leads", payload)
    assert not out["ok"]
    assert (out["errors"][0]["field"], out["errors"][0]["code"]) == (field, code)
    if "[1]" in field:
        assert "第 1 行" in out["errors"][0]["message"]
        en = calculators.run("trade-show-leads", {**payload, "lang": "en"})
        assert "row 1" in en["errors"][0]["message"]
