"""The forecast's sentences: the headline, the notes under the answer and how it rounds."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..exact import ratio_text
from ..i18n import L, pick
from ..money import Money
from ..numbers import counted, integer, percent
from . import engine
from .period import Period

ROUNDING = L(
    "加权预测 = 每个机会的金额 × 它的赢率，再全部加起来。中间不取整，只在最后四舍五入到分；按阶段、按月份的小计加起来"
    "正好等于总数。覆盖率 = 还在跟进的机会金额 ÷（目标 − 已成交的金额）；需要的覆盖率 = 1 ÷ 这些机会的平均赢率。"
    "比率和概率四舍五入到两位小数。",
    "Weighted forecast = each deal's amount × its win probability, all added up. Nothing is rounded until the end, "
    "when the total is rounded to the fen; the stage and month subtotals add up to the total exactly. "
    "Coverage = the open deals' amount ÷ (target − what is already won); coverage needed = 1 ÷ those deals' average "
    "win probability. Ratios and chances are rounded to two decimal places.",
)


def _pct(p: Fraction) -> str:
    return ratio_text(p * 100, 0)


def headline(verdict: str, weighted: Money, target: Money, won: Money, p: Fraction, err: Fraction,
              p10: Money, lang: str) -> str:
    if verdict == "met":
        return pick(L(f"已成交 {won.format()}，已经达到目标 {target.format()}。",
                      f"Already won: {won.format()}, which meets the target of {target.format()}."), lang)
    share = _pct(Fraction(weighted.fen, target.fen))
    about = ""
    if err >= Fraction(1, 200):
        about = pick(L(f"（误差不超过 ±{_pct(err + Fraction(1, 200))} 个百分点）",
                       f" (within ±{_pct(err + Fraction(1, 200))} points)"), lang)
    return pick(L(
        f"加权预测 {weighted.format()}，是目标 {target.format()} 的 {share}%。按这些赢率，达到目标的概率约 {_pct(p)}%{about}；"
        f"有九成把握至少拿到 {p10.format()}。",
        f"Weighted forecast {weighted.format()}, {share}% of the {target.format()} target. At these win rates the chance "
        f"of reaching the target is about {_pct(p)}%{about}; nine times in ten you win at least {p10.format()}."), lang)


def notes(r: dict[str, Any], outcome: engine.Outcome, period: Period | None, n_open: int, lang: str) -> list[str]:
    c = r["counts"]
    notes = [pick(L(
        "概率按“各机会互不影响地成交或丢失”计算；如果几个机会其实取决于同一个决定，真实的起伏会更大。",
        "The chances assume each deal is won or lost independently of the others; if several hang on one decision, "
        "the real spread is wider."), lang)]
    if outcome.method == "exact":
        count = len(outcome.measure.xs)
        amounts = "one possible won amount" if count == 1 else f"{integer(count)} possible won amounts"
        notes.append(pick(L(f"分布是精确算出的：共 {integer(count)} 种可能的成交额。",
                            f"The distribution is exact: {amounts}."), lang))
    else:
        step = Money(outcome.step).format()
        notes.append(pick(L(
            f"机会很多，成交额按每 {step} 一档近似计算：达成目标的概率最多差 {percent(r['error_bound'])}；"
            f"P10、P50、P90 和分布图也按这些档位读出。",
            f"With this many deals the won amount is worked out in steps of {step}, as an approximation: the chance of "
            f"reaching the target is off by at most {percent(r['error_bound'])}; P10, P50, P90 and the chart are read "
            f"off those steps."), lang))
    if c["won"]:
        notes.append(pick(L(f"{c['won']} 个机会赢率为 1（已成交），计为已拿到的 {Money.from_decimal(Decimal(r['won'])).format()}。",
                            f"Won (probability 1): {counted(c['won'], 'deal', 'deals')}, counted as already won: "
                            f"{Money.from_decimal(Decimal(r['won'])).format()}."), lang))
    if c["lost"]:
        notes.append(pick(L(f"{c['lost']} 个机会赢率为 0（已丢单）：不计入在途金额，但列在阶段分布里。",
                            f"Lost (probability 0): {counted(c['lost'], 'deal', 'deals')}, left out of the open pipeline but shown by stage."), lang))
    if period is not None:
        span = pick(L(f"{period.start} 至 {period.end}", f"{period.start} to {period.end}"), lang)
        if period.named:  # 2025-Q3, then its days; a range of days is said once, in the reader's words
            text = pick(L(f"按期间 {period.text}（{span}）统计", f"For the period {period.text} ({span})"), lang)
        else:
            text = pick(L(f"按期间 {span} 统计", f"For the period {span}"), lang)
        parts = []
        if c["outside_period"]:
            parts.append(pick(L(f"{c['outside_period']} 个预计在期间外成交的机会未计入",
                                f"left out: {counted(c['outside_period'], 'deal', 'deals')} expected to close outside it"), lang))
        if c["undated"]:
            parts.append(pick(L(f"{c['undated']} 个没有日期的机会计入了，最好补上日期",
                                f"counted without a date: {counted(c['undated'], 'deal', 'deals')} (give them dates)"), lang))
        if not parts:
            parts.append(pick(L("所有机会都在期间内", "every deal closes within it"), lang))
        notes.append(text + ("：" if lang == "zh" else ": ") + ("；" if lang == "zh" else "; ").join(parts) + ("。" if lang == "zh" else "."))
    if n_open > engine.CANDIDATES:
        notes.append(pick(L(f"“最影响达成的机会”从金额最大的 {engine.CANDIDATES} 个在途机会中找出。",
                            f"The deals that move the chance most are sought among the {engine.CANDIDATES} largest open deals."), lang))
    if r["verdict"] != "met" and not r["drivers"] and n_open:
        notes.append(pick(L("没有哪个单独的机会能明显改变达成概率。", "No single deal changes the chance noticeably."), lang))
    return notes


def differ_note(differ: int, lang: str) -> str:
    """How many deals give a probability other than their stage's (the given one counts)."""
    return pick(L(f"{differ} 个机会填的赢率与其阶段的默认赢率不同：按填写的赢率计算。",
                  f"With a probability other than their stage's: {counted(differ, 'deal', 'deals')}; the one given counts."), lang)
