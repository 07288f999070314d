"""MAN qualification: Money, Authority, Need (source §S1 §S8 §S19 §S21).

Each factor is answered yes / no / unknown, optionally with evidence. The
verdict is ``verify`` while any factor is unknown or its evidence contradicts
the answer ("verify key facts, never assume", §S8); otherwise ``track`` for
MAN (the only qualified prospect), ``abandon`` for man, ``develop`` for the
six mixed cells. Every one of the eight cells has its own action.
"""

from __future__ import annotations

from typing import Any

from .base import Calculator, register
from .fields import Choice, ChoiceField, IntegerField, MoneyField, Output
from .i18n import L, pick

FACTORS = ("money", "authority", "need")
ANSWERS = (
    Choice("yes", L("有", "Yes")),
    Choice("no", L("没有", "No")),
    Choice("unknown", L("还不知道", "Don't know yet")),
)

ACTIONS = {
    "MAN": L(
        "合格的准客户：当天建立客户卡，约好下一次见面，按跟进计划推进。",
        "A qualified prospect: open a customer card today, book the next meeting and follow the follow-up plan.",
    ),
    "MAn": L(
        "有钱有权，缺需求：深入了解对方业务的难处，帮他看清问题；需求明确之前只投入少量时间。",
        "Money and authority but no need yet: dig into the business's problems and help them see one; invest little time until a need is clear.",
    ),
    "MaN": L(
        "有钱有需求，但对方不拍板：请他引荐决策人，弄清决策流程，争取与决策人见面。",
        "Money and need, but this contact does not decide: ask to be introduced to the decision maker, learn the decision process and meet them.",
    ),
    "mAN": L(
        "有权有需求，但钱不够：核实预算周期，提供分期、分批或较小的方案。",
        "Authority and need, but not the money: check the budget cycle and offer instalments, a phased start or a smaller package.",
    ),
    "Man": L(
        "只有购买力：保持低频联系，定期分享行业信息，留意需求出现的信号。",
        "Only the money: keep light contact, share useful industry news now and then, and watch for a need to appear.",
    ),
    "mAn": L(
        "只有决策权：优先级低，偶尔联系，观察预算和需求是否出现。",
        "Only authority: low priority; keep in touch occasionally and watch for budget and need.",
    ),
    "maN": L(
        "只有需求：先找到出钱的人和拍板的人，再决定值不值得投入。",
        "Only the need: find who pays and who decides before you decide whether to invest time.",
    ),
    "man": L(
        "不是准客户：礼貌结束，不再跟进，把时间留给更好的线索。",
        "Not a prospect: close politely, stop following up and spend the time on better leads.",
    ),
}

VERIFY_ACTION = L(
    "先核实：把下面的问题逐一问清楚，再重新判断。没核实的事不要当成事实。",
    "Verify first: ask the questions below one by one, then judge again. Do not treat an unchecked fact as true.",
)

FACTOR_NAMES = {
    "money": L("购买能力（M）", "Money (M)"),
    "authority": L("决策权（A）", "Authority (A)"),
    "need": L("需求（N）", "Need (N)"),
}

QUESTIONS = {
    "money": (
        L("这件事有预算吗？大概多少？", "Is there a budget for this? Roughly how much?"),
        L("预算由谁批、什么时候批？", "Who approves the budget, and when?"),
        L("公司近来经营如何（个人客户：收入是否稳定）？", "How is the business doing lately (for a private buyer: is the income steady)?"),
    ),
    "authority": (
        L("除了您，还有谁参与这个决定？", "Besides you, who takes part in this decision?"),
        L("上一次类似的采购，最后是谁拍板的？", "For the last similar purchase, who made the final call?"),
        L("您在这件事上是决定、建议，还是把关否决？", "In this purchase, do you decide, recommend, or hold a veto?"),
    ),
    "need": (
        L("您现在最想解决的问题是什么？", "What problem do you most want solved right now?"),
        L("打算什么时候解决？", "When do you plan to solve it?"),
        L("大概需要多少数量或多大规模？", "Roughly what quantity or scale do you need?"),
    ),
}

ROLE = ChoiceField(
    name="role",
    label=L("对方的角色", "Contact's role"),
    help=L("这位联系人在购买决定中的位置。", "Where this contact stands in the buying decision."),
    choices=(
        Choice("decides", L("拍板决定", "Decides")),
        Choice("recommends", L("提建议", "Recommends")),
        Choice("veto", L("能否决", "Can veto")),
        Choice("none", L("无影响", "No say")),
    ),
    group="authority",
)
FINANCES = ChoiceField(
    name="finances",
    label=L("经营或收入状况", "Operations or income"),
    help=L("公司看经营状况，个人或家庭看收入。", "For a company, its operations; for a person or family, their income."),
    choices=(
        Choice("sound", L("稳健", "Sound")),
        Choice("strained", L("吃紧", "Strained")),
    ),
    group="money",
)
NEED_WHEN = ChoiceField(
    name="need_when",
    label=L("什么时候需要", "When needed"),
    help=L("对方打算何时解决这个需求。", "When the prospect means to meet the need."),
    choices=(
        Choice("now", L("一个月内", "Within a month")),
        Choice("quarter", L("三个月内", "Within three months")),
        Choice("later", L("更晚，未定", "Later, no date")),
        Choice("never", L("不需要", "Not at all")),
    ),
    group="need",
)

FIELDS = (
    ChoiceField(
        name="money",
        label=FACTOR_NAMES["money"],
        help=L("对方有没有足够的钱买：预算是否覆盖报价。", "Can they pay: does the budget cover the price?"),
        required=True,
        default="unknown",
        choices=ANSWERS,
        group="money",
    ),
    MoneyField(
        name="budget",
        label=L("预算（元）", "Budget (yuan)"),
        help=L("对方能拿出的金额，可不填。", "What the prospect can spend; optional."),
        group="money",
    ),
    MoneyField(
        name="price",
        label=L("我方报价（元）", "Our price (yuan)"),
        help=L("我们方案的价格，可不填。", "The price of our offer; optional."),
        group="money",
    ),
    FINANCES,
    ChoiceField(
        name="authority",
        label=FACTOR_NAMES["authority"],
        help=L("对面这个人能不能决定、建议或否决这次购买。", "Can this person decide, recommend or veto the purchase?"),
        required=True,
        default="unknown",
        choices=ANSWERS,
        group="authority",
    ),
    ROLE,
    ChoiceField(
        name="need",
        label=FACTOR_NAMES["need"],
        help=L("对方是否真的需要我们的产品或服务。", "Do they really need what we sell?"),
        required=True,
        default="unknown",
        choices=ANSWERS,
        group="need",
    ),
    NEED_WHEN,
    IntegerField(
        name="need_quantity",
        label=L("需要的数量", "Quantity needed"),
        help=L("大概需要多少件、套或人份，可不填。", "Roughly how many units, sets or seats; optional."),
        max=10_000_000,
        group="need",
    ),
)

# How to read a MAN combination, wherever one is shown (here and in the trade-show ranking).
MAN_LEGEND = L(
    "M 购买能力、A 决策权、N 需求：大写字母表示“有”，小写表示“没有”，? 表示还不知道。",
    "M money, A authority, N need: a capital letter means yes, a small one no, and ? not known yet.",
)

OUTPUTS = (
    Output(
        "verdict",
        L("结论", "Verdict"),
        kind="badge",
        labels={
            "track": L("跟进", "Track"),
            "develop": L("培育", "Develop"),
            "abandon": L("放弃", "Drop"),
            "verify": L("先核实", "Verify first"),
        },
        summary=True,
    ),
    Output("cell", L("MAN 组合", "MAN combination"), kind="code", note=MAN_LEGEND, summary=True),
    Output("action", L("下一步", "What to do"), kind="text"),
    Output("reasons", L("依据", "Why"), kind="list"),
    Output("next_questions", L("要问的问题", "Questions to ask"), kind="list"),
)


def man_cell(money: str, authority: str, need: str) -> str:
    """The MAN letters: upper case for yes, lower case for no, ``?`` for unknown."""
    return "".join(
        letter if answer == "yes" else letter.lower() if answer == "no" else "?"
        for letter, answer in zip("MAN", (money, authority, need))
    )


def _evidence(values: dict[str, Any], lang: str) -> dict[str, list[tuple[str, str]]]:
    """Per factor, what the evidence suggests: a list of (yes|no, explanation)."""
    found: dict[str, list[tuple[str, str]]] = {f: [] for f in FACTORS}
    budget, price = values["budget"], values["price"]
    if budget is not None and price is not None:
        if budget >= price:
            found["money"].append(("yes", pick(L(
                f"预算 {budget.format()} 覆盖报价 {price.format()}",
                f"the budget {budget.format()} covers the price {price.format()}"), lang)))
        else:
            gap = (price - budget).format()
            found["money"].append(("no", pick(L(
                f"预算 {budget.format()} 比报价 {price.format()} 少 {gap}",
                f"the budget {budget.format()} is {gap} short of the price {price.format()}"), lang)))
    if values["finances"] is not None:
        found["money"].append((
            "yes" if values["finances"] == "sound" else "no",
            pick(L("经营或收入：", "operations or income: "), lang) + FINANCES.label_of(values["finances"], lang),
        ))
    if values["role"] is not None:
        found["authority"].append((
            "no" if values["role"] == "none" else "yes",
            pick(L("对方角色：", "contact's role: "), lang) + ROLE.label_of(values["role"], lang),
        ))
    if values["need_when"] is not None:
        found["need"].append((
            "no" if values["need_when"] == "never" else "yes",
            pick(L("需要时间：", "needed: "), lang) + NEED_WHEN.label_of(values["need_when"], lang),
        ))
    if values["need_quantity"] is not None:
        qty = values["need_quantity"]
        found["need"].append(("yes" if qty > 0 else "no", pick(L(f"数量：{qty}", f"quantity: {qty}"), lang)))
    return found


def compute(values: dict[str, Any], lang: str) -> dict[str, Any]:
    evidence = _evidence(values, lang)
    reasons: list[str] = []
    questions: list[str] = []
    doubtful: list[str] = []
    for factor in FACTORS:
        answer = values[factor]
        name = pick(FACTOR_NAMES[factor], lang)
        answer_label = pick({c.value: c.label for c in ANSWERS}[answer], lang)
        notes = evidence[factor]
        detail = "；".join(n for _, n in notes) if lang == "zh" else "; ".join(n for _, n in notes)
        line = f"{name}：{answer_label}" if lang == "zh" else f"{name}: {answer_label}"
        if detail:
            line += f"（{detail}）" if lang == "zh" else f" ({detail})"
        reasons.append(line)
        clashes = [n for hint, n in notes if answer != "unknown" and hint != answer]
        if clashes:
            doubtful.append(factor)
            reasons.append(pick(L(
                f"{name}的回答与证据不一致：{'；'.join(clashes)}。请先核实。",
                f"{name}: the answer disagrees with the evidence: {'; '.join(clashes)}. Check it first."), lang))
        if answer == "unknown" or clashes:
            questions.extend(pick(q, lang) for q in QUESTIONS[factor])
    cell = man_cell(values["money"], values["authority"], values["need"])
    if "?" in cell or doubtful:
        verdict, action = "verify", pick(VERIFY_ACTION, lang)
    else:
        verdict = "track" if cell == "MAN" else "abandon" if cell == "man" else "develop"
        action = pick(ACTIONS[cell], lang)
    if values["role"] in ("recommends", "veto") and values["authority"] == "yes":
        reasons.append(pick(L(
            "这位联系人能影响决定，但不拍板：同时找到最终决策人。",
            "This contact influences the decision but does not make it: find the final decision maker too."), lang))
    return {
        "verdict": verdict,
        "cell": cell,
        "action": action,
        "reasons": reasons,
        "next_questions": questions,
    }


QUALIFICATION = register(
    Calculator(
        name="qualification",
        title=L("MAN 准客户资格判断", "MAN prospect qualification"),
        summary=L(
            "回答购买能力、决策权、需求三个问题，得到跟进、培育、放弃或先核实的结论。",
            "Answer three questions (money, authority, need) and get track, develop, drop or verify first.",
        ),
        fields=FIELDS,
        outputs=OUTPUTS,
        compute=compute,
        example={"money": "yes", "authority": "no", "need": "yes"},
    )
)
