"""Reader-facing text in Simplified Chinese (default) and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

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
# the reader's language; others are named per message. Here only the shared ones:
# a payload's shape, the field types (fields.py, money.py, dates.py) and pasted
# tables (table_paste.py). Each calculator registers its own beside it
# (``register_messages``), as do the schema, the policy and the generator.
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
    "duplicate_key": L(
        "“{label}”写了不止一次（{count} 次）：每个字段只能出现一次，请删去多余的。",
        "'{label}' appears {count} times: each field may appear only once; remove the extra ones.",
    ),
    "input_too_deep": L(
        "输入嵌套太深：列表和对象最多套 {max} 层。",
        "The input is nested too deeply: lists and objects may go at most {max} levels deep.",
    ),
    "too_deep": L(
        "“{label}”嵌套太深：列表和对象最多套 {max} 层。",
        "'{label}' is nested too deeply: lists and objects may go at most {max} levels deep.",
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
    "money_too_large": L(
        "“{label}”超出了能计算的范围：金额最多 {max}（正负都一样），收到的是 {got}。",
        "'{label}' is beyond what can be calculated: amounts go up to {max} either way; received {got}.",
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
        "“{label}”需要一个日期，例如 2026-11-26、2026/11/26 或 2026年11月26日；收到的是 {got}。",
        "'{label}' needs a date such as 2026-11-26 or 2026/11/26; received {got}.",
    ),
    "needs_year": L(
        "“{label}”没有写年份（{got}）：请写上年份，例如 2024年3月2日 10:00。",
        "'{label}' has no year ({got}): add it, e.g. 2024-03-02 10:00.",
    ),
    "date_out_of_range": L(
        "“{label}”的日期要在 {min} 到 {max} 之间，收到的是 {got}。",
        "'{label}' needs a date from {min} to {max}; received {got}.",
    ),
    "not_a_clock_time": L(
        "“{label}”需要一个时刻，例如 13:30、9点30 或 下午1:30；收到的是 {got}。",
        "'{label}' needs a time of day such as 13:30 or 1:30 pm; received {got}.",
    ),
    "internal_error": L(
        "计算器内部出错（{detail}）。你的输入已保留；请把这条信息报告给维护者。",
        "The calculator hit an internal error ({detail}). Your input is kept; please report this message to the maintainers.",
    ),
    # yes/no, date-time and policy-section fields
    "not_a_flag": L("“{label}”只能选“是”或“否”，收到的是 {got}。", "'{label}' must be yes or no; received {got}."),
    "not_a_time": L(
        "“{label}”需要日期和时刻，例如 2024-03-09 14:30、2024/3/9 14:30 或 3月9日 14:30；收到的是 {got}。",
        "'{label}' needs a date and a time of day, such as 2024-03-09 14:30 or 2024/3/9 2:30 pm; received {got}.",
    ),
    "field_not_object": L(
        "“{label}”应是一组有名称的值：{expected}；现在是 {got}。",
        "'{label}' should be a set of named values: {expected}; found {got}.",
    ),
    # probabilities and pasted tables (fields.py, table_paste.py)
    "probability_float": L(
        "“{label}”请写成带引号的文字，例如 \"0.35\" 或 \"35%\"；收到的是浮点数 {got}，可能已失去精度。",
        "Write '{label}' as text in quotes, e.g. \"0.35\" or \"35%\"; received the float {got}, which may have lost precision.",
    ),
    "not_a_probability": L(
        "“{label}”需要 0 到 1 的小数或百分数，例如 0.35 或 35%；收到的是 {got}。",
        "'{label}' needs a decimal from 0 to 1 or a percentage, e.g. 0.35 or 35%; received {got}.",
    ),
    "probability_range": L(
        "“{label}”要在 0 到 1 之间（或 0% 到 100%），收到的是 {got}。",
        "'{label}' must be between 0 and 1 (or 0% and 100%); received {got}.",
    ),
    "probability_places": L(
        "“{label}”最多 {places} 位小数，收到的是 {got}。",
        "'{label}' takes at most {places} decimal places; received {got}.",
    ),
    "paste_empty": L(
        "“{label}”里没有可读的行：请连同标题行一起粘贴。",
        "'{label}' has no rows to read: paste the table with its header row.",
    ),
    "paste_too_many_rows": L(
        "“{label}”最多 {max} 行，这次粘贴了 {count} 行。你的输入已保留；请分批粘贴，或删去用不到的行。",
        "'{label}' takes at most {max} rows; this paste has {count}. Your input is kept; paste it in parts, or drop the rows you don't need.",
    ),
    "paste_too_long": L(
        "“{label}”最多 {max} 个字符，这次有 {length} 个。你的输入已保留；请删去用不到的列。",
        "'{label}' takes at most {max} characters; this paste has {length}. Your input is kept; drop the columns you don't need.",
    ),
    "paste_cell_too_long": L(
        "“{label}”有一格长达 {length} 个字符，每格最多 {max} 个。你的输入已保留；请检查是否粘贴了整段文字。",
        "'{label}' has a cell of {length} characters; a cell takes at most {max}. Your input is kept; check that no whole text was pasted.",
    ),
    "paste_unclosed_quote": L(
        "“{label}”有一个引号 \" 没有配对，它后面的内容都被当成了同一格。你的输入已保留；请补上或删去这个引号。",
        "'{label}' has a quote mark \" that is never closed, so everything after it reads as one cell. Your input is kept; close or remove that quote.",
    ),
    "paste_no_header": L(
        "“{label}”应是标题行，但没有认出任何一列（{got}）。请连同标题行一起复制，标题可以用：{headers_zh}"
        "（英文 {headers_en} 也可以）。",
        "'{label}' should be the header row, but no column was recognised ({got}). Copy the header row too, with headers like "
        "{headers_en} (or {headers_zh}).",
    ),
    "paste_missing_column": L(
        "“{label}”（标题行）里缺少这些列：{columns_zh}。请在表格里加上这一列再复制。",
        "'{label}' (the header row) has no column for {columns_en}: add what is missing to the sheet and copy again.",
    ),
    "paste_missing_one_of": L(
        "“{label}”（标题行）里至少要有其中一列：{columns_zh}。",
        "'{label}' (the header row) needs at least one of these columns: {columns_en}.",
    ),
    "paste_columns": L(
        "“{label}”有 {cells} 格，标题行只有 {header} 格。金额里的千分位逗号会把一格拆成两格："
        "请去掉这些逗号，或者直接从表格软件复制（用制表符分隔）。",
        "'{label}' has {cells} cells but the header row has {header}. Thousands separators in amounts split a cell in two: "
        "remove those commas, or copy straight from the spreadsheet (tab-separated).",
    ),
}


def names_list(names: list[str] | tuple[str, ...], lang: str) -> str:
    """Names joined as the reader's language lists them: ``A、B`` or ``A, B``."""
    return ("、" if lang == "zh" else ", ").join(names)


def register_messages(messages: Mapping[str, Text]) -> None:
    """Add a module's messages (code -> bilingual text); a code may be defined once."""
    for code, text in messages.items():
        if code in MESSAGES:
            raise ValueError(f"message code {code!r} defined twice")
        if set(text) != set(LANGS):
            raise ValueError(f"message {code!r} needs zh and en text")
        MESSAGES[code] = dict(text)


def localised(value: object, lang: str) -> object:
    """``value`` with every bilingual text in it (``{"zh": …, "en": …}``, at any depth) read in ``lang``."""
    if isinstance(value, Mapping):
        if set(value) == set(LANGS):
            return value[lang]
        return {k: localised(v, lang) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [localised(v, lang) for v in value]
    return value


class Choices(tuple):
    """The choices a message lists, as their labels (bilingual texts), read in the reader's language."""

    sep: ClassVar[dict[str, str]] = {"zh": " / ", "en": " / "}

    def text(self, lang: str) -> str:
        return self.sep.get(lang, self.sep[DEFAULT_LANG]).join(pick(label, lang) for label in self)


class Names(Choices):
    """Names a message lists (field labels, bilingual texts): ``A、B`` or ``A, B`` (``names_list``)."""

    def text(self, lang: str) -> str:
        return names_list([pick(label, lang) for label in self], lang)


def _param(value: object, lang: str) -> object:
    if isinstance(value, Choices):
        return value.text(lang)
    if isinstance(value, Mapping) and set(value) == set(LANGS):
        return value[lang]
    return value


def message(code: str, lang: str, **params: object) -> str:
    """Format the message ``code`` in ``lang`` with ``params``; bilingual params are read in ``lang``."""
    return pick(MESSAGES[code], lang).format(**{k: _param(v, lang) for k, v in params.items()})
