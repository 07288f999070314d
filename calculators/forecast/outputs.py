"""What the forecast answers, in the order a page shows it."""

from __future__ import annotations

from ..fields import Output
from ..i18n import L

_TABLE_MONEY = L("金额", "Amount")
_TABLE_WEIGHTED = L("加权", "Weighted")
_TABLE_COUNT = L("个数", "Deals")
_P = L("赢率", "Probability")

OUTPUTS = (
    Output("verdict", L("结论", "Verdict"), kind="badge", labels={
        "enough": L("加权预测够目标", "Forecast covers the target"),
        "short": L("加权预测不够目标", "Forecast short of the target"),
        "met": L("已成交就够了", "Target already won"),
    }, summary=True),
    Output("headline", L("概要", "In short"), kind="text"),
    Output("weighted", L("加权预测（元）", "Weighted forecast (yuan)"), kind="money", summary=True),
    Output("p_target", L("达成目标的概率", "Chance of reaching the target"), kind="probability", summary=True),
    # shown only when the chance is approximate (many deals): "0" means it is exact
    Output("error_bound", L("这个概率最多可能差", "That chance may be off by up to"), kind="probability", omit=("0",)),
    Output("coverage", L("覆盖率（在途 ÷ 还差的目标）", "Coverage (open pipeline ÷ target still to win)"), kind="ratio"),
    Output("coverage_needed", L("按本管道赢率需要的覆盖率", "Coverage this pipeline's win rate needs"), kind="ratio"),
    Output("p10", L("九成把握至少拿到（P10）", "Won at least, 9 times in 10 (P10)"), kind="money"),
    Output("p50", L("中位数（P50）", "Median (P50)"), kind="money"),
    Output("p90", L("一成机会能超过（P90）", "Exceeded 1 time in 10 (P90)"), kind="money"),
    Output("distribution", L("成交额的分布", "Distribution of the won amount"), kind="chart"),
    Output("drivers", L("最影响达成的机会", "Deals that move the chance most"), kind="table", columns=(
        ("name", L("名称", "Name")), ("amount", _TABLE_MONEY, "money"), ("probability", _P, "probability"),
        ("if_won", L("赢下时的达成概率", "Chance if won"), "probability"),
        ("if_lost", L("丢掉时的达成概率", "Chance if lost"), "probability"),
        ("swing", L("差别", "Swing"), "probability"),
    )),
    Output("by_stage", L("按阶段", "By stage"), kind="table", columns=(
        ("label", L("阶段", "Stage")), ("count", _TABLE_COUNT, "integer"), ("amount", _TABLE_MONEY, "money"),
        ("probability", L("阶段赢率", "Stage probability"), "probability"), ("weighted", _TABLE_WEIGHTED, "money"),
    )),
    Output("by_month", L("按预计成交月份", "By expected close month"), kind="table", columns=(
        ("label", L("月份", "Month")), ("count", _TABLE_COUNT, "integer"), ("amount", _TABLE_MONEY, "money"),
        ("weighted", _TABLE_WEIGHTED, "money"),
    )),
    Output("rounding", L("计算与取整", "Arithmetic and rounding"), kind="explanation"),
    Output("notes", L("说明", "Notes"), kind="list"),
)
