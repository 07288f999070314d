"""Pipeline forecast (source §S8): forecast = Σ opportunity × win rate, and what it hides.

Each opportunity has an amount and a win probability, given directly or taken
from its stage in the company's stage table (policy section ``forecast``,
``playbook_src/policy/forecast.yaml``; the payload's ``stages`` rows may
override it). The result states the weighted forecast exactly (rounded to the
fen once, at the end), its breakdown by stage and by close month, the
coverage of the target next to the coverage this pipeline's own win rate
needs, and -- treating deals as independent -- the whole distribution of the
won amount: the chance of reaching the target, p10/p50/p90, the deals whose
outcome moves that chance most, and a compact chart.

The distribution is exact for small pipelines and a discretised convolution
with a stated error bound for large ones (``forecast_engine``). The table can
also arrive as a pasted CSV/TSV text in ``paste`` (``table_paste``, the reader
the page's paste into the table uses).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import forecast_engine as engine
from .base import Calculator, InputErrors, register
from .exact import largest_remainder, ratio_text, round_half_up
from .fields import DateField, IdField, MoneyField, Output, RowsField, TextField, shown
from .forecast_fields import PasteField, Period, PeriodField, ProbabilityField, probability_text
from .i18n import L, pick, register_messages
from .money import Money
from .numbers import percent
from .policy import PolicySection, register_policy
from .schema import Bilingual, Keys, Problem, Problems, Table, Value
from .table_paste import paste_note

MAX_ROWS = 2_000            # the page's table: 2,000 deals (bench/forecast.py times more)
MICRO = 10**6               # probabilities have at most six places: p * 10**6 is an integer
CHART_POINTS = 60
TOP_DRIVERS = 5

NO_STAGE = L("（未填阶段）", "(no stage)")
NO_DATE = L("（无日期）", "(no date)")
UNNAMED = L("（未命名）", "(unnamed)")

# The headers CRM exports and spreadsheets use for these columns, besides the labels (table_paste).
OPPORTUNITY_COLUMNS = (
    TextField("name", L("名称", "Name"), L("客户或机会的名字。", "The customer or the deal."), max_length=200,
              aliases=("客户", "客户名称", "机会", "机会名称", "商机", "商机名称", "项目", "项目名称", "deal", "dealname",
                       "opportunity", "opportunityname", "account", "customer", "client")),
    MoneyField("amount", L("金额（元）", "Amount (yuan)"),
               L("成交时的合同金额，例如 120000、¥120,000.00 或 12 万。", "The contract value if won, e.g. 120000, ¥120,000.00 or 12万."),
               required=True,
               aliases=("合同金额", "预计金额", "商机金额", "机会金额", "销售额", "value", "dealvalue", "dealsize", "dealamount",
                        "expectedrevenue")),
    ProbabilityField("probability", L("赢率", "Win probability"),
                     L("0 到 1 的小数或百分数，例如 0.35 或 35%。留空则用阶段的赢率；已丢单填 0。",
                       "A decimal from 0 to 1 or a percentage, e.g. 0.35 or 35%. Leave empty to use the stage's; a lost deal is 0."),
                     aliases=("概率", "成交概率", "赢单率", "赢单概率", "成功率", "可能性", "probability", "winrate",
                              "prob", "likelihood", "chance")),
    TextField("stage", L("阶段", "Stage"), L("阶段表里的一个阶段。", "A stage from the stage table."),
              max_length=60, aliases=("销售阶段", "商机阶段", "机会阶段", "salesstage", "dealstage")),
    DateField("close_date", L("预计成交日期", "Expected close date"), L("例如 2026-03-15 或 2026/3/15，可不填。", "E.g. 2026-03-15 or 2026/3/15; optional."),
              aliases=("成交日期", "预计签约日期", "签约日期", "预计成交", "关闭日期", "结束日期", "日期", "closedate",
                       "expectedclose", "close", "closingdate", "date")),
)
PASTE_NEEDS = (("probability", "stage"),)   # a pasted header names the probability, the stage, or both

STAGE_COLUMNS = (
    TextField("stage", L("阶段", "Stage"), L("要改的阶段；写一个表里没有的名字就是新增一个阶段。", "The stage to change; a name that is not in the table adds a stage."),
              required=True, max_length=60),
    ProbabilityField("probability", L("赢率", "Win probability"), L("这个阶段的机会按多大赢率计算。",
                     "The win probability deals at this stage count with."), required=True),
    TextField("label", L("新阶段叫什么", "Name of a new stage"), L("只在新增阶段时填，可不填。", "Only for a stage you add; optional."),
              max_length=60),
)

EXAMPLE_ROWS = [
    {"name": L("食品公司一期", "Food maker, phase one"), "amount": "240000", "stage": "proposal", "close_date": "2025-08-15"},
    {"name": L("物流园扩建", "Logistics park extension"), "amount": "500000", "probability": "0.2", "close_date": "2025-09-30"},
    {"name": L("医药仓库", "Pharmacy warehouse"), "amount": "300000", "stage": "qualified", "close_date": "2025-09-10"},
    {"name": L("连锁超市续约", "Supermarket chain renewal"), "amount": "180000", "stage": "committed", "close_date": "2025-07-20"},
    {"name": L("冷链设备", "Cold-chain equipment"), "amount": "150000", "stage": "won", "close_date": "2025-07-05"},
    {"name": L("电商仓储", "Online shop storage"), "amount": "420000", "stage": "negotiation", "close_date": "2025-08-28"},
    {"name": L("家具厂", "Furniture factory"), "amount": "90000", "stage": "lost", "close_date": "2025-07-12"},
]

FIELDS = (
    RowsField(
        name="opportunities",
        label=L("销售机会", "Opportunities"),
        help=L("每行一个机会：金额，加上赢率或阶段（二选一，都填时按赢率）。", "One row per deal: the amount, and a probability or a stage (if both, the probability counts)."),
        columns=OPPORTUNITY_COLUMNS,
        max_rows=MAX_ROWS,
        needs_one_of=PASTE_NEEDS,
        default=EXAMPLE_ROWS,
        group="pipeline",
    ),
    PasteField(
        name="paste",
        label=L("粘贴的表格", "Pasted table"),
        help=L("从表格软件复制整张表（含标题行）粘贴到这里，可代替逐行填写。行号按粘贴内容计，标题行是第 1 行。",
               "Copy the whole table (with its header row) from your spreadsheet and paste it here instead of typing rows. Rows are numbered as pasted; the header is row 1."),
        columns=OPPORTUNITY_COLUMNS,
        max_rows=MAX_ROWS,
        needs_one_of=PASTE_NEEDS,
        group="pipeline",
    ),
    MoneyField(
        name="target",
        label=L("目标（元）", "Target (yuan)"),
        help=L("这一期要完成的成交额。", "The sales to close in the period."),
        required=True,
        min="0.01",
        group="target",
    ),
    PeriodField(
        name="period",
        label=L("期间", "Period"),
        help=L("只统计预计在这期间成交的机会，例如 2025、2025-Q3、2025-07 或 2025-07-01 至 2025-09-30。可不填。",
               "Count only deals expected to close in it: 2025, 2025-Q3, 2025-07 or 2025-07-01 to 2025-09-30. Optional."),
        group="target",
    ),
    RowsField(
        name="stages",
        label=L("阶段赢率（覆盖公司默认值）", "Stage probabilities (override the company's)"),
        help=L("只填要改的阶段。", "Only the stages you want to change."),
        columns=STAGE_COLUMNS,
        max_rows=40,
        group="stages",
    ),
)

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
    Output("rounding", L("计算与取整", "Arithmetic and rounding"), kind="text"),
    Output("notes", L("说明", "Notes"), kind="list"),
)

ROUNDING = L(
    "加权预测 = 每个机会的金额 × 它的赢率，再全部加起来。中间不取整，只在最后四舍五入到分；按阶段、按月份的小计加起来"
    "正好等于总数。覆盖率 = 还在跟进的机会金额 ÷（目标 − 已成交的金额）；需要的覆盖率 = 1 ÷ 这些机会的平均赢率。"
    "比率和概率四舍五入到两位小数。",
    "Weighted forecast = each deal's amount × its win probability, all added up. Nothing is rounded until the end, "
    "when the total is rounded to the fen; the stage and month subtotals add up to the total exactly. "
    "Coverage = the open deals' amount ÷ (target − what is already won); coverage needed = 1 ÷ those deals' average "
    "win probability. Ratios and chances are rounded to two decimal places.",
)


# --------------------------------------------------------------------------- policy


def _key(text: str) -> str:
    """How stage codes and names are matched: NFKC, case-folded, without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _names_unique(stages: dict[str, Any], problems: Problems) -> None:
    """No two stages share a code or a name: a table's stage column could not tell them apart."""
    seen: dict[str, str] = {}
    for sid, spec in stages.items():
        for name in dict.fromkeys((sid, spec["label"]["zh"], spec["label"]["en"])):
            other = seen.setdefault(_key(name), sid)
            if other != sid:
                problems.append(Problem((sid, "label"), "duplicate_stage_name", {"name": name, "other": other}, STAGE_LABEL.label))


STAGE_LABEL = Bilingual("label", L("阶段名称", "Stage name"),
                        L("这个阶段的中英文名称，例如 {zh: 方案报价, en: Proposal}；填表时可以写名称代替代码。",
                          "The stage's name in zh and en, e.g. {zh: 方案报价, en: Proposal}; a table may give the name instead of the code."),
                        max_length=60)
SHAPE = Keys(
    "forecast", L("预测政策", "the forecast policy"), L("销售阶段及各阶段的赢率。", "The sales stages and their win probabilities."),
    keys=(Table(
        "stages", L("销售阶段", "Sales stages"),
        L("按漏斗从上到下排列的阶段：每个阶段写赢率和中英文名称。", "The stages, top of the funnel first: each with a win probability and a name in zh and en."),
        key=IdField("stage", L("阶段代码", "Stage code"), L("阶段的代码，例如 proposal。", "The stage's code, e.g. proposal."), required=True),
        value=Keys("stage", L("阶段", "Stage"), L("probability（赢率）和 label（名称）。", "probability and label."), keys=(
            Value(ProbabilityField("probability", L("阶段赢率", "Stage win probability"),
                                   L("处在这个阶段的机会按多大赢率计入预测：0 到 1 的小数，例如 0.40；已成交 1，已丢单 0。",
                                     "The win probability deals at this stage count with in the forecast: a decimal from 0 to 1, e.g. 0.40; won is 1, lost is 0."),
                                   required=True), out=probability_text),
            STAGE_LABEL,
        )),
        rules=(_names_unique,),
    ),),
)

POLICY = register_policy(PolicySection(
    "forecast", L("销售预测", "Sales forecast"),
    L("销售阶段和各阶段的赢率：预测和漏斗计算器按它把机会换算成加权金额。",
      "The sales stages and their win probabilities: the forecast weighs each deal by its stage's."),
    SHAPE,
))


def check_policy(section: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the ``forecast`` policy section and return it cleaned (JSON-ready strings)."""
    return POLICY.check(section)


@dataclass
class Stage:
    id: str
    p: Decimal
    label: dict[str, str]


def stage_table(section: Mapping[str, Any], overrides: list[dict[str, Any]], lang: str) -> tuple[dict[str, Stage], dict[str, str]]:
    """The effective stage table (funnel order) and its lookup (matched key -> stage id)."""
    policy = check_policy(section)
    table = {sid: Stage(sid, Decimal(s["probability"]), dict(s["label"])) for sid, s in policy["stages"].items()}
    lookup: dict[str, str] = {}
    for stage in table.values():
        for name in (stage.id, stage.label["zh"], stage.label["en"]):
            lookup.setdefault(_key(name), stage.id)
    problems: list[tuple[str, str, dict[str, object]]] = []
    done: set[str] = set()
    for n, row in enumerate(overrides, start=1):
        sid = lookup.get(_key(row["stage"]))
        if sid in done:
            problems.append((f"stages[{n}].stage", "duplicate_stage", {"got": shown(row["stage"])}))
            continue
        if sid is None:
            sid = row["stage"]
            name = row.get("label") or row["stage"]
            table[sid] = Stage(sid, row["probability"], {"zh": name, "en": name})
            lookup[_key(sid)] = sid
            lookup.setdefault(_key(name), sid)
        else:
            table[sid].p = row["probability"]
            if row.get("label"):
                table[sid].label = {"zh": row["label"], "en": row["label"]}
        done.add(sid)
    if problems:
        raise InputErrors(problems)
    return table, lookup


# --------------------------------------------------------------------------- reading the pipeline


@dataclass
class Opportunity:
    name: str
    amount: Money
    p: Decimal
    stage: str | None          # stage id
    close: date | None
    row: int
    stated: bool               # the probability was given (not taken from the stage)


def read_opportunities(values: dict[str, Any], table: dict[str, Stage], lookup: dict[str, str],
                       lang: str) -> tuple[list[Opportunity], str, int]:
    """The opportunities from the table or the paste; problems name row and column.

    Returns the opportunities, the field they came from and how many rows gave
    a probability that differs from their stage's.
    """
    pasted = values.get("paste")
    rows = values.get("opportunities") or []
    if pasted and rows:
        raise InputErrors([("paste", "paste_and_rows", {})])
    source = "paste" if pasted else "opportunities"
    rows = pasted or rows
    if not rows:
        raise InputErrors([(source, "empty_pipeline", {})])
    known = ("、" if lang == "zh" else ", ").join(pick(s.label, lang) for s in table.values())
    out: list[Opportunity] = []
    problems: list[tuple[str, str, dict[str, object]]] = []
    differ = 0
    for n, row in enumerate(rows, start=1):
        number = row.get("_row", n)
        stage_id = None
        if row.get("stage"):
            stage_id = lookup.get(_key(row["stage"]))
            if stage_id is None:
                problems.append((f"{source}[{number}].stage", "unknown_stage", {"got": shown(row["stage"]), "known": known}))
                continue
        p = row.get("probability")
        if p is None:
            if stage_id is None:
                problems.append((f"{source}[{number}].probability", "probability_or_stage", {}))
                continue
            p, stated = table[stage_id].p, False
        else:
            stated = True
            if stage_id is not None and p != table[stage_id].p:
                differ += 1
        out.append(Opportunity(row.get("name") or "", row["amount"], p, stage_id, row.get("close_date"), number, stated))
    if problems:
        raise InputErrors(problems)
    return out, source, differ


# --------------------------------------------------------------------------- arithmetic and formatting


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


# --------------------------------------------------------------------------- the result


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
        "headline": _headline(verdict, weighted, target, Money(won_fen), p_target, err, quant[10], lang),
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
        "rounding": pick(ROUNDING, lang),
        "counts": {"opportunities": len(opps), "counted": len(counted), "open": len(open_), "won": len(won),
                   "lost": len(lost), "outside_period": excluded, "undated": undated},
        "notes": [],
    }
    result["notes"] = _notes(result, outcome, period, len(deals), lang)
    return result


def _pct(p: Fraction) -> str:
    return ratio_text(p * 100, 0)


def _headline(verdict: str, weighted: Money, target: Money, won: Money, p: Fraction, err: Fraction,
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


def _notes(r: dict[str, Any], outcome: engine.Outcome, period: Period | None, n_open: int, lang: str) -> list[str]:
    c = r["counts"]
    notes = [pick(L(
        "概率按“各机会互不影响地成交或丢失”计算；如果几个机会其实取决于同一个决定，真实的起伏会更大。",
        "The chances assume each deal is won or lost independently of the others; if several hang on one decision, "
        "the real spread is wider."), lang)]
    if outcome.method == "exact":
        notes.append(pick(L(f"分布是精确算出的：共 {len(outcome.measure.xs)} 种可能的成交额。",
                            f"The distribution is exact: {len(outcome.measure.xs)} possible won amounts."), lang))
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
                            f"{c['won']} deal(s) at probability 1 (won) count as already won: {Money.from_decimal(Decimal(r['won'])).format()}."), lang))
    if c["lost"]:
        notes.append(pick(L(f"{c['lost']} 个机会赢率为 0（已丢单）：不计入在途金额，但列在阶段分布里。",
                            f"{c['lost']} deal(s) at probability 0 (lost): left out of the open pipeline, but shown by stage."), lang))
    if period is not None:
        text = pick(L(f"按期间 {period.text}（{period.start} 至 {period.end}）统计",
                      f"For the period {period.text} ({period.start} to {period.end})"), lang)
        parts = []
        if c["outside_period"]:
            parts.append(pick(L(f"{c['outside_period']} 个预计在期间外成交的机会未计入",
                                f"{c['outside_period']} deal(s) expected to close outside it are left out"), lang))
        if c["undated"]:
            parts.append(pick(L(f"{c['undated']} 个没有日期的机会计入了，最好补上日期",
                                f"{c['undated']} undated deal(s) are counted -- give them dates"), lang))
        if not parts:
            parts.append(pick(L("所有机会都在期间内", "every deal closes within it"), lang))
        notes.append(text + ("：" if lang == "zh" else ": ") + ("；" if lang == "zh" else "; ").join(parts) + ("。" if lang == "zh" else "."))
    if n_open > engine.CANDIDATES:
        notes.append(pick(L(f"“最影响达成的机会”从金额最大的 {engine.CANDIDATES} 个在途机会中找出。",
                            f"The deals that move the chance most are sought among the {engine.CANDIDATES} largest open deals."), lang))
    if r["verdict"] != "met" and not r["drivers"] and n_open:
        notes.append(pick(L("没有哪个单独的机会能明显改变达成概率。", "No single deal changes the chance noticeably."), lang))
    return notes


def compute(values: dict[str, Any], lang: str, policy: Mapping[str, Any]) -> dict[str, Any]:
    table, lookup = stage_table(policy, values.get("stages") or [], lang)
    opps, source, differ = read_opportunities(values, table, lookup, lang)
    result = summarise(opps, values["target"], values.get("period"), table, lang)
    if differ:
        result["notes"].append(pick(L(f"{differ} 个机会填的赢率与其阶段的默认赢率不同：按填写的赢率计算。",
                                      f"{differ} deal(s) give a probability that differs from their stage's: the given one counts."), lang))
    if source == "paste":
        # The rows as the paste reader read them: the same table a paste into the page's table fills in.
        paste = values["paste"].paste
        result["pasted"] = paste.payload_rows()
        result["notes"].append(paste_note(paste, lang))
    return result


def page_form(preset: Mapping[str, Any], section: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The form on a page: a deal's stage is picked from the company's stage table, shown by its name.

    The rules still read the column as text (a code or a name in either language), so pasted and
    saved stages that the list lacks are kept and checked as they are.
    """
    stages = check_policy(section)["stages"]
    spec = FORECAST.describe(lang)
    for fld in spec["fields"]:
        if fld["name"] in ("opportunities", "paste"):
            for col in fld["columns"]:
                if col["name"] == "stage":
                    col["kind"] = "choice"
                    col["choices"] = [{"value": sid, "label": dict(st["label"])} for sid, st in stages.items()]
    return spec


FORECAST = register(
    Calculator(
        name="forecast",
        title=L("销售预测与管道覆盖", "Sales forecast and pipeline coverage"),
        summary=L(
            "把每个机会的金额乘以赢率再相加，看够不够目标；再看达到目标的把握有多大、哪几个机会最关键。",
            "Add up each deal's amount times its win probability, see whether it covers the target, how likely the "
            "target really is, and which deals matter most.",
        ),
        fields=FIELDS,
        outputs=OUTPUTS,
        compute=compute,
        example={"opportunities": EXAMPLE_ROWS, "target": "800000", "period": "2025-Q3"},
        policy_section="forecast",
        specialise=page_form,
    )
)


register_messages({
    "duplicate_stage_name": L(
        "“{label}”：名称 {name} 与阶段 {other} 重复，填表时会分不清。",
        "'{label}': the name {name} is also used by the stage {other}; a table's stage column could not tell them apart.",
    ),
})
