"""Scorecard messages: answers on a page, and mistakes in a card definition.

Placeholders as in ``calculators.i18n``. A definition's mistakes are printed
after their key path (``criteria[2].weight: …``), so their texts start with
what is wrong; the shape's own checks (``calculators.schema``) say the rest.
"""

from __future__ import annotations

from ..i18n import L

MESSAGES = {
    # answering a card
    "unknown_card": L(
        "没有名为“{card}”的评分卡。本课程可用的有：{known}。",
        "There is no scorecard named '{card}'. This course has: {known}.",
    ),
    "bad_card": L(
        "评分卡“{card}”的定义有误（{where}：{problem}），请重新生成网站。",
        "The definition of the scorecard '{card}' is broken ({where}: {problem}); rebuild the site.",
    ),
    "unknown_criterion": L(
        "评分卡“{card}”里没有“{key}”这一项。可用的有：{known}。",
        "The scorecard '{card}' has no criterion '{key}'. Its criteria: {known}.",
    ),
    "invalid_answer": L(
        "“{criterion}”的回答只能是：{choices}；收到的是 {got}。",
        "'{criterion}' must be answered with one of: {choices}; received {got}.",
    ),
    # writing a card (the generator adds the file and line)
    "card_reserved_id": L(
        "“{id}”是保留字（{reserved}），请换一个评分项编号。",
        "'{id}' is reserved ({reserved}); give the criterion another id.",
    ),
    "card_reserved_level": L(
        "“unknown”（不清楚）是每一项都自动带有的回答，不能再定义。",
        "'unknown' is an answer every criterion has already; do not define it.",
    ),
    "card_bad_knockout": L(
        "knockout 只能列出这一项的回答（{levels}）；现在是 {got}。",
        "knockout may only list this criterion's answers ({levels}); found {got}.",
    ),
    "card_knockout_everything": L(
        "每个回答都一票否决，这一项就没有人能通过。",
        "every answer is a knock-out, so nobody could ever pass this criterion.",
    ),
    "card_weightless": L(
        "评分项“{id}”的权重是 0，又不是一票否决项，它对结果毫无影响。给它权重，或写上 knockout。",
        "the criterion '{id}' has weight 0 and is no knock-out, so it can never matter. Give it a weight or a knockout.",
    ),
    "card_weights_sum": L(
        "各项权重加起来是 {total}，应当正好是 100（{weights}）。",
        "the weights add up to {total}; they must add up to exactly 100 ({weights}).",
    ),
    "card_band_empty": L(
        "等级 {grade} 从 {low} 到 {high}，起点必须小于终点。",
        "grade {grade} runs from {low} to {high}; its start must be below its end.",
    ),
    "card_band_gap": L(
        "等级段之间有空档：{low} 到 {high} 之间的分数没有等级。",
        "the grade bands leave a gap: scores from {low} to {high} would have no grade.",
    ),
    "card_band_overlap": L(
        "等级 {grade} 从 {low} 开始，和等级 {other}（到 {high} 为止）重叠。",
        "grade {grade} starts at {low}, overlapping grade {other}, which runs to {high}.",
    ),
    "scorecard_switch": L(
        "课程里每张评分卡可以写 false（关掉）、true，或 {{weights: {{评分项: 权重}}, min_known: 数}}；现在是 {got}。",
        "in a course, each scorecard takes false (switch off), true, or {{weights: {{criterion: weight}}, min_known: N}}; found {got}.",
    ),
}
