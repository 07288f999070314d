"""The reverse funnel: from a target back to the leads it takes (§S8)."""

import itertools
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

import calculators


def fn(**payload):
    return calculators.run("funnel", payload)


def ok(**payload):
    out = fn(**payload)
    assert out["ok"], out
    return out["result"]


def test_worked_example_counts_each_stage():
    """1,200,000 at 60,000 a deal is 20 deals; at 40%, 50% and 30% that is 50 proposals, 100 meetings, 334 leads."""
    r = ok(target="1200000", average_deal="60000", stages=[
        {"stage": "线索", "rate": "30%"}, {"stage": "首次见面", "rate": "0.5"}, {"stage": "方案报价", "rate": "0.4"}])
    assert [(row["stage"], row["count"], row["exact"]) for row in r["needed"]] == [
        ("线索", 334, "333.33"), ("首次见面", 100, "100.00"), ("方案报价", 50, "50.00"), ("成交", 20, "20.00")]
    assert (r["deals"], r["top"]) == (20, 334)
    assert "334 线索 → 100 首次见面 → 50 方案报价 → 20" in r["headline"]


def test_rounds_up_once_at_the_end_not_stage_by_stage():
    """100 at 30 a deal is 3.33 deals: at 50% that is 6.67 -> 7 entries, not ceil(4 / 0.5) = 8."""
    r = ok(target="100", average_deal="30", stages=[{"stage": "entries", "rate": "0.5"}], lang="en")
    assert [(row["count"], row["exact"]) for row in r["needed"]] == [(7, "6.67"), (4, "3.33")]
    assert "rounded up once" in r["rounding"]


def test_sensitivity_of_each_rate():
    """Five points down or up on one rate: how many more or fewer at the top, counted from exact values."""
    r = ok(target="1200000", average_deal="60000", stages=[
        {"stage": "leads", "rate": "0.3"}, {"stage": "meetings", "rate": "0.5"}, {"stage": "proposals", "rate": "0.4"}], lang="en")
    leads = Fraction(1_200_000, 60_000) / Fraction(4, 10) / Fraction(1, 2) / Fraction(3, 10)
    top = math.ceil(leads)
    meetings = r["sensitivity"][1]
    assert (meetings["lower_rate"], meetings["higher_rate"]) == ("0.45", "0.55")
    assert meetings["more"] == math.ceil(leads * Fraction(1, 2) / Fraction(45, 100)) - top == 37
    assert meetings["fewer"] == top - math.ceil(leads * Fraction(1, 2) / Fraction(55, 100)) == 30
    assert "Raising the rate at 'leads' by 5 points saves 48" in r["notes"][0]


def test_custom_step_and_a_rate_below_the_step():
    """A 10-point step; a 5% rate cannot drop by 10 points, so its 'more' is left empty and a note says why."""
    r = ok(target="10000", average_deal="1000", step="10%", stages=[{"stage": "a", "rate": "0.05"}, {"stage": "b", "rate": "1"}])
    assert r["sensitivity"][0]["more"] is None and r["sensitivity"][0]["lower_rate"] == ""
    assert r["sensitivity"][1]["higher_rate"] == "1" and r["sensitivity"][1]["fewer"] == 0
    assert any("无法再降低" in n for n in r["notes"])


@pytest.mark.parametrize("payload,field,code,zh_part", [
    ({"stages": [{"stage": "a", "rate": "0.5"}, {"stage": "b", "rate": "0"}]}, "stages[2].rate", "rate_zero", "漏斗各级 第 2 行·转化到下一级"),
    ({"stages": [{"stage": "a", "rate": "1.2"}]}, "stages[1].rate", "probability_range", "漏斗各级 第 1 行·转化到下一级"),
    ({"stages": [{"stage": "a", "rate": 0.3}]}, "stages[1].rate", "probability_float", "漏斗各级 第 1 行"),
    ({"stages": [{"rate": "0.3"}]}, "stages[1].stage", "required", "漏斗各级 第 1 行·这一级"),
    ({"stages": []}, "stages", "too_few_rows", "漏斗各级"),
    ({"average_deal": "0"}, "average_deal", "below_min", "平均每单金额"),
    ({"target": "-1"}, "target", "below_min", "目标"),
    ({"step": "0"}, "step", "must_be_positive", "比较时转化率上下浮动"),
])
def test_bad_input_names_the_field(payload, field, code, zh_part):
    """Each bad input gives a field error naming the row and column, in both languages."""
    base = {"target": "1000", "average_deal": "100", "stages": [{"stage": "a", "rate": "0.5"}]}
    zh = fn(**{**base, **payload})
    en = fn(**{**base, **payload, "lang": "en"})
    assert (zh["errors"][0]["field"], zh["errors"][0]["code"]) == (field, code)
    assert zh_part in zh["errors"][0]["message"] and en["errors"][0]["message"] != zh["errors"][0]["message"]


RATES = st.sampled_from(["0.01", "0.05", "0.1", "0.25", "1/3", "0.5", "0.75", "0.9", "1"]).map(
    lambda r: "0.333333" if r == "1/3" else r)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10**9), st.integers(1, 10**8), st.lists(RATES, min_size=1, max_size=6))
def test_counts_cover_the_target_and_never_shrink_up_the_funnel(target_fen, deal_fen, rates):
    """Each count is its exact need rounded up (never below it), and no stage needs fewer than the one below."""
    r = ok(target=f"{target_fen / 100:.2f}", average_deal=f"{deal_fen / 100:.2f}",
           stages=[{"stage": f"s{i}", "rate": x} for i, x in enumerate(rates)])
    need = Fraction(target_fen, deal_fen)
    exact = [need]
    for x in reversed(rates):
        exact.append(exact[-1] / Fraction(Decimal(x)))
    exact.reverse()
    counts = [row["count"] for row in r["needed"]]
    assert all(c - 1 < e <= c for c, e in zip(counts, exact))
    assert all(a >= b for a, b in itertools.pairwise(counts))
    assert all((s["more"] is None or s["more"] >= 0) and s["fewer"] >= 0 for s in r["sensitivity"])


def test_catalog_and_example():
    """The catalog lists the four inputs; its example runs in both languages."""
    spec = calculators.catalog()["funnel"]
    assert [f["name"] for f in spec["fields"]] == ["target", "average_deal", "stages", "step"]
    assert [o["kind"] for o in spec["outputs"]] == ["text", "table", "table", "explanation", "list"]
    for lang in ("zh", "en"):
        assert calculators.run("funnel", {**spec["example"], "lang": lang})["ok"]


def test_chapter_renders_in_both_languages_with_numbers_from_the_calculators(tmp_path, policy):
    """The funnel chapter renders (StrictUndefined) in zh and en; its worked numbers come from the calculators."""
    from playbook import embed
    from playbook.course import load_course
    from playbook.render import Renderer, load_module

    module = load_module("funnel")
    assert module.sources == ("S8",) and module.calculators == ("forecast", "funnel")
    course = tmp_path / "c.yaml"
    course.write_text("title: {zh: a, en: b}\nmodules: [funnel]\n", encoding="utf-8")
    pages = Renderer(load_course(course), policy).pages()
    lin = calculators.run("forecast", {"opportunities": [
        {"amount": "320000", "stage": "negotiation"}, {"amount": "180000", "stage": "proposal"},
        {"amount": "90000", "stage": "committed"}, {"amount": "450000", "stage": "qualified"},
        {"amount": "60000", "stage": "won"}, {"amount": "150000", "stage": "meeting"}], "target": "600000"}, policy)["result"]
    weighted = "{:,}".format(int(lin["weighted"].split(".")[0]))
    for lang, unit in (("zh", " 元"), ("en", " yuan")):
        md = pages[f"funnel.{lang}.md"]
        assert f"**{weighted}{unit}**" in md
        assert f"{int(Decimal(lin['p_target']) * 100)}%" in md
        blocks, problems = embed.find_blocks(md)
        assert [b.name for b in blocks] == ["forecast", "funnel"] and problems == []
        for block in blocks:
            spec = calculators.catalog()[block.name]
            out = calculators.run(block.name, {**spec["example"], **block.preset, "lang": lang}, policy)
            assert out["ok"], out
        assert "来源 Source: §S8" in md
