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
        "不认识的字段“{field}”。可用的字段有：{known}。",
        "Unknown field '{field}'. Known fields: {known}.",
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
    "internal_error": L(
        "计算器内部出错（{detail}）。你的输入已保留；请把这条信息报告给维护者。",
        "The calculator hit an internal error ({detail}). Your input is kept; please report this message to the maintainers.",
    ),
}


def message(code: str, lang: str, **params: object) -> str:
    """Format the message ``code`` in ``lang`` with ``params``."""
    return pick(MESSAGES[code], lang).format(**params)
