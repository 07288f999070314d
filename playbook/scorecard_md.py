"""A scorecard as Markdown: its criteria, weights, grade bands and steps.

Pages show a card's rules from the same cleaned definition the calculator
grades with (the ``scorecards`` policy section), so a course that changes a
weight changes the page and the answer together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calculators.scorecard.schema import YES_NO

TEXT = {
    "zh": {
        "how": "**怎么打分**：每一项按回答拿到该项权重的一部分（括号里是比例）。选“不清楚”的项不得分也不扣分，"
               "只会降低“已掌握的信息”；已知部分不到权重的 {min_known}% 时不给等级，先去补信息。",
        "knockout": "**一票否决**：标了 ✗ 的回答一出现，结论就是：{decision}",
        "head": "| 评分项 | 权重 | 回答（得分比例） | 凭什么判断 |\n|---|---|---|---|",
        "bands_head": "| 等级 | 得分 | 怎么做 |\n|---|---|---|",
        "steps": "**办理步骤**",
        "no_weight": "不计分",
        "range": "{low} 至 {high} 以下",
        "top": "{low} 至 {high}",
        "link": "用评分卡给一个客户打分：[{title}]({page}#{id})。",
    },
    "en": {
        "how": "**How it scores**: each criterion earns a share of its weight by the answer given (the share is in brackets). "
               "An answer of \"unknown\" earns nothing and costs nothing: it only lowers how much of the card is known, "
               "and below {min_known}% of the weight known the card gives no grade until you find out more.",
        "knockout": "**Knock-out**: an answer marked ✗ decides on its own: {decision}",
        "head": "| Criterion | Weight | Answers (share earned) | Evidence |\n|---|---|---|---|",
        "bands_head": "| Grade | Score | Decision |\n|---|---|---|",
        "steps": "**The procedure**",
        "no_weight": "not scored",
        "range": "{low} to under {high}",
        "top": "{low} to {high}",
        "link": "Grade a customer with the scorecard: [{title}]({page}#{id}).",
    },
}

PAGE = "scorecards.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def card_markdown(card: Mapping[str, Any], lang: str) -> str:
    """The rules of one cleaned card, in ``lang``."""
    t = TEXT[lang]
    rows = []
    for c in card["criteria"]:
        scale = c["scale"] if isinstance(c["scale"], list) else YES_NO
        answers = []
        for lv in scale:
            mark = " ✗" if lv["id"] in c["knockout"] else ""
            share = f"（{lv['points']}%）" if lang == "zh" else f" ({lv['points']}%)"
            answers.append(lv["label"][lang] + (share if c["weight"] != "0" else "") + mark)
        weight = c["weight"] if c["weight"] != "0" else t["no_weight"]
        rows.append(f"| {_cell(c['label'][lang])} | {weight} | {_cell(' · '.join(answers))} | {_cell(c['evidence'][lang])} |")
    parts = [t["how"].format(min_known=card["min_known"]), "", t["head"], *rows, ""]
    if card.get("knockout_decision"):
        parts += [t["knockout"].format(decision=card["knockout_decision"][lang]), ""]
    bands = []
    for b in card["bands"]:
        key = "top" if b["to"] == "100" else "range"
        bands.append(f"| **{_cell(b['grade'])}** | {t[key].format(low=b['from'], high=b['to'])} | {_cell(b['decision'][lang])} |")
    parts += [t["bands_head"], *bands, ""]
    if card.get("steps"):
        parts += [t["steps"], "", *(f"{i}. {s[lang]}" for i, s in enumerate(card["steps"], 1)), ""]
    return "\n".join(parts)


def card_link(card_id: str, cards: Mapping[str, Any], has_page: bool, lang: str) -> str:
    """A sentence linking to the card on the scorecards page, or "" when the course has no such card or page."""
    if not has_page or card_id not in cards:
        return ""
    return TEXT[lang]["link"].format(title=cards[card_id]["title"][lang], page=PAGE, id=card_id)
