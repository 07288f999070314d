"""Scorecard messages: answers on a page, and mistakes in a card definition.

Placeholders as in ``calculators.i18n``; ``{label}`` is where the problem is.
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
    "card_not_mapping": L(
        "{label}：这里应当是{what}，写成键值对（{keys}）；现在是 {got}。",
        "{label}: expected {what}, written as keys ({keys}); found {got}.",
    ),
    "card_unknown_key": L(
        "{label}：{what}里没有“{key}”这个键。可用的键：{known}。",
        "{label}: unknown key '{key}' in {what}; expected one of: {known}.",
    ),
    "card_missing_key": L(
        "{label}：{what}缺少“{key}”：{expected}。",
        "{label}: {what} is missing '{key}': {expected}.",
    ),
    "card_bad_text": L(
        "{label}：需要中英文两种文字，写成 {{zh: …, en: …}}；现在是 {got}。",
        "{label}: expected text in both languages, as {{zh: …, en: …}}; found {got}.",
    ),
    "card_text_comma": L(
        "{label}：多出了一个键“{key}”。在 {{zh: …, en: …}} 里，文字中的逗号会把文字拆开：请给这段文字加上引号。",
        "{label}: an extra key '{key}'. Inside {{zh: …, en: …}} a comma splits the text: put the text in quotes.",
    ),
    "card_bad_number": L(
        "{label}：应当是 {low} 到 {high} 之间的数；现在是 {got}。",
        "{label}: expected a number from {low} to {high}; found {got}.",
    ),
    "card_bad_id": L(
        "{label}：编号只能用小写字母、数字和下划线（评分卡本身用连字符），以字母开头；现在是 {got}。",
        "{label}: an id is lower-case letters, digits and underscores (hyphens for a card's own id), starting with a letter; found {got}.",
    ),
    "card_reserved_id": L(
        "{label}：“{id}”是保留字（{reserved}），请换一个评分项编号。",
        "{label}: '{id}' is reserved ({reserved}); give the criterion another id.",
    ),
    "card_reserved_level": L(
        "{label}：“unknown”（不清楚）是每一项都自动带有的回答，不能再定义。",
        "{label}: 'unknown' is an answer every criterion has already; do not define it.",
    ),
    "card_duplicate_id": L(
        "{label}：编号“{id}”重复了。",
        "{label}: the id '{id}' is used twice.",
    ),
    "card_no_scale": L(
        "{label}：评分项“{id}”没有 scale（回答的刻度）。写 scale: yes-no，或列出至少两个等级（id、label、points）。",
        "{label}: the criterion '{id}' has no scale. Write scale: yes-no, or list at least two levels (id, label, points).",
    ),
    "card_bad_scale": L(
        "{label}：scale 应当是 yes-no，或至少两个等级的列表；现在是 {got}。",
        "{label}: the scale must be yes-no or a list of at least two levels; found {got}.",
    ),
    "card_bad_knockout": L(
        "{label}：knockout 只能列出这一项的回答（{levels}）；现在是 {got}。",
        "{label}: knockout may only list this criterion's answers ({levels}); found {got}.",
    ),
    "card_knockout_everything": L(
        "{label}：每个回答都一票否决，这一项就没有人能通过。",
        "{label}: every answer is a knock-out, so nobody could ever pass this criterion.",
    ),
    "card_weightless": L(
        "{label}：评分项“{id}”的权重是 0，又不是一票否决项，它对结果毫无影响。给它权重，或写上 knockout。",
        "{label}: the criterion '{id}' has weight 0 and is no knock-out, so it can never matter. Give it a weight or a knockout.",
    ),
    "card_weights_sum": L(
        "{label}：各项权重加起来是 {total}，应当正好是 100（{weights}）。",
        "{label}: the weights add up to {total}; they must add up to exactly 100 ({weights}).",
    ),
    "card_bad_criteria": L(
        "{label}：criteria 应当是至少有一项的列表；现在是 {got}。",
        "{label}: criteria must be a list with at least one criterion; found {got}.",
    ),
    "card_bad_bands": L(
        "{label}：bands 应当是等级段的列表（grade、from、to、decision）；现在是 {got}。",
        "{label}: bands must be a list of grade bands (grade, from, to, decision); found {got}.",
    ),
    "card_bad_grade": L(
        "{label}：等级应当是不超过三个字符的名称，例如 A；现在是 {got}。",
        "{label}: a grade is a name of at most three characters, such as A; found {got}.",
    ),
    "card_duplicate_grade": L(
        "{label}：等级“{grade}”出现了两次。",
        "{label}: the grade '{grade}' appears twice.",
    ),
    "card_band_empty": L(
        "{label}：等级 {grade} 从 {low} 到 {high}，起点必须小于终点。",
        "{label}: grade {grade} runs from {low} to {high}; its start must be below its end.",
    ),
    "card_band_gap": L(
        "{label}：等级段之间有空档：{low} 到 {high} 之间的分数没有等级。",
        "{label}: the grade bands leave a gap: scores from {low} to {high} would have no grade.",
    ),
    "card_band_overlap": L(
        "{label}：等级 {grade} 从 {low} 开始，和等级 {other}（到 {high} 为止）重叠。",
        "{label}: grade {grade} starts at {low}, overlapping grade {other}, which runs to {high}.",
    ),
    "card_bad_sources": L(
        "{label}：sources 应当是来源标记的列表，例如 [S18]；现在是 {got}。",
        "{label}: sources must be a list of source marks such as [S18]; found {got}.",
    ),
    "scorecard_switch": L(
        "{label}：课程里每张评分卡可以写 false（关掉）、true，或 {{weights: {{评分项: 权重}}, min_known: 数}}；现在是 {got}。",
        "{label}: in a course, each scorecard takes false (switch off), true, or {{weights: {{criterion: weight}}, min_known: N}}; found {got}.",
    ),
}
