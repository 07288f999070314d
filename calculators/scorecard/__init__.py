"""The ``scorecard`` calculator: grade a case on any card defined as data.

Cards live in ``playbook_src/scorecards/<id>.yaml`` (key-account admission,
quality customer, warehouse admission, ...); the course's effective set is the
policy section ``scorecards`` (card id -> cleaned definition). A payload names
the card and answers its criteria by id::

    {"card": "key-account", "subject": "华东物流",
     "economic_strength": "strong", "credit": "clean", "fit": "unknown"}

Missing criteria count as ``unknown``. See ``engine`` for how a case is graded
and ``schema`` for what a definition must satisfy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..base import Calculator, InputErrors, register
from ..exact import quantize
from ..fields import Output, TextField, shown
from ..i18n import L, pick, register_messages
from ..policy import PolicySection, register_policy
from ..schema import Table
from . import messages
from .engine import STATUSES, Assessment, assess
from .schema import CARD as CARD_SHAPE, CARD_ID_FIELD, UNKNOWN, Card, CardError, _card as _card_of, check_card, decimal_text

register_messages(messages.MESSAGES)

UNKNOWN_LABEL = L("不清楚", "Unknown")

STATUS_LABELS = {
    "graded": L("已评定", "Graded"),
    "provisional": L("暂定（仍有未知项）", "Provisional (facts still missing)"),
    "knocked_out": L("一票否决", "Knocked out"),
    "not_enough_facts": L("信息不足，暂不评级", "Too little known to grade"),
}

OUTPUTS = (
    Output("subject", L("评估对象", "Subject"), kind="text"),
    Output("status", L("结论类型", "Status"), kind="badge", labels=STATUS_LABELS),
    Output("grade", L("等级", "Grade"), kind="code", summary=True),
    Output("decision", L("怎么做", "Decision"), kind="text", summary=True),
    Output("score", L("得分（满分 100，只按已知项计算）", "Score (out of 100, on the known criteria only)"), kind="text"),
    Output("known", L("已掌握的信息（按权重）", "How much of the card is known (by weight)"), kind="probability"),
    Output("known_note", L("信息完整度", "Completeness"), kind="text"),
    Output("knocked_out", L("否决项", "Knock-outs"), kind="list"),
    Output("costliest", L("失分最多的项", "Criteria that cost most"), kind="table",
           columns=(("criterion", L("评分项", "Criterion")), ("answer", L("回答", "Answer")),
                    ("lost", L("失分", "Points lost"), "decimal"))),
    Output("next_facts", L("下一步要核实的信息", "Next facts to collect"), kind="table",
           columns=(("criterion", L("评分项", "Criterion")), ("why", L("分量", "Weight")),
                    ("evidence", L("凭什么判断", "Evidence to ask for")))),
    Output("notes", L("提示", "Notes"), kind="list"),
    Output("breakdown", L("逐项明细", "Each criterion"), kind="table",
           columns=(("criterion", L("评分项", "Criterion")), ("answer", L("回答", "Answer")),
                    ("weight", L("权重", "Weight")), ("points", L("得分", "Points"), "decimal"))),
)

CARD = TextField(name="card", label=L("评分卡", "Scorecard"), required=True, max_length=40,
                 help=L("评分卡的编号，例如 key-account。", "The card's id, e.g. key-account."))
SUBJECT = TextField(name="subject", label=L("评估对象", "Subject"), max_length=120,
                    help=L("客户或公司的名称，打印时显示；可不填。", "The customer's or company's name, shown when printed; optional."))


def _card(values: Mapping[str, Any], policy: Mapping[str, Any]) -> Card:
    card_id = values["card"]
    raw = policy.get(card_id)
    if raw is None:
        known = ", ".join(sorted(policy)) or "—"
        raise InputErrors([("card", "unknown_card", {"card": card_id, "known": known})])
    try:
        return check_card(card_id, raw)
    except CardError as err:
        where = ".".join(str(p) for p in err.path) or card_id
        raise InputErrors([("card", "bad_card", {"card": card_id, "where": where, "problem": err.code})]) from None


def _answers(card: Card, raw: Mapping[str, Any], lang: str) -> dict[str, str]:
    problems, out = [], {}
    for key, value in raw.items():
        crit = card.criterion(key)
        if crit is None:
            known = ", ".join(c.id for c in card.criteria)
            problems.append((key, "unknown_criterion", {"key": key, "card": card.id, "known": known}))
            continue
        if value is None or value == "":
            value = UNKNOWN
        ids = [lv.id for lv in crit.levels] + [UNKNOWN]
        if value is False and crit.yes_no:  # YAML or a hand-written payload: false for "no"
            value = "no"
        elif value is True and crit.yes_no:
            value = "yes"
        if not isinstance(value, str) or value not in ids:
            problems.append((key, "invalid_answer", {"criterion": pick(crit.label, lang), "choices": " / ".join(ids), "got": shown(value)}))
            continue
        out[key] = value
    if problems:
        raise InputErrors(problems)
    return out


def _answer_label(level, lang: str) -> str:
    return pick(level.label, lang) if level is not None else pick(UNKNOWN_LABEL, lang)


def _result(a: Assessment, subject: str, lang: str) -> dict[str, Any]:
    zh = lang == "zh"
    card = a.card
    n_known = sum(1 for _, lv in a.answers if lv is not None)
    n_all = len(a.answers)
    pct = decimal_text(quantize(a.known * 100, 1))
    if a.status == "knocked_out":
        decision = pick(card.knockout_decision, lang) if card.knockout_decision else pick(card.bands[-1].decision, lang)
    elif a.status == "not_enough_facts":
        decision = (f"已知信息只占权重的 {pct}%，不足 {decimal_text(card.min_known)}%，先收集下面列出的信息再评级。" if zh else
                    f"Only {pct}% of the weight is known, under the {decimal_text(card.min_known)}% this card needs: collect the facts listed below before grading.")
    else:
        decision = pick(a.band.decision, lang)
        if a.status == "provisional":
            decision += ("（暂定：补齐未知项后再确认。）" if zh else " (Provisional: confirm once the missing facts are in.)")
    if zh:
        known_note = f"已回答 {n_known}/{n_all} 项，占权重的 {pct}%。"
        if a.open_gates:
            known_note += "还有一票否决项没有核实：" + "、".join(pick(c.label, lang) for c in a.open_gates) + "。"
    else:
        known_note = f"{n_known} of {n_all} criteria answered, {pct}% of the weight."
        if a.open_gates:
            known_note += " Knock-out questions still open: " + ", ".join(pick(c.label, lang) for c in a.open_gates) + "."
    knocked = [
        (f"{pick(c.label, lang)}：{pick(lv.label, lang)}（一票否决）" if zh else f"{pick(c.label, lang)}: {pick(lv.label, lang)} (knock-out)")
        for c, lv in a.knocked_out
    ]
    costliest = [{"criterion": pick(c.label, lang), "answer": pick(lv.label, lang), "lost": "-" + decimal_text(cost)}
                 for c, lv, cost in a.costliest]

    def why(c) -> str:
        parts = []
        if c.knockout:
            parts.append("一票否决" if zh else "knock-out")
        if c.weight:
            parts.append(f"权重 {decimal_text(c.weight)}" if zh else f"weight {decimal_text(c.weight)}")
        return "，".join(parts) if zh else ", ".join(parts)

    next_facts = [{"criterion": pick(c.label, lang), "why": why(c), "evidence": pick(c.evidence, lang)} for c in a.next_facts]
    notes = [pick(lv.note, lang) for _, lv in a.answers if lv is not None and lv.note]
    breakdown = [
        {"criterion": pick(c.label, lang), "answer": _answer_label(lv, lang), "weight": why(c),
         "points": "—" if lv is None or not c.weight else decimal_text(c.weight * lv.points / 100)}
        for c, lv in a.answers
    ]
    return {
        "card": card.id,
        "subject": subject,
        "status": a.status,
        "grade": a.band.grade if a.band else None,
        "decision": decision,
        "score": decimal_text(a.score) if a.score is not None else None,
        "known": decimal_text(a.known),
        "known_note": known_note,
        "knocked_out": knocked,
        "costliest": costliest,
        "next_facts": next_facts,
        "notes": notes,
        "breakdown": breakdown,
    }


def _compute(values: dict[str, Any], lang: str, policy: Mapping[str, Any]) -> dict[str, Any]:
    card = _card(values, policy)
    answers = _answers(card, values["answers"], lang)
    return _result(assess(card, answers), values.get("subject") or "", lang)


def spec_for(preset: Mapping[str, Any], policy: Mapping[str, Any], lang: str = "zh") -> dict[str, Any]:
    """The form for one card: its id fixed, a subject, one question per criterion."""
    card_id = preset.get("card")
    if not isinstance(card_id, str) or not card_id:
        raise InputErrors([("card", "required", {})])
    card = _card({"card": card_id}, policy)
    fields: list[dict[str, Any]] = [
        {**CARD.describe(), "kind": "fixed", "default": card.id},
        {**SUBJECT.describe(), "label": dict(card.subject)},
    ]
    for c in card.criteria:
        notes = []
        if c.knockout:
            ko = "、".join(pick(lv.label, "zh") for lv in c.levels if lv.id in c.knockout)
            ko_en = " / ".join(pick(lv.label, "en") for lv in c.levels if lv.id in c.knockout)
            notes.append(L(f"一票否决：回答“{ko}”即不通过。", f"Knock-out: answering '{ko_en}' ends the assessment."))
        weight = L(f"权重 {decimal_text(c.weight)}", f"weight {decimal_text(c.weight)}") if c.weight else L("不计分", "not scored")
        fields.append({
            "name": c.id,
            "kind": "choice",
            "label": {lang: f"{c.label[lang]}（{weight[lang]}）" if lang == "zh" else f"{c.label[lang]} ({weight[lang]})" for lang in ("zh", "en")},
            "help": {lang: " ".join([c.evidence[lang], *(n[lang] for n in notes)]) for lang in ("zh", "en")},
            "required": True,
            "default": UNKNOWN,
            "group": c.id,
            "choices": [{"value": lv.id, "label": dict(lv.label)} for lv in c.levels] + [{"value": UNKNOWN, "label": dict(UNKNOWN_LABEL)}],
        })
    base = SCORECARD.describe()
    return {**base, "title": dict(card.title), "summary": dict(card.summary), "fields": fields,
            "example": {"card": card.id}, "card": card.id}


def _cleaned(cards: dict[str, Any]) -> dict[str, Any]:
    return {card_id: _card_of(card_id, data).to_json() for card_id, data in cards.items()}


POLICY = register_policy(PolicySection(
    "scorecards", L("评分卡", "Scorecards"),
    L("课程里的评分卡（playbook_src/scorecards/ 下每个文件一张）：评分项、权重、等级段；课程可以关掉一张卡，或改权重和 min_known。",
      "The course's scorecards (one file each in playbook_src/scorecards/): criteria, weights, grade bands; a course may switch a card "
      "off or change its weights and min_known."),
    Table("scorecards", L("评分卡", "Scorecards"), L("评分卡编号 -> 评分卡。", "card id -> card."), key=CARD_ID_FIELD, value=CARD_SHAPE, min_items=0),
    _cleaned,
))


def check_section(section: Mapping[str, Any]) -> dict[str, Any]:
    """The ``scorecards`` policy section: card id -> cleaned definition."""
    return POLICY.check(section)


SCORECARD = register(Calculator(
    name="scorecard",
    title=L("评分卡", "Scorecard"),
    summary=L("按评分卡逐项回答，得到等级、决定、已知程度、失分最多的项和下一步要核实的信息。",
              "Answer a card's criteria to get the grade, the decision, how much is known, what cost most and the next facts to collect."),
    fields=(CARD, SUBJECT),
    outputs=OUTPUTS,
    compute=_compute,
    example={"card": "key-account"},
    policy_section="scorecards",
    open_fields=True,
    specialise=spec_for,
))

__all__ = ["SCORECARD", "STATUSES", "Card", "CardError", "assess", "check_card", "spec_for"]
