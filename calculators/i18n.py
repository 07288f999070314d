"""Reader-facing text in Simplified Chinese (default) and English."""

from __future__ import annotations

from typing import Mapping

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

Text = Mapping[str, str]


def L(zh: str, en: str) -> dict[str, str]:
    """A bilingual text: ``{"zh": ..., "en": ...}``."""
    return {"zh": zh, "en": en}


def pick(text: Text, lang: str) -> str:
    """The text in ``lang``, falling back to Chinese."""
    return text.get(lang) or text[DEFAULT_LANG]


# Error messages, keyed by code. Placeholders: {label} is the field's label in
# the reader's language; others are named per message.
MESSAGES: dict[str, dict[str, str]] = {
    "unknown_calculator": L(
        "没有名为“{name}”的计算器。可用的有：{known}。",
        "There is no calculator named '{name}'. Available: {known}.",
    ),
    "not_an_object": L(
        "输入必须是一个 JSON 对象（形如 {{\"键\": \"值\"}}），收到的是 {got}。",
        "The input must be a JSON object (like {{\"key\": \"value\"}}); received {got}.",
    ),
    "bad_json": L(
        "输入不是有效的 JSON：{detail}",
        "The input is not valid JSON: {detail}",
    ),
    "unknown_field": L(
        "不认识的字段“{label}”。可用的字段有：{known}。",
        "Unknown field '{label}'. Known fields: {known}.",
    ),
    "bad_lang": L(
        "语言“{value}”不支持，请用 zh 或 en。",
        "Language '{value}' is not supported; use zh or en.",
    ),
    "no_policy": L(
        "缺少公司政策“{section}”部分：请通过 playbook 命令或课程页面运行这个计算器。",
        "The company policy section '{section}' is missing: run this calculator through the playbook command or a course page.",
    ),
    "required": L("请填写“{label}”。", "Please fill in '{label}'."),
    "invalid_choice": L(
        "“{label}”只能是以下之一：{choices}；收到的是 {got}。",
        "'{label}' must be one of: {choices}; received {got}.",
    ),
    "float": L(
        "“{label}”请写成文字形式的数字，例如 \"12345.67\"；收到的是浮点数 {got}，可能已失去精度。",
        "Write '{label}' as a number in quotes, e.g. \"12345.67\"; received the float {got}, which may have lost precision.",
    ),
    "not_a_number": L(
        "“{label}”需要一个数字，收到的是 {got}。",
        "'{label}' needs a number; received {got}.",
    ),
    "sub_fen": L(
        "“{label}”最多两位小数（精确到分），收到的是 {got}。",
        "'{label}' takes at most two decimal places (to the fen); received {got}.",
    ),
    "not_an_integer": L(
        "“{label}”需要一个整数，收到的是 {got}。",
        "'{label}' needs a whole number; received {got}.",
    ),
    "below_min": L(
        "“{label}”不能小于 {min}，收到的是 {got}。",
        "'{label}' must be at least {min}; received {got}.",
    ),
    "above_max": L(
        "“{label}”不能大于 {max}，收到的是 {got}。",
        "'{label}' must be at most {max}; received {got}.",
    ),
    "not_text": L(
        "“{label}”需要一段文字，收到的是 {got}。",
        "'{label}' needs text; received {got}.",
    ),
    "too_long": L(
        "“{label}”最多 {max} 个字符，收到了 {length} 个。",
        "'{label}' takes at most {max} characters; received {length}.",
    ),
    "not_rows": L(
        "“{label}”需要一个表格（行的列表），收到的是 {got}。",
        "'{label}' needs a table (a list of rows); received {got}.",
    ),
    "too_few_rows": L(
        "“{label}”至少需要 {min} 行，现在有 {count} 行。",
        "'{label}' needs at least {min} rows; it has {count}.",
    ),
    "too_many_rows": L(
        "“{label}”最多 {max} 行，收到了 {count} 行。你的输入已保留，请删减后再算。",
        "'{label}' takes at most {max} rows; received {count}. Your input is kept; trim it and try again.",
    ),
    "row_not_object": L(
        "“{label}”应是一行（对象），收到的是 {got}。",
        "'{label}' should be a row (an object); received {got}.",
    ),
    "not_a_date": L(
        "“{label}”需要一个日期，格式如 2026-11-26；收到的是 {got}。",
        "'{label}' needs a date like 2026-11-26; received {got}.",
    ),
    "internal_error": L(
        "计算器内部出错（{detail}）。你的输入已保留；请把这条信息报告给维护者。",
        "The calculator hit an internal error ({detail}). Your input is kept; please report this message to the maintainers.",
    ),
    # commission-split (calculators/attribution): event log and policy section
    "not_a_flag": L("“{label}”只能是 true 或 false，收到的是 {got}。", "'{label}' must be true or false; received {got}."),
    "not_a_time": L(
        "“{label}”需要 ISO 格式的时间，例如 2024-03-09T14:30；收到的是 {got}。",
        "'{label}' needs an ISO time such as 2024-03-09T14:30; received {got}.",
    ),
    "reserved_agent": L(
        "“{label}”不能叫“{name}”：这个名字留给公司（充公时用）。",
        "'{label}' cannot be '{name}': that name is kept for the company (forfeits).",
    ),
    "field_not_object": L(
        "“{label}”需要一个 JSON 对象（形如 {{\"键\": \"值\"}}），收到的是 {got}。",
        "'{label}' needs a JSON object (like {{\"key\": \"value\"}}); received {got}.",
    ),
    "not_for_event_type": L(
        "“{label}”不属于“{type}”事件。这类事件可用的字段有：{known}。",
        "'{label}' does not belong to a '{type}' event. Keys for this type: {known}.",
    ),
    "events_out_of_order": L(
        "“{label}”是 {at}，早于上一条事件（第 {prev} 行，{prev_at}）：事件要按时间先后排列。",
        "'{label}' is {at}, earlier than the event before it (row {prev}, {prev_at}): events must be in time order.",
    ),
    "deal_before_register": L(
        "“{label}”是成交，但它之前没有任何登记：先记录客户的登记。",
        "'{label}' is a deal, but no registration comes before it: record the customer's registration first.",
    ),
    "event_after_deal": L(
        "“{label}”在成交之后：一次计算只算一单，成交后只能再记录经理裁决。",
        "'{label}' comes after the deal: one calculation covers one sale, and only a manager's ruling may follow the deal.",
    ),
    "no_deal": L(
        "“{label}”里还没有成交：加上一条成交事件，才能分配佣金。",
        "'{label}' has no deal yet: add a deal event to split a commission.",
    ),
    "ruling_without_conflict": L(
        "“{label}”：第 {row} 行是经理裁决，但它之前没有需要裁决的撞单。",
        "'{label}': row {row} is a manager's ruling, but no clash comes before it to rule on.",
    ),
    "unknown_agent": L(
        "“{label}”里的置业顾问“{agent}”没有在之前的事件里出现过。出现过的有：{known}。",
        "'{label}' names the agent '{agent}', who appears in no earlier event. Agents seen: {known}.",
    ),
    "owner_state_unidentified": L(
        "“{label}”是“{state}”，但这次来访没有人认出客户归谁：请同时填写客户点名的置业顾问、认出客户的置业顾问或带客老客户的置业顾问。",
        "'{label}' is '{state}', but nobody identified whose customer this is on this visit: also give the agent the customer named, the agent who recognised them, or the referring old customer's agent.",
    ),
    "unknown_policy_key": L(
        "政策里没有“{key}”这一项。这里可用的有：{known}。",
        "The policy has no '{key}'. Known here: {known}.",
    ),
    "policy_missing_key": L("政策缺少“{key}”一项。", "The policy is missing '{key}'."),
    "policy_not_mapping": L(
        "政策项“{key}”需要一组键和值，收到的是 {got}。",
        "The policy item '{key}' needs a mapping of keys to values; received {got}.",
    ),
    "policy_share_range": L(
        "政策项“{key}”是一个比例，须在 0 到 1 之间（例如 0.20），收到的是 {got}。",
        "The policy item '{key}' is a share between 0 and 1 (e.g. 0.20); received {got}.",
    ),
    "policy_split_sum": L(
        "政策项“{key}”的两部分加起来须等于 1，现在是 {total}。",
        "The two parts of the policy item '{key}' must add up to 1; they add up to {total}.",
    ),
    "policy_bad_integer": L(
        "政策项“{key}”需要一个不小于 {min} 的整数，收到的是 {got}。",
        "The policy item '{key}' needs a whole number of at least {min}; received {got}.",
    ),
    "policy_bad_money": L(
        "政策项“{key}”需要一个不为负、最多两位小数的金额（元），收到的是 {got}。",
        "The policy item '{key}' needs an amount in yuan, not negative, at most two decimals; received {got}.",
    ),
    "policy_bad_offset": L(
        "政策项“{key}”需要形如 +08:00 的 UTC 偏移，收到的是 {got}。",
        "The policy item '{key}' needs a UTC offset like +08:00; received {got}.",
    ),
    "policy_bad_text": L(
        "政策项“{key}”需要一段不为空的文字，收到的是 {got}。",
        "The policy item '{key}' needs some text; received {got}.",
    ),
    "policy_placeholder": L(
        "政策项“{key}”里的占位符 {name} 不可用；可用的有：{known}。",
        "The policy item '{key}' uses the placeholder {name}, which is not available; available: {known}.",
    ),
    "policy_fine_order": L(
        "政策项“{key}”的最低罚款 {min} 高于最高罚款 {max}。",
        "In the policy item '{key}' the lowest fine {min} is above the highest {max}.",
    ),
}


def message(code: str, lang: str, **params: object) -> str:
    """Format the message ``code`` in ``lang`` with ``params``."""
    return pick(MESSAGES[code], lang).format(**params)
