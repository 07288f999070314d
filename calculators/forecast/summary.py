"""The forecast of a read pipeline: the weighted sum to the fen, subtotals, coverage and the won amount's distribution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..exact import largest_remainder, ratio_text, round_half_up
from ..fields import probability_text
from ..i18n import L, pick
from ..money import Money
from . import engine, prose
from .period import Period
from .pipeline import Opportunity
from .stages import Stage

MICRO = 10**6               # probabilities have at most six places: p * 10**6 is an integer
CHART_POINTS = 60
TOP_DRIVERS = 5

NO_STAGE = L("（未填阶段）", "(no stage)")
NO_DATE = L("（无日期）", "(no date)")
UNNAMED = L("（未命名）", "(unnamed)")


def _micro(p: Decimal) -> int:
    """``p * 10**6`` as an exact integer (probabilities have at most six places)."""
    return int(p * MICRO)


def fraction_text(value: Fraction, places: int = 12) -> str:
    """Exactly when the decimal expansion ends within 40 places, else rounded half-up to ``places``."""
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    exact = den == 1 and max(twos, fives) <= 40
    digits = max(twos, fives) if exact else places
    text = ratio_text(value, digits) if digits else str(value.numerator // value.denominator)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def bound_text(value: Fraction) -> str:
    """An error bound rounded up to four places (``"0"`` only when it is exactly 0)."""
    if value <= 0:
        return "0"
    n = -((-value.numerator * 10_000) // value.denominator)
    return f"{n // 10_000}.{n % 10_000:04d}"


def _fen(value: Fraction) -> Money:
    return Money(round_half_up(value.numerator, value.denominator))


def summarise(opps: list[Opportunity], target: Money, period: Period | None, table: dict[str, Stage],
              lang: str) -> dict[str, Any]:
    """The forecast for ``opps`` (already read and checked) against ``target``."""
    counted = [o for o in opps if period is None or o.close is None or o.close in period]
    excluded = len(opps) - len(counted)
    undated = sum(1 for o in counted if o.close is None) if period else 0
    won = [o for o in counted if o.p == 1]
    lost = [o for o in counted if o.p == 0]
    open_ = [o for o in counted if 0 < o.p < 1]
    w = {id(o): o.amount.fen * _micro(o.p) for o in counted}     # fen * 10**6, exact
    weighted_exact = sum(w.values())
    weighted = Money(round_half_up(weighted_exact, MICRO))
    won_fen = sum(o.amount.fen for o in won)
    open_fen = sum(o.amount.fen for o in open_)
    open_w = sum(w[id(o)] for o in open_)
    remaining = target.fen - won_fen

    # breakdowns: funnel order, then no stage; months in order, then no date
    stage_order = {sid: i for i, sid in enumerate(table)}
    by_stage: dict[str, list[Opportunity]] = {}
    for o in sorted(counted, key=lambda o: stage_order.get(o.stage, len(table)) if o.stage else len(table) + 1):
        by_stage.setdefault(o.stage or "", []).append(o)
    by_month: dict[str, list[Opportunity]] = {}
    for o in sorted(counted, key=lambda o: (o.close is None, o.close or date.min)):
        by_month.setdefault(f"{o.close.year}-{o.close.month:02d}" if o.close else "", []).append(o)

    def rows(groups: dict[str, list[Opportunity]], name: str, label, extra) -> list[dict[str, Any]]:
        shares = largest_remainder([sum(w[id(o)] for o in g) for g in groups.values()], MICRO)
        out = []
        for (key, group), fen in zip(groups.items(), shares):
            out.append({name: key, "label": label(key), "count": len(group),
                        "amount": str(Money(sum(o.amount.fen for o in group))), **extra(key), "weighted": str(Money(fen))})
        return out

    stage_rows = rows(by_stage, "stage", lambda k: pick(table[k].label, lang) if k else pick(NO_STAGE, lang),
                      lambda k: {"probability": probability_text(table[k].p) if k else ""})
    month_rows = rows(by_month, "month", lambda k: k or pick(NO_DATE, lang), lambda k: {})

    # the distribution of the won amount
    deals = [engine.Deal(o.amount.fen, o.p, (o.name, o.stage or "", o.close.isoformat() if o.close else ""))
             for o in open_ if o.amount.fen > 0]
    outcome = engine.distribution(won_fen, deals, target.fen)
    measure = outcome.measure
    p_target = outcome.at_least(target.fen)
    err = outcome.error_bound(target.fen)
    quant = {q: Money(measure.quantile(Fraction(q, 100))) for q in (10, 50, 90)}
    points = []
    bins = measure.bins(CHART_POINTS)
    binned = any(b["low"] != b["high"] for b in bins)
    for b in bins:
        points.append({
            "amount": str(_fen(b["mean"])), "low": str(Money(b["low"])), "high": str(Money(b["high"])),
            "probability": fraction_text(b["mass"]), "at_least": fraction_text(b["at_least"]),
        })
    drivers = []
    for d in sorted(outcome.drivers, key=lambda d: (-(d.if_won - d.if_lost), -d.amount, d.key)):
        swing = d.if_won - d.if_lost
        if len(drivers) == TOP_DRIVERS or ratio_text(swing) == "0.00":
            break
        drivers.append({"name": d.key[0] or pick(UNNAMED, lang), "amount": str(Money(d.amount)), "probability": probability_text(d.p),
                        "if_won": ratio_text(d.if_won), "if_lost": ratio_text(d.if_lost), "swing": ratio_text(swing)})

    coverage = needed = win_rate = None
    if remaining > 0:
        coverage = ratio_text(Fraction(open_fen, remaining))
        if open_w:
            needed = ratio_text(Fraction(open_fen * MICRO, open_w))
    if open_fen:
        win_rate = ratio_text(Fraction(open_w, open_fen * MICRO))
    verdict = "met" if remaining <= 0 else "enough" if weighted_exact >= target.fen * MICRO else "short"
    gap = target.fen * MICRO - weighted_exact
    shortfall = Money(round_half_up(gap, MICRO) if gap > 0 else 0)

    result = {
        "verdict": verdict,
        "headline": prose.headline(verdict, weighted, target, Money(won_fen), p_target, err, quant[10], lang),
        "weighted": str(weighted),
        "weighted_exact": fraction_text(Fraction(weighted_exact, MICRO * 100)),
        "target": str(target),
        "won": str(Money(won_fen)),
        "open_pipeline": str(Money(open_fen)),
        "shortfall": str(shortfall),
        "coverage": coverage,
        "coverage_needed": needed,
        "win_rate": win_rate,
        "p_target": ratio_text(p_target),
        "error_bound": bound_text(err),
        "method": outcome.method,
        "p10": str(quant[10]),
        "p50": str(quant[50]),
        "p90": str(quant[90]),
        "distribution": {
            "method": outcome.method,
            "binned": binned,
            "step": str(Money(outcome.step)) if outcome.step else None,
            "target": str(target),
            "p_target": ratio_text(p_target),
            "mean": str(_fen(measure.mean())),
            "p10": str(quant[10]), "p50": str(quant[50]), "p90": str(quant[90]),
            "points": points,
        },
        "drivers": drivers,
        "by_stage": stage_rows,
        "by_month": month_rows,
        "rounding": pick(prose.ROUNDING, lang),
        "counts": {"opportunities": len(opps), "counted": len(counted), "open": len(open_), "won": len(won),
                   "lost": len(lost), "outside_period": excluded, "undated": undated},
        "notes": [],
    }
    result["notes"] = prose.notes(result, outcome, period, len(deals), lang)
    return result
