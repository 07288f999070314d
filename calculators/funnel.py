"""Reverse funnel (source §S8): from a sales target back to the leads it takes.

``target ÷ average deal`` is the number of deals to win; dividing by each
stage's conversion rate, from the bottom of the funnel up, gives what each
stage must hold. Every count is carried as an exact fraction and rounded up
once, when it is shown -- never stage by stage, which would pile rounding on
rounding. The sensitivity table says how many more (or fewer) entries the top
of the funnel needs if one rate drops (or rises) by ``step`` points.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .base import Calculator, InputErrors, register
from .exact import ratio_text
from .fields import SALES_TARGET, MoneyField, Output, ProbabilityField, RowsField, TextField, probability_text, shown
from .i18n import L, pick, register_messages

DEFAULT_STEP = Decimal("0.05")

MESSAGES = {
    "must_be_positive": L("“{label}”要大于 0，收到的是 {got}。", "'{label}' must be above 0; received {got}."),
    "rate_zero": L(
        "“{label}”是 0：这一级没有人往下走，目标永远达不到。请填大于 0 的转化率。",
        "'{label}' is 0: nobody moves on from this stage, so the target can never be reached. Enter a rate above 0.",
    ),
}
register_messages(MESSAGES)

EXAMPLE_STAGES = [
    {"stage": L("线索", "Leads"), "rate": "0.3"},
    {"stage": L("首次见面", "First meetings"), "rate": "0.5"},
    {"stage": L("方案报价", "Proposals"), "rate": "0.4"},
]

FIELDS = (
    replace(SALES_TARGET, default="1200000"),
    MoneyField(
        name="average_deal",
        label=L("平均每单金额（元）", "Average deal (yuan)"),
        help=L("过去成交的单子平均多少钱。", "What a won deal is worth on average, from your own history."),
        required=True,
        min="0.01",
        default="60000",
    ),
    RowsField(
        name="stages",
        label=L("漏斗各级", "Funnel stages"),
        help=L("从漏斗顶部往下，每行一级：名称，以及这一级有多大比例走到下一级（最后一行走到成交）。",
               "From the top of the funnel down, one row per stage: its name and the share that moves on to the next "
               "stage (from the last row: to a won deal)."),
        columns=(
            TextField("stage", L("这一级", "Stage"), L("例如：线索、首次见面、方案报价。", "E.g. leads, first meetings, proposals."),
                      required=True, max_length=40),
            ProbabilityField("rate", L("转化到下一级", "Moves on to the next"), L("0 到 1 的小数或百分数，例如 0.3 或 30%。",
                             "A decimal from 0 to 1 or a percentage, e.g. 0.3 or 30%."), required=True),
        ),
        min_rows=1,
        max_rows=12,
        default=EXAMPLE_STAGES,
    ),
    ProbabilityField(
        name="step",
        label=L("比较时转化率上下浮动", "Move each rate by"),
        help=L("下面“转化率变动的影响”把每一级的转化率降低、提高这么多来比较；默认 5 个百分点（写 5% 或 0.05）。",
               "The table 'If a rate moves' lowers and raises each stage's rate by this much to compare; 5 points by default (write 5% or 0.05)."),
        default="0.05",
    ),
)

OUTPUTS = (
    Output("headline", L("概要", "In short"), kind="text", summary=True),
    Output("needed", L("每一级需要多少", "What each stage needs"), kind="table", columns=(
        ("stage", L("这一级", "Stage")), ("rate", L("转化到下一级", "Moves on"), "probability"),
        ("count", L("需要（向上取整）", "Needed (rounded up)"), "integer"), ("exact", L("不取整时", "Before rounding"), "decimal"),
    )),
    Output("sensitivity", L("转化率变动的影响", "If a rate moves"), kind="table", columns=(
        ("stage", L("这一级", "Stage")), ("rate", L("转化率", "Rate"), "probability"),
        ("lower_rate", L("降低后", "Lower"), "probability"), ("more", L("顶部要多", "More at the top"), "integer"),
        ("higher_rate", L("提高后", "Higher"), "probability"), ("fewer", L("顶部可少", "Fewer at the top"), "integer"),
    )),
    Output("rounding", L("取整", "Rounding"), kind="explanation"),
    Output("notes", L("说明", "Notes"), kind="list"),
)

ROUNDING = L(
    "每一级需要的数量都从目标精确往上推：目标 ÷ 平均每单金额 ÷ 下面各级的转化率，算出的是分数；只在显示时向上取整一次。"
    "所以上一级的数字不是拿取整后的下一级再除出来的，可能比逐级取整少一点，但不会少于真正需要的量。",
    "Each stage's count is worked back exactly from the target: target ÷ average deal ÷ the conversion rates below it, "
    "kept as a fraction and rounded up once, when shown. A stage's count is therefore not the rounded count below it "
    "divided again: it can be a little lower than stage-by-stage rounding, and never below what is really needed.",
)

WON = L("成交", "Won deals")


def _fmt(value: Fraction) -> str:
    return ratio_text(value, 2)


def compute(values: dict[str, Any], lang: str) -> dict[str, Any]:
    stages = values["stages"]
    problems = [(f"stages[{n}].rate", "rate_zero", {"got": shown(probability_text(row["rate"]))})
                for n, row in enumerate(stages, start=1) if row["rate"] == 0]
    step = values.get("step")
    step = DEFAULT_STEP if step is None else step
    if step == 0:
        problems.append(("step", "must_be_positive", {"got": shown(probability_text(step))}))
    if problems:
        raise InputErrors(problems)
    target, average = values["target"], values["average_deal"]
    deals = Fraction(target.fen, average.fen)
    rates = [Fraction(row["rate"]) for row in stages]
    need = [deals]
    for rate in reversed(rates):
        need.append(need[-1] / rate)
    need.reverse()                      # need[i]: entries stage i must hold; need[-1]: deals to win
    counts = [math.ceil(x) for x in need]
    names = [row["stage"] for row in stages]
    needed = [{"stage": name, "rate": probability_text(row["rate"]), "count": count, "exact": _fmt(x)}
              for name, row, count, x in zip(names, stages, counts, need)]
    needed.append({"stage": pick(WON, lang), "rate": "", "count": counts[-1], "exact": _fmt(need[-1])})

    top = need[0]
    sensitivity = []
    step_f = Fraction(step)
    for name, row, rate in zip(names, stages, rates):
        lower, higher = rate - step_f, min(Fraction(1), rate + step_f)
        more = math.ceil(top * rate / lower) - counts[0] if lower > 0 else None
        fewer = counts[0] - math.ceil(top * rate / higher)
        sensitivity.append({
            "stage": name, "rate": probability_text(row["rate"]),
            "lower_rate": probability_text(Decimal(lower.numerator) / lower.denominator) if lower > 0 else "",
            "more": more, "higher_rate": probability_text(Decimal(higher.numerator) / higher.denominator), "fewer": fewer,
        })

    chain = " → ".join(f"{c} {n}" for n, c in zip(names, counts[:-1]))
    headline = pick(L(
        f"要完成 {target.format()}，按平均每单 {average.format()} 需要成交 {counts[-1]} 单；倒推回去，需要 {chain} → {counts[-1]} 单成交。",
        f"To reach {target.format()} at {average.format()} a deal you need {counts[-1]} won deals; worked back up the funnel: "
        f"{chain} → {counts[-1]} won."), lang)
    notes = []
    best = max(range(len(stages)), key=lambda i: (sensitivity[i]["fewer"], -i))
    if sensitivity[best]["fewer"] > 0:
        pts = probability_text((step * 100).normalize())
        notes.append(pick(L(
            f"把“{names[best]}”的转化率提高 {pts} 个百分点，顶部可以少 {sensitivity[best]['fewer']} 个，是各级里最省力的一处。",
            f"Raising the rate at '{names[best]}' by {pts} points saves {sensitivity[best]['fewer']} at the top, more than any other stage."), lang))
    if any(s["more"] is None for s in sensitivity):
        notes.append(pick(L("转化率不到一个步长的那一级，无法再降低一个步长来比较。",
                            "A rate below one step cannot drop by a whole step, so that comparison is left empty."), lang))
    notes.append(pick(L("转化率来自你们自己的历史记录时最可靠：看上一期每一级进来多少、走到下一级多少。",
                        "The rates are best taken from your own records: how many entered each stage last period, and how many moved on."), lang))
    return {
        "headline": headline,
        "deals": counts[-1],
        "top": counts[0],
        "needed": needed,
        "sensitivity": sensitivity,
        "rounding": pick(ROUNDING, lang),
        "notes": notes,
    }


FUNNEL = register(
    Calculator(
        name="funnel",
        title=L("倒推漏斗：完成目标要多少线索", "Reverse funnel: the leads a target takes"),
        summary=L(
            "从成交目标和平均单额出发，按各级转化率倒推每一级需要多少，并看哪个转化率最值得提高。",
            "Start from the sales target and the average deal, work back through each stage's conversion rate, and see which rate is worth raising.",
        ),
        fields=FIELDS,
        outputs=OUTPUTS,
        compute=compute,
        example={"target": "1200000", "average_deal": "60000", "stages": EXAMPLE_STAGES},
    )
)
