"""The forecast calculator and its distribution engine (§S8: forecast = Σ opportunity × win rate)."""

import itertools
import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import calculators
from calculators import table_paste
from calculators.base import InputErrors
from calculators.forecast import check_policy, engine
from calculators.numbers import percent
from conftest import golden_cases

SETTINGS = settings(max_examples=30, deadline=None)


def fc(policy, **payload):
    return calculators.run("forecast", payload, policy)


def ok(policy, **payload):
    out = fc(policy, **payload)
    assert out["ok"], out
    return out["result"]


# --------------------------------------------------------------------------- strategies

PROBS = st.sampled_from(["0", "0.05", "0.1", "0.25", "0.333333", "0.5", "0.75", "0.9", "1", "35%", "12.5%"])
AMOUNTS = st.integers(min_value=0, max_value=5_000_000_00).map(lambda fen: f"{fen // 100}.{fen % 100:02d}")
DEAL = st.fixed_dictionaries({"amount": AMOUNTS, "probability": PROBS},
                             optional={"name": st.sampled_from(["甲", "乙", "Acme", "B&Co"])})


def pipelines(min_size=1, max_size=5):
    return st.lists(DEAL, min_size=min_size, max_size=max_size)


def grid_pipelines():
    """14 to 18 deals with amounts to the fen: too many distinct sums for the exact method."""
    amount = st.integers(min_value=1_000_00, max_value=900_000_00).map(lambda fen: f"{fen // 100}.{fen % 100:02d}")
    return st.lists(st.fixed_dictionaries({"amount": amount, "probability": PROBS}), min_size=14, max_size=18)


def mixed_pipelines():
    return st.one_of(pipelines(1, 8), grid_pipelines())


def targets():
    return st.integers(min_value=1, max_value=20_000_000_00).map(lambda fen: f"{fen // 100}.{fen % 100:02d}")


def dec(text):
    return Decimal(text)


# --------------------------------------------------------------------------- golden cases and the brief's example


@pytest.mark.parametrize("case", golden_cases("forecast"), ids=lambda c: c["file"])
def test_golden_cases(case, policy):
    """The golden cases (also replayed in the browser) hold in CPython."""
    out = calculators.run("forecast", case["payload"], policy)
    assert out["ok"], out
    for key, value in case["expect"].items():
        assert out["result"][key] == value, key


def test_brief_example_weighted_and_chance(policy):
    """100,000 at 10%, 50,000 at 50% and 200,000 at 80% weigh 195,000.00, reached with probability 0.80."""
    r = ok(policy, target="195000", opportunities=[
        {"amount": "100000", "probability": "0.1"}, {"amount": "50000", "probability": "50%"},
        {"amount": "200000", "probability": "0.8"}])
    assert (r["weighted"], r["p_target"], r["error_bound"]) == ("195000.00", "0.80", "0")
    top = r["drivers"][0]
    assert (top["amount"], top["if_won"], top["if_lost"], top["swing"]) == ("200000.00", "1.00", "0.00", "1.00")
    assert [p["probability"] for p in r["distribution"]["points"]] == ["0.09", "0.09", "0.01", "0.01", "0.36", "0.36", "0.04", "0.04"]


# --------------------------------------------------------------------------- properties


@SETTINGS
@given(pipelines(1, 5), targets())
def test_mean_of_the_returned_distribution_equals_weighted(deals, target):
    """Small pipelines: the chart's points are the exact distribution, and its mean is the exact weighted forecast."""
    r = ok(POLICY, opportunities=deals, target=target)
    points = r["distribution"]["points"]
    assert r["method"] == "exact" and not r["distribution"]["binned"]
    mean = sum(Fraction(p["amount"]) * Fraction(p["probability"]) for p in points)
    assert mean == Fraction(r["weighted_exact"])
    assert sum(Fraction(p["probability"]) for p in points) == 1
    assert r["distribution"]["mean"] == r["weighted"]


@settings(max_examples=12, deadline=None)
@given(st.lists(st.fixed_dictionaries({"amount": st.integers(1_000_00, 900_000_00).map(lambda f: f"{f / 100:.2f}"),
                                       "probability": st.sampled_from(["0.1", "0.3", "0.5", "0.7", "0.9"])}),
                min_size=14, max_size=30))
def test_mean_of_a_binned_or_grid_distribution_is_weighted_to_the_fen(deals):
    """Larger pipelines (binned, often grid): the chart's mean is the weighted forecast to within a fen and 1e-6."""
    r = ok(POLICY, opportunities=deals, target="1000000")
    points = r["distribution"]["points"]
    assert len(points) <= 60
    mean = sum(Fraction(p["amount"]) * Fraction(p["probability"]) for p in points)
    assert abs(mean - Fraction(r["weighted_exact"])) <= Fraction(1, 100) + Fraction(r["weighted_exact"]) / 10**6


@SETTINGS
@given(mixed_pipelines(), targets(), targets())
def test_p_target_never_rises_when_the_target_rises(deals, t1, t2):
    """A higher target is never more likely to be reached (exact or grid)."""
    lo, hi = sorted((dec(t1), dec(t2)))
    a = ok(POLICY, opportunities=deals, target=str(lo))
    b = ok(POLICY, opportunities=deals, target=str(hi))
    assert dec(b["p_target"]) <= dec(a["p_target"])


@settings(max_examples=25, deadline=None)
@given(pipelines(2, 12), st.integers(min_value=1, max_value=2**31))
def test_engine_chance_is_monotone_in_the_target(deals, seed):
    """The engine's exact P(W >= t) never increases with t, at every support point and between them."""
    ds = [engine.Deal(int(dec(d["amount"]) * 100), calculators.fields.parse_probability(d["probability"]), (i,))
          for i, d in enumerate(deals)]
    ds = [d for d in ds if 0 < d.p < 1 and d.amount > 0]
    out = engine.distribution(0, ds, 0)
    rng = random.Random(seed)
    ts = sorted({0, *out.measure.xs, *(rng.randint(0, max(1, out.measure.xs[-1] + 1)) for _ in range(20))})
    chances = [out.at_least(t) for t in ts]
    assert all(x >= y for x, y in itertools.pairwise(chances))


def _probabilities(r):
    yield r["p_target"]
    yield r["error_bound"]
    if r["win_rate"] is not None:
        yield r["win_rate"]
    for p in r["distribution"]["points"]:
        yield p["probability"]
        yield p["at_least"]
    for d in r["drivers"]:
        yield from (d["probability"], d["if_won"], d["if_lost"], d["swing"])


@SETTINGS
@given(mixed_pipelines(), targets())
def test_every_probability_in_the_result_is_between_0_and_1(deals, target):
    """p_target, error bound, win rate, chart masses, chances and driver swings all lie in [0, 1]."""
    r = ok(POLICY, opportunities=deals, target=target)
    for p in _probabilities(r):
        assert 0 <= dec(p) <= 1, p


@SETTINGS
@given(mixed_pipelines(), targets(), st.randoms(use_true_random=False))
def test_shuffling_the_opportunities_changes_nothing(deals, target, rnd):
    """The result does not depend on the order of the rows (exact and grid alike)."""
    shuffled = deals[:]
    rnd.shuffle(shuffled)
    assert ok(POLICY, opportunities=deals, target=target) == ok(POLICY, opportunities=shuffled, target=target)


@SETTINGS
@given(pipelines(1, 20), targets())
def test_stage_and_month_subtotals_add_up_to_the_weighted_total(deals, target):
    """Largest-remainder rounding: the subtotals add up to the rounded total exactly."""
    for i, d in enumerate(deals):
        d["close_date"] = f"2025-{1 + i % 12:02d}-01" if i % 3 else None
        if d["close_date"] is None:
            del d["close_date"]
    r = ok(POLICY, opportunities=deals, target=target)
    for key in ("by_stage", "by_month"):
        assert sum(dec(row["weighted"]) for row in r[key]) == dec(r["weighted"])
        assert sum(row["count"] for row in r[key]) == len(deals)


# --------------------------------------------------------------------------- the error bound of the grid method


def _exact_reference(deals, monkeypatch):
    monkeypatch.setattr(engine, "EXACT_MAX_SUPPORT", 10**7)
    monkeypatch.setattr(engine, "EXACT_MAX_WORK", 10**9)
    return engine.distribution(0, deals, 0)


@pytest.mark.parametrize("seed", range(6))
def test_grid_chance_is_within_its_stated_error_bound(seed, monkeypatch):
    """Against the exact distribution, the grid's P(W >= t) errs by no more than error_bound, at several targets."""
    rng = random.Random(seed)
    deals = [engine.Deal(rng.randint(1, 400_000_00) * rng.choice([1, 1, 100]), Decimal(rng.choice(["0.1", "0.25", "0.5", "0.8"])), (i,))
             for i in range(13)]
    grid = engine.distribution(0, deals, 0, points=rng.choice([512, 1024, 2048]), exact=False)
    exact = _exact_reference(deals, monkeypatch)
    assert grid.method == "grid" and exact.method == "exact"
    total = sum(d.amount for d in deals)
    worst = 0
    for t in [rng.randint(0, total) for _ in range(25)]:
        bound = grid.error_bound(t)
        error = abs(grid.at_least(t) - exact.at_least(t))
        assert error <= bound, (t, float(error), float(bound))
        assert bound < Fraction(1, 5)
        worst = max(worst, error)
    assert worst > 0            # the comparison is not between two identical computations


def test_grid_bound_is_tiny_when_every_amount_is_on_the_grid(monkeypatch):
    """Amounts that are multiples of a common step need no rounding: only the trimmed mass is left in the bound."""
    rng = random.Random(1)
    deals = [engine.Deal(rng.randint(1, 300) * 10_000_00, Decimal(rng.choice(["0.2", "0.5", "0.7"])), (i,)) for i in range(40)]
    grid = engine.distribution(0, deals, 0, exact=False)
    assert grid.disc_var == 0 and grid.step % 10_000_00 == 0
    mean = sum(Fraction(d.amount) * Fraction(d.p) for d in deals)
    t = int(mean)
    assert grid.error_bound(t) < Fraction(1, 10**6)


def test_finer_grid_gives_smaller_bound():
    """Four times the grid points at least halve the error bound on an off-grid pipeline."""
    rng = random.Random(3)
    deals = [engine.Deal(rng.randint(1, 900_000_00), Decimal(rng.choice(["0.1", "0.4", "0.6"])), (i,)) for i in range(60)]
    t = int(sum(Fraction(d.amount) * Fraction(d.p) for d in deals))
    coarse = engine.distribution(0, deals, t, points=1024).error_bound(t)
    fine = engine.distribution(0, deals, t, points=4096).error_bound(t)
    assert 0 < fine <= coarse / 2


def test_large_pipeline_states_a_useful_bound(policy):
    """300 deals with amounts to the fen: the grid method, a non-zero error bound below 0.02, in the notes too."""
    rng = random.Random(300)
    rows = [{"amount": f"{rng.randint(10_000_00, 2_000_000_00) / 100:.2f}", "probability": rng.choice(["0.1", "0.3", "0.6"])}
            for _ in range(300)]
    r = ok(policy, opportunities=rows, target=r_mean(rows))
    assert r["method"] == "grid"
    assert 0 < dec(r["error_bound"]) < Decimal("0.02")
    assert any(percent(r["error_bound"]) in note for note in r["notes"])  # stated as a percentage
    assert r["distribution"]["step"] is not None


# --------------------------------------------------------------------------- coverage, won and lost, period, stages


def test_coverage_needed_is_one_over_the_pipelines_own_win_rate(policy):
    """A pipeline winning 25% of its value needs 4x coverage, not a fixed 3x; 3.5x is then short."""
    r = ok(policy, target="100000", opportunities=[{"amount": "200000", "probability": "0.25"},
                                                   {"amount": "150000", "probability": "0.25"}])
    assert (r["win_rate"], r["coverage_needed"], r["coverage"], r["verdict"]) == ("0.25", "4.00", "3.50", "short")


def test_coverage_counts_only_what_is_still_to_win(policy):
    """Coverage is open pipeline ÷ (target − already won); a target already won gives no coverage and 'met'."""
    r = ok(policy, target="100000", opportunities=[{"amount": "60000", "probability": "1"}, {"amount": "80000", "probability": "0.5"}])
    assert r["coverage"] == "2.00"
    r = ok(policy, target="100000", opportunities=[{"amount": "160000", "probability": "1"}, {"amount": "80000", "probability": "0.5"}])
    assert (r["verdict"], r["coverage"], r["coverage_needed"], r["p_target"]) == ("met", None, None, "1.00")


def test_closed_lost_at_zero_is_not_a_missing_probability(policy):
    """'0' is a lost deal (counted by stage, out of the pipeline); an empty probability without a stage is an error."""
    r = ok(policy, target="1000", opportunities=[{"amount": "5000", "probability": "0", "stage": "lost"},
                                                 {"amount": "1000", "probability": "0.5"}])
    assert r["open_pipeline"] == "1000.00" and r["counts"]["lost"] == 1
    assert r["by_stage"][0]["stage"] == "lost" and r["by_stage"][0]["weighted"] == "0.00"
    out = fc(policy, target="1000", opportunities=[{"amount": "5000"}])
    assert [(e["field"], e["code"]) for e in out["errors"]] == [("opportunities[1].probability", "probability_or_stage")]


def test_all_lost_pipeline_has_zero_chance(policy):
    """A pipeline of lost deals forecasts 0.00 with chance 0, and coverage needed is undefined."""
    r = ok(policy, target="1000", opportunities=[{"amount": "5000", "probability": "0"}])
    assert (r["weighted"], r["p_target"], r["coverage"], r["coverage_needed"]) == ("0.00", "0.00", "0.00", None)


def test_the_notes_count_in_words(policy):
    """English notes agree in number ("one possible won amount", "1 deal", "2 deals"), never "deal(s)"; zh counts plainly."""
    one = ok(policy, target="1000", opportunities=[{"amount": "5000", "probability": "0"}], lang="en")
    assert "The distribution is exact: one possible won amount." in one["notes"]
    assert "Lost (probability 0): 1 deal, left out of the open pipeline but shown by stage." in one["notes"]
    won = ok(policy, target="1000", opportunities=[{"amount": "50", "probability": "1"}, {"amount": "70", "probability": "1"}], lang="en")
    assert "Won (probability 1): 2 deals, counted as already won: ¥120.00." in won["notes"]
    assert not any("(s)" in n for n in one["notes"] + won["notes"])
    deals = [{"amount": "5000", "probability": "0.5"}, {"amount": "700", "probability": "0.5"}]
    assert "The distribution is exact: 4 possible won amounts." in ok(policy, target="1000", opportunities=deals, lang="en")["notes"]
    assert "分布是精确算出的：共 4 种可能的成交额。" in ok(policy, target="1000", opportunities=deals, lang="zh")["notes"]


def test_stage_matching_by_code_or_either_name(policy):
    """A stage matches by its code or its Chinese or English name, ignoring case and spaces."""
    rows = [{"amount": "100", "stage": s} for s in ("proposal", "方案报价", " PROPOSAL ", "Proposal")]
    r = ok(policy, target="100", opportunities=rows)
    assert [row["stage"] for row in r["by_stage"]] == ["proposal"] and r["by_stage"][0]["count"] == 4
    assert r["weighted"] == str((Decimal(policy["forecast"]["stages"]["proposal"]["probability"]) * 400).quantize(Decimal("0.01")))


def test_payload_stage_rows_override_and_extend_the_table(policy):
    """The payload's stage rows replace a stage's probability, or add a new stage; the same stage twice is an error."""
    r = ok(policy, target="100", stages=[{"stage": "方案报价", "probability": "0.5"}, {"stage": "pilot", "probability": "0.7", "label": "试点"}],
           opportunities=[{"amount": "100", "stage": "proposal"}, {"amount": "100", "stage": "试点"}])
    assert r["weighted"] == "120.00"
    assert [row["label"] for row in r["by_stage"]] == ["方案报价", "试点"]
    out = fc(policy, target="100", stages=[{"stage": "proposal", "probability": "0.5"}, {"stage": "Proposal", "probability": "0.6"}],
             opportunities=[{"amount": "100", "stage": "proposal"}])
    assert [(e["field"], e["code"]) for e in out["errors"]] == [("stages[2].stage", "duplicate_stage")]


def test_period_accepts_years_quarters_months_and_ranges(policy):
    """2025, 2025-Q3, 2025-07 and a date range each keep just the deals closing inside."""
    rows = [{"amount": "100", "probability": "1", "close_date": d} for d in ("2025-01-31", "2025-07-01", "2025-09-30", "2026-01-01")]
    counted = {p: ok(policy, target="1", opportunities=rows, period=p)["counts"]["counted"]
               for p in ("2025", "2025-Q3", "2025q3", "2025-07", "2025-07-02..2025-09-30", "2025-01-01~2026-01-01")}
    assert counted == {"2025": 3, "2025-Q3": 2, "2025q3": 2, "2025-07": 1, "2025-07-02..2025-09-30": 1, "2025-01-01~2026-01-01": 4}


@pytest.mark.parametrize("period,zh,en", [
    ("2026-01-01..2026-03-31", "按期间 2026-01-01 至 2026-03-31 统计", "For the period 2026-01-01 to 2026-03-31:"),
    ("2026-01-01 至 2026-03-31", "按期间 2026-01-01 至 2026-03-31 统计", "For the period 2026-01-01 to 2026-03-31:"),
    ("2026-Q1", "按期间 2026-Q1（2026-01-01 至 2026-03-31）统计", "For the period 2026-Q1 (2026-01-01 to 2026-03-31):"),
])
def test_the_period_note_gives_the_dates_once_in_the_readers_language(policy, period, zh, en):
    """A period written as two dates is named once, in the reader's words; a quarter is named, then its first and last day."""
    rows = [{"amount": "100", "probability": "0.5", "close_date": "2026-02-01"}]
    for lang, want in (("zh", zh), ("en", en)):
        note = next(n for n in ok(policy, target="100", opportunities=rows, period=period, lang=lang)["notes"] if "2026-01-01" in n)
        assert note.startswith(want) and note.count("2026-01-01") == 1 and ".." not in note


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("payload,field,code,zh_part,en_part", [
    ({"opportunities": [{"amount": "100"}, {"amount": "100", "probability": "1.2"}]},
     "opportunities[2].probability", "probability_range", "销售机会 第 2 行·赢率", "Opportunities, row 2, Win probability"),
    ({"opportunities": [{"amount": "-5", "probability": "0.5"}]},
     "opportunities[1].amount", "below_min", "销售机会 第 1 行·金额（元）", "Opportunities, row 1, Amount (yuan)"),
    ({"opportunities": [{"amount": "5", "stage": "won"}, {"amount": "5", "stage": "pilot"}]},
     "opportunities[2].stage", "unknown_stage", "销售机会 第 2 行·阶段", "Opportunities, row 2, Stage"),
    ({"opportunities": []}, "opportunities", "empty_pipeline", "销售机会", "Opportunities"),
    ({}, "opportunities", "empty_pipeline", "销售机会", "Opportunities"),
    ({"opportunities": [{"amount": 1.5, "probability": "0.5"}]},
     "opportunities[1].amount", "float", "销售机会 第 1 行·金额（元）", "Opportunities, row 1, Amount (yuan)"),
    ({"opportunities": [{"amount": "5", "probability": 0.5}]},
     "opportunities[1].probability", "probability_float", "销售机会 第 1 行·赢率", "Opportunities, row 1, Win probability"),
    ({"opportunities": [{"amount": "5", "probability": "maybe"}]},
     "opportunities[1].probability", "not_a_probability", "第 1 行·赢率", "row 1, Win probability"),
    ({"opportunities": [{"amount": "5", "probability": "0.1234567"}]},
     "opportunities[1].probability", "probability_places", "第 1 行·赢率", "row 1, Win probability"),
    ({"opportunities": [{"amount": "5", "probability": "0.5", "close_date": "2025/13/01"}]},
     "opportunities[1].close_date", "not_a_date", "第 1 行·预计成交日期", "row 1, Expected close date"),
    ({"opportunities": [{"amount": "5", "probability": "0.5"}], "period": "next quarter"}, "period", "bad_period", "期间", "Period"),
    ({"opportunities": [{"amount": "5", "probability": "0.5"}], "paste": "金额\t赢率\n5\t0.5\n"},
     "paste", "paste_and_rows", "粘贴的表格", "Pasted table"),
    ({"paste": "金额\t赢率\n5\t0.5\n7\t120%\n"}, "paste[3].probability", "probability_range", "粘贴的表格 第 3 行·赢率",
     "Pasted table, row 3, Win probability"),
    ({"paste": "金额\t阶段\n5\t方案报价\n7\t试点\n"}, "paste[3].stage", "unknown_stage", "粘贴的表格 第 3 行·阶段",
     "Pasted table, row 3, Stage"),
])
def test_bad_input_names_row_and_column_in_both_languages(policy, payload, field, code, zh_part, en_part):
    """Each bad input gives one clear error naming its row and column, in Chinese and in English."""
    payload = {"target": "100", **payload}
    zh = calculators.run("forecast", payload, policy)
    en = calculators.run("forecast", {**payload, "lang": "en"}, policy)
    assert not zh["ok"] and not en["ok"]
    assert (zh["errors"][0]["field"], zh["errors"][0]["code"]) == (field, code)
    assert zh_part in zh["errors"][0]["message"] and en_part in en["errors"][0]["message"]
    assert en["errors"][0]["message"] != zh["errors"][0]["message"]


def test_unknown_stage_lists_the_stages_in_the_readers_language(policy):
    """The unknown-stage message lists the table's stages by their names in the reader's language, not their codes."""
    en = fc(policy, target="1", lang="en", opportunities=[{"amount": "1", "stage": "pilot"}])["errors"][0]["message"]
    zh = fc(policy, target="1", opportunities=[{"amount": "1", "stage": "pilot"}])["errors"][0]["message"]
    assert "Proposal, Negotiation" in en and "方案报价、商务谈判" in zh and '"pilot"' in en
    assert "proposal" not in en.replace('"pilot"', "").lower().replace("proposal,", "") and "negotiation" not in zh


def test_ten_thousand_row_paste_gets_the_row_limit_message_before_any_parsing(policy, monkeypatch):
    """A 10,000-row paste is refused with the row limit, in both languages, before a record is parsed (bench/paste.py times it)."""
    text = "名称\t金额\t赢率\n" + "".join(f"机会{i}\t{1000 + i}\t0.5\n" for i in range(10_000))
    monkeypatch.setattr(table_paste, "_records", lambda *_: pytest.fail("a record was read"))
    zh = fc(policy, target="100", paste=text)
    en = fc(policy, target="100", paste=text, lang="en")
    assert [(e["field"], e["code"]) for e in zh["errors"]] == [("paste", "paste_too_many_rows")]
    assert "2,000" in zh["errors"][0]["message"] and "10,000" in zh["errors"][0]["message"]
    assert "at most 2,000 rows" in en["errors"][0]["message"]


def test_ten_thousand_rows_in_the_table_get_the_row_limit_too(policy):
    """10,000 table rows are refused by the row limit before any row is read."""
    rows = [{"amount": "1", "probability": "0.5"}] * 10_000
    out = fc(policy, target="100", opportunities=rows)
    assert [(e["field"], e["code"]) for e in out["errors"]] == [("opportunities", "too_many_rows")]


def test_json_floats_are_refused_through_run_json(policy):
    """Through run_json a probability written as a JSON number with a fraction is a field error, not a guess."""
    out = json.loads(calculators.run_json("forecast", json.dumps({"target": "1", "opportunities": [{"amount": "5", "probability": 0.35}]}),
                                          json.dumps(policy)))
    assert out["errors"][0]["code"] == "probability_float"


def test_without_the_policy_section_the_answer_says_so():
    """Run without a policy, the forecast asks for the course's policy instead of guessing stage rates."""
    out = calculators.run("forecast", {"target": "1", "opportunities": [{"amount": "1", "probability": "0.5"}]})
    assert out["errors"][0]["code"] == "no_policy"


# --------------------------------------------------------------------------- the policy section


def test_shipped_policy_is_checked_and_json_ready(policy):
    """The forecast policy comes out cleaned: stages in funnel order, probabilities as strings, both names."""
    stages = policy["forecast"]["stages"]
    assert list(stages)[:2] == ["lead", "qualified"] and stages["won"]["probability"] == "1" and stages["lost"]["probability"] == "0"
    assert json.loads(json.dumps(policy["forecast"])) == policy["forecast"]
    assert all(s["label"]["zh"] and s["label"]["en"] for s in stages.values())


@pytest.mark.parametrize("change,path,code", [
    ({"probability": "40 percent"}, "policy.stages.proposal.probability", "not_a_probability"),
    ({"probability": "1.5"}, "policy.stages.proposal.probability", "probability_range"),
    ({"label": {"zh": "方案"}}, "policy.stages.proposal.label.en", "schema_missing_language"),
    ({"label": {"zh": "线索", "en": "Proposal"}}, "policy.stages.proposal.label", "duplicate_stage_name"),
    ({"colour": "red"}, "policy.stages.proposal.colour", "schema_unknown_key"),
])
def test_policy_check_names_the_bad_value(policy, change, path, code):
    """A bad stage entry is reported at its own path (policy.stages.<id>.<key>), in words naming the value."""
    section = json.loads(json.dumps(policy["forecast"]))
    section["stages"]["proposal"].update(change)
    with pytest.raises(InputErrors) as err:
        check_policy(section)
    assert (err.value.problems[0][0], err.value.problems[0][1]) == (path, code)
    from calculators.i18n import message
    params = dict(err.value.problems[0][2])
    label = params.pop("_label")
    texts = [message(code, lang, label=label[lang], **params) for lang in ("zh", "en")]
    assert all(label[lang] in t or path.rsplit(".", 1)[1] in t for lang, t in zip(("zh", "en"), texts)) and texts[0] != texts[1]


def test_a_stage_probability_written_without_quotes_reads_as_written(policy):
    """YAML reads 0.40 as a float; the policy takes the decimal the trainer wrote, never a binary float's digits."""
    section = json.loads(json.dumps(policy["forecast"]))
    section["stages"]["proposal"]["probability"] = 0.4
    assert check_policy(section)["stages"]["proposal"]["probability"] == "0.4"


def test_course_override_of_a_stage_rate_is_checked_with_file_and_line(tmp_path):
    """A course that sets a stage probability to 1.5 fails the build, pointing at the course file's line."""
    from playbook.policy import load_policy
    from playbook.yamlfile import SourceError, load

    pol = tmp_path / "policy"
    pol.mkdir()
    (pol / "forecast.yaml").write_text(Path(__file__).resolve().parent.parent.joinpath("playbook_src/policy/forecast.yaml")
                                       .read_text(encoding="utf-8"), encoding="utf-8")
    course = tmp_path / "c.yaml"
    course.write_text('policy:\n  forecast:\n    stages:\n      proposal:\n        probability: "1.5"\n', encoding="utf-8")
    doc = load(course)
    assert load_policy({"forecast": {"stages": {"proposal": {"probability": "0.35"}}}}, policy_dir=pol)["forecast"]["stages"]["proposal"]["probability"] == "0.35"
    with pytest.raises(SourceError) as err:
        load_policy(doc.data["policy"], overrides_file=doc, policy_dir=pol)
    assert err.value.line == 5 and "stages.proposal.probability" in str(err.value)


# --------------------------------------------------------------------------- paste through the payload, catalog, result shape


def test_paste_rows_come_back_in_payload_form(policy):
    """A pasted table is computed like the rows, and returned as the payload rows the page's paste puts in the table."""
    text = "Customer,Amount,Win rate %,Stage,Close date,Owner\nAcme,\"¥1,200.50\",25%,,2025/7/1,Zhou\nBeta,3万,,Proposal,,Wang\nTotal,,,,,\n"
    r = ok(policy, target="1000", paste=text, lang="en")
    assert r["pasted"] == [{"name": "Acme", "amount": "1200.50", "probability": "25%", "close_date": "2025-07-01"},
                           {"name": "Beta", "amount": "30000", "stage": "Proposal"}]
    assert r["pasted"] == calculators.paste("forecast", "opportunities", text, "en")["result"]["rows"]
    again = ok(policy, target="1000", opportunities=r["pasted"], lang="en")
    assert again["weighted"] == r["weighted"]
    assert any("Owner" in n and "Skipped the total row (row 4)" in n for n in r["notes"])


def test_catalog_describes_inputs_and_outputs(policy):
    """The catalog declares the table, paste, money, period and stage fields, and the output kinds the page renders."""
    spec = calculators.catalog()["forecast"]
    kinds = {f["name"]: f["kind"] for f in spec["fields"]}
    assert kinds == {"opportunities": "rows", "paste": "paste", "target": "money", "period": "text", "stages": "rows"}
    cols = {c["name"]: c["kind"] for c in spec["fields"][0]["columns"]}
    assert cols == {"name": "text", "amount": "money", "probability": "probability", "stage": "text", "close_date": "date"}
    outs = {o["key"]: o["kind"] for o in spec["outputs"]}
    assert outs["distribution"] == "chart" and outs["by_stage"] == "table" and outs["p_target"] == "probability"
    assert spec["policy_section"] == "forecast"
    for lang in ("zh", "en"):
        out = calculators.run("forecast", {**spec["example"], "lang": lang}, policy)
        assert out["ok"], out
        assert {o["key"] for o in spec["outputs"]} <= set(out["result"])
    json.dumps(spec, ensure_ascii=False)


def test_result_is_plain_json(policy):
    """The whole result survives a JSON round trip unchanged (strings, ints, lists, dicts, null)."""
    r = ok(policy, **calculators.catalog()["forecast"]["example"])
    assert json.loads(json.dumps(r, ensure_ascii=False)) == r


def test_thousand_opportunities_to_the_fen_add_up(policy):
    """1,000 opportunities to the fen: the weighted forecast is the exact sum, its stage subtotals add up to it (bench/forecast.py times it)."""
    rng = random.Random(1000)
    fen = [rng.randint(30_000_00, 3_000_000_00) for _ in range(1000)]
    rows = [{"name": f"d{i}", "amount": f"{f // 100}.{f % 100:02d}", "stage": rng.choice(["proposal", "negotiation", "committed"]),
             "probability": rng.choice(["0.05", "0.1", "0.2", "0.35", "0.5", "0.7", "0.9"])} for i, f in enumerate(fen)]
    target = r_mean(rows)
    result = ok(policy, target=target, opportunities=rows)
    assert result["weighted"] == target
    assert sum(dec(s["weighted"]) for s in result["by_stage"]) == dec(target)
    assert 0 < Decimal(result["p_target"]) < 1


def r_mean(rows):
    """The weighted forecast of ``rows``, as a target string: the hardest place for the chance."""
    return str(sum(dec(r["amount"]) * dec(r["probability"]) for r in rows).quantize(Decimal("0.01")))


@pytest.fixture(scope="module", autouse=True)
def _module_policy(policy):
    """Hypothesis tests cannot take function fixtures: they read the session policy from the module."""
    global POLICY
    POLICY = policy
    yield


POLICY = None
