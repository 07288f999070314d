"""Ranking the cards collected at a trade show (§S22, with MAN from §S8).

The source's follow-up rule: sort the collected cards by the visitor's
interest and phone the most promising on the first day after the show. The
ranking here is that rule made explicit and repeatable:

1. interest first: hot, then warm, then cold;
2. then the MAN answers noted at the booth: more "yes", then fewer "no";
3. then the order the cards were entered (a stable tie-break).

Day-one calls are the hot cards and the warm ones with at least two MAN
"yes"; a card with all three MAN answers "no" (cell ``man``) is set aside,
as the qualification chapter says; the rest are called later in the week.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .base import Calculator, InputErrors, register
from .fields import Choice, ChoiceField, DateField, Output, RowsField, TextField
from .i18n import L, pick
from .qualification import ANSWERS, MAN_LEGEND, man_cell

INTEREST = (
    Choice("hot", L("高", "Hot")),
    Choice("warm", L("中", "Warm")),
    Choice("cold", L("低", "Cold")),
)
RANK = {"hot": 0, "warm": 1, "cold": 2}
MAX_CARDS = 2000


def _answer(name: str, label: Any) -> ChoiceField:
    return ChoiceField(name=name, label=label, help=L("", ""), choices=ANSWERS)


CARDS = RowsField(
    name="cards",
    label=L("收集到的名片", "Cards collected"),
    help=L("每张名片一行；兴趣：高＝当场要报价或约见，中＝认真问过问题，低＝只是路过；M/A/N 是展位上聊出来的判断，不知道就留空。也可以从表格软件里复制整张表粘贴进来。",
           "One row per card. Interest: hot = asked for a quote or a meeting, warm = asked real questions, cold = just passing by. M/A/N are what you learnt at the booth; leave blank when unknown. You can also paste a whole sheet from a spreadsheet."),
    columns=(
        TextField(name="name", label=L("姓名", "Name"), help=L("", ""), required=True, max_length=80),
        TextField(name="company", label=L("公司", "Company"), help=L("", ""), max_length=120),
        ChoiceField(name="interest", label=L("兴趣", "Interest"), required=True, choices=INTEREST,
                    help=L("高：当场要报价或约见；中：认真问过问题；低：只是路过。",
                           "Hot: asked for a quote or a meeting; warm: asked real questions; cold: just passing by.")),
        _answer("money", L("M 购买能力", "M money")),
        _answer("authority", L("A 决策权", "A authority")),
        _answer("need", L("N 需求", "N need")),
        TextField(name="notes", label=L("备注", "Notes"), help=L("", ""), max_length=300),
    ),
    min_rows=1,
    max_rows=MAX_CARDS,
    default=[],
)

FIELDS = (
    CARDS,
    DateField(
        name="show_end",
        label=L("展会最后一天", "Last day of the show"),
        help=L("例如 2026-11-26 或 2026/11/26；用来算出第一天回访的日期，可不填。",
               "E.g. 2026-11-26 or 2026/11/26; gives the date of the first follow-up day; optional."),
    ),
)

OUTPUTS = (
    Output("call_day", L("第一天回访日期", "First follow-up day"), kind="code"),
    Output(
        "ranking",
        L("排序结果", "Ranking"),
        kind="table",
        columns=(
            ("rank", L("名次", "Rank"), "integer"),
            ("name", L("姓名", "Name")),
            ("company", L("公司", "Company")),
            ("cell", L("MAN", "MAN")),
            ("when", L("何时联系", "When to call")),
            ("reason", L("理由", "Why")),
        ),
        note=MAN_LEGEND,
    ),
    Output("summary", L("小结", "Summary"), kind="list", summary=True),
)

WHEN = {
    "first_day": L("第一天", "Day one"),
    "this_week": L("本周内", "This week"),
    "set_aside": L("暂不跟进", "Set aside"),
}


def _when(interest: str, cell: str) -> str:
    if cell == "man":
        return "set_aside"
    if interest == "hot" or (interest == "warm" and sum(c.isupper() for c in cell) >= 2):
        return "first_day"
    return "this_week"


def compute(values: dict[str, Any], lang: str) -> dict[str, Any]:
    cards = []
    for n, card in enumerate(values["cards"], start=1):
        answers = [card[f] or "unknown" for f in ("money", "authority", "need")]
        cell = man_cell(*answers)
        yes, no = answers.count("yes"), answers.count("no")
        cards.append((RANK[card["interest"]], -yes, no, n, card, cell))
    if not cards:
        raise InputErrors([("cards", "too_few_rows", {"min": 1, "count": 0})])
    cards.sort(key=lambda c: c[:4])
    interest_label = {c.value: c.label for c in INTEREST}
    ranking = []
    counts = {"first_day": 0, "this_week": 0, "set_aside": 0}
    for rank, (_, minus_yes, no, _, card, cell) in enumerate(cards, start=1):
        when = _when(card["interest"], cell)
        counts[when] += 1
        level = pick(interest_label[card["interest"]], lang)
        reason = pick(L(f"兴趣{level}；MAN 有 {-minus_yes} 项、缺 {no} 项", f"interest {level.lower()}; MAN {-minus_yes} yes, {no} no"), lang)
        if card["notes"]:
            reason += ("；" if lang == "zh" else "; ") + card["notes"]
        ranking.append({
            "rank": rank,
            "name": card["name"],
            "company": card["company"] or "",
            "cell": cell,
            "when": pick(WHEN[when], lang),
            "reason": reason,
        })
    call_day = (values["show_end"] + timedelta(days=1)).isoformat() if values["show_end"] else None
    summary = [
        pick(L(f"第一天打 {counts['first_day']} 个电话，本周内再跟进 {counts['this_week']} 位，暂不跟进 {counts['set_aside']} 位。",
               f"Call {counts['first_day']} on day one, {counts['this_week']} more this week; {counts['set_aside']} set aside."), lang),
        pick(L("排序规则：先看兴趣（高、中、低），再看 MAN 有几项、缺几项，最后按录入顺序。",
               "Order: interest first (hot, warm, cold), then MAN yes count, then fewer no, then the order entered."), lang),
    ]
    return {"call_day": call_day, "ranking": ranking, "summary": summary}


TRADE_SHOW_LEADS = register(
    Calculator(
        name="trade-show-leads",
        title=L("展会名片排序", "Trade-show card ranking"),
        summary=L("把展会上收集的名片按兴趣和 MAN 排序，得到展后第一天的回访名单。",
                  "Rank the cards from a show by interest and MAN, and get the call list for the first day after it."),
        fields=FIELDS,
        outputs=OUTPUTS,
        compute=compute,
        example={
            "cards": [
                {"name": L("王强", "Wang Qiang"), "company": L("华东家居", "East China Homes"), "interest": "warm",
                 "money": "yes", "authority": "yes"},
                {"name": L("李娜", "Li Na"), "company": L("星河装饰", "Xinghe Interiors"), "interest": "hot", "need": "yes"},
                {"name": L("陈晨", "Chen Chen"), "company": "", "interest": "cold", "money": "no", "authority": "no", "need": "no"},
                {"name": L("赵敏", "Zhao Min"), "company": L("青木设计", "Qingmu Design"), "interest": "warm", "need": "yes"},
            ],
            "show_end": "2026-11-26",
        },
    )
)
