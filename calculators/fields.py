"""Input field declarations: they parse payload values and describe the form.

Each field knows its name (the payload key), its kind, its bounds or choices,
and bilingual label and help. ``describe()`` feeds ``calculators.catalog()``,
from which the browser form is generated; ``parse()`` turns a raw JSON value
into a typed value or raises ``FieldError``.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from .dates import RANGE, DateError, offset, parse_clock, parse_date, parse_moment
from .i18n import Choices, L, Text, pick, register_messages
from .money import MAX_TEXT, Money, MoneyError

# The largest whole number an integer field takes when it declares no maximum.
MAX_INTEGER = 999_999_999_999
SHOWN_MAX = 80
_INTEGER = re.compile(r"[+-]?\d+")

_MISSING = object()


class FieldError(ValueError):
    """A field value that cannot be used; ``code`` and ``params`` localise it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """A received value as the reader would recognise it (JSON spelling), cut to ``limit`` characters."""
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]  # a pasted novel is not echoed whole
    if isinstance(value, Decimal):  # a number a trainer wrote in a YAML file, read exactly
        text = format(value, "f")
        return text if len(text) <= limit else text[: limit - 1] + "…"
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def key_shown(key: object) -> str:
    """A payload key as a field path names it: text, cut like ``shown``."""
    text = str(key)
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


class FieldErrors(ValueError):
    """Several problems inside one field (rows of a table): ``(path, code, params)``.

    ``path`` is relative to the field, e.g. ``"[3].amount"`` for row 3 (rows
    count from 1, as a reader counts them).
    """

    def __init__(self, problems: list[tuple[str, str, dict[str, object]]]) -> None:
        super().__init__(problems)
        self.problems = problems


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True)
class Field:
    """Base of all fields. ``default`` is the form's initial value (payload form)."""

    name: str
    label: Text
    help: Text
    required: bool = False
    default: Any = None
    group: str = ""
    # Other headers a pasted table may give this column (``table_paste``), besides its name and labels.
    aliases: tuple[str, ...] = ()
    kind = "field"

    def describe(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "kind": self.kind,
            "label": dict(self.label),
            "help": dict(self.help),
            "required": self.required,
            "default": self.default,
            "group": self.group,
        }
        out.update(self._describe_extra())
        return out

    def _describe_extra(self) -> dict[str, Any]:
        return {}

    def parse(self, raw: Any = _MISSING) -> Any:
        """Typed value for ``raw``; a missing or empty optional field gives ``None``."""
        if raw is _MISSING or raw is None or raw == "":
            if self.required:
                raise FieldError("required")
            return None
        return self._parse(raw)

    def _parse(self, raw: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class ChoiceField(Field):
    choices: tuple[Choice, ...] = ()
    kind = "choice"

    def _describe_extra(self) -> dict[str, Any]:
        return {"choices": [{"value": c.value, "label": dict(c.label)} for c in self.choices]}

    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def label_of(self, value: str, lang: str) -> str:
        for c in self.choices:
            if c.value == value:
                return pick(c.label, lang)
        return value

    def _parse(self, raw: Any) -> str:
        if not isinstance(raw, str) or raw not in self.values():
            raise FieldError("invalid_choice", choices=Choices(c.label for c in self.choices), got=shown(raw))
        return raw


@dataclass(frozen=True)
class MoneyField(Field):
    min: str | None = "0"
    max: str | None = None
    kind = "money"

    def _describe_extra(self) -> dict[str, Any]:
        return {"min": "-" + MAX_TEXT if self.min is None else self.min,
                "max": MAX_TEXT if self.max is None else self.max, "step": "0.01"}

    def _parse(self, raw: Any) -> Money:
        try:
            value = Money.parse(raw)
        except MoneyError as err:
            raise FieldError(err.code, got=shown(raw), max=Money.parse(MAX_TEXT).format()) from None
        if self.min is not None and value < Money.parse(self.min):
            raise FieldError("below_min", min=self.min, got=shown(raw))
        if self.max is not None and value > Money.parse(self.max):
            raise FieldError("above_max", max=self.max, got=shown(raw))
        return value


@dataclass(frozen=True)
class IntegerField(Field):
    min: int | None = 0
    max: int | None = None
    kind = "integer"

    def _describe_extra(self) -> dict[str, Any]:
        return {"min": -MAX_INTEGER if self.min is None else self.min,
                "max": MAX_INTEGER if self.max is None else self.max, "step": 1}

    def _parse(self, raw: Any) -> int:
        if isinstance(raw, (bool, float)):
            raise FieldError("not_an_integer", got=shown(raw))
        if isinstance(raw, str):
            text = raw.strip().replace(",", "")
            if not _INTEGER.fullmatch(text):  # decimal digits only: "²" is a digit to isdigit(), not to int()
                raise FieldError("not_an_integer", got=shown(raw))
            if len(text.lstrip("+-").lstrip("0")) > len(str(MAX_INTEGER)):  # refused before int() is asked to read it
                raw_int = (MAX_INTEGER + 1) * (-1 if text.startswith("-") else 1)
            else:
                raw_int = int(text)
        elif isinstance(raw, int):
            raw_int = raw
        elif isinstance(raw, Decimal) and raw == raw.to_integral_value():
            raw_int = int(raw)
        else:
            raise FieldError("not_an_integer", got=shown(raw))
        low = -MAX_INTEGER if self.min is None else self.min
        high = MAX_INTEGER if self.max is None else self.max
        if raw_int < low:
            raise FieldError("below_min", min=low, got=shown(raw))
        if raw_int > high:
            raise FieldError("above_max", max=high, got=shown(raw))
        return raw_int


@dataclass(frozen=True)
class TextField(Field):
    max_length: int = 200
    kind = "text"

    def _describe_extra(self) -> dict[str, Any]:
        return {"max_length": self.max_length}

    def _parse(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise FieldError("not_text", got=shown(raw))
        text = raw.strip()
        if not text and self.required:  # only spaces: nothing was written
            raise FieldError("required")
        if len(text) > self.max_length:
            raise FieldError("too_long", max=self.max_length, length=len(text))
        return text


@dataclass(frozen=True)
class IdField(TextField):
    """A short code a trainer gives a thing (a stage, a criterion): text matching ``pattern``, described by ``spelling``.

    YAML reads a bare ``yes``/``no`` as true/false: those are taken as the words.
    """

    pattern: str = r"[a-z][a-z0-9_]{0,39}"
    spelling: Text = field(default_factory=lambda: L("小写字母、数字和下划线，以字母开头", "lower-case letters, digits and underscores, starting with a letter"))
    max_length: int = 40

    def _describe_extra(self) -> dict[str, Any]:
        return {"max_length": self.max_length, "pattern": self.pattern}

    def _parse(self, raw: Any) -> str:
        if isinstance(raw, bool):
            raw = "yes" if raw else "no"
        text = super()._parse(raw)
        if not re.fullmatch(self.pattern, text):
            raise FieldError("bad_id", spelling=self.spelling, got=shown(raw))
        return text


@dataclass(frozen=True)
class TemplateField(TextField):
    """A text with ``{name}`` placeholders, each one of ``placeholders`` (a literal brace is written twice)."""

    placeholders: tuple[str, ...] = ()
    max_length: int = 2000

    def _describe_extra(self) -> dict[str, Any]:
        return {"max_length": self.max_length, "placeholders": list(self.placeholders)}

    def _parse(self, raw: Any) -> str:
        text = super()._parse(raw)
        try:
            names = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(text) if f is not None]
        except ValueError:
            raise FieldError("template_braces") from None
        bad = [f for f, spec, conv in names if f not in self.placeholders or spec or conv]
        if bad:
            raise FieldError("template_placeholder", name="{" + bad[0] + "}", known=", ".join(self.placeholders))
        return text


@dataclass(frozen=True)
class UtcOffsetField(TextField):
    """A fixed offset from UTC written ``+08:00`` (``+0800`` and ``Z`` too), at most ±14:00; parses to the text."""

    max_length: int = 6
    kind = "utc_offset"

    def _parse(self, raw: Any) -> str:
        if not isinstance(raw, str) or offset(raw.strip()) is None:
            raise FieldError("not_an_offset", got=shown(raw))
        return raw.strip()


@dataclass(frozen=True)
class DecimalField(Field):
    """A plain number from ``min`` to ``max`` (decimal strings), read exactly; a JSON float is refused."""

    min: str = "0"
    max: str = "100"
    kind = "decimal"

    def _describe_extra(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max}

    def _parse(self, raw: Any) -> Decimal:
        if isinstance(raw, float):
            raise FieldError("float", got=shown(raw))
        if isinstance(raw, bool) or not isinstance(raw, (int, str, Decimal)):
            raise FieldError("not_a_number", got=shown(raw))
        try:
            value = Decimal(unicodedata.normalize("NFKC", raw).strip()) if isinstance(raw, str) else Decimal(raw)
        except InvalidOperation:
            raise FieldError("not_a_number", got=shown(raw)) from None
        if not value.is_finite():
            raise FieldError("not_a_number", got=shown(raw))
        if value < Decimal(self.min):
            raise FieldError("below_min", min=self.min, got=shown(raw))
        if value > Decimal(self.max):
            raise FieldError("above_max", max=self.max, got=shown(raw))
        return value


PROBABILITY_PLACES = 6
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_probability(raw: Any) -> Decimal:
    """An exact probability from ``"0.35"``, ``"35%"``, ``0``, ``1`` or a Decimal; raises FieldError."""
    if isinstance(raw, float):
        raise FieldError("probability_float", got=shown(raw))
    if isinstance(raw, bool):
        raise FieldError("not_a_probability", got=shown(raw))
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, Decimal):
        if not raw.is_finite():
            raise FieldError("not_a_probability", got=str(raw))
        value = raw
    elif isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
        percent = text.endswith("%")
        if percent:
            text = text[:-1]
        if not _NUMBER.fullmatch(text):
            raise FieldError("not_a_probability", got=shown(raw))
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regex guards this
            raise FieldError("not_a_probability", got=shown(raw)) from None
        if percent:
            value = value / 100
    else:
        raise FieldError("not_a_probability", got=shown(raw)[:80])
    if value < 0 or value > 1:
        raise FieldError("probability_range", got=shown(raw))
    value = value.normalize() if value else Decimal(0)
    exp = value.as_tuple().exponent
    if isinstance(exp, int) and -exp > PROBABILITY_PLACES:
        raise FieldError("probability_places", places=PROBABILITY_PLACES, got=shown(raw))
    return value if value != 1 else Decimal(1)


def probability_text(p: Decimal) -> str:
    """A probability as the plain decimal string it travels as: ``Decimal("0.35")`` -> ``"0.35"``."""
    return format(p, "f")


@dataclass(frozen=True)
class ProbabilityField(Field):
    """A probability or share from 0 to 1: ``"0.35"`` or ``"35%"``, at most six places; parses to an exact Decimal."""

    kind = "probability"

    def _describe_extra(self) -> dict[str, Any]:
        return {"min": "0", "max": "1", "places": PROBABILITY_PLACES, "percent": True}

    def _parse(self, raw: Any) -> Decimal:
        return parse_probability(raw)


YES_NO = (Choice("true", L("是", "Yes")), Choice("false", L("否", "No")))


@dataclass(frozen=True)
class FlagField(ChoiceField):
    """Yes or no: JSON ``true``/``false``, or the strings "true"/"false" a form sends."""

    choices: tuple[Choice, ...] = YES_NO

    def _parse(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return raw.strip().lower() == "true"
        raise FieldError("not_a_flag", got=shown(raw)[:80])


@dataclass(frozen=True)
class DateField(Field):
    """A calendar date as people write it (2026-11-26, 2026/11/26, 2026年11月26日), from ``dates.DATE_MIN`` to ``dates.DATE_MAX``."""

    kind = "date"

    def _describe_extra(self) -> dict[str, Any]:
        return {"format": "YYYY-MM-DD", **RANGE}

    def _parse(self, raw: Any) -> date:
        if not isinstance(raw, str):
            raise FieldError("not_a_date", got=shown(raw))
        try:
            return parse_date(raw)
        except DateError as err:
            raise FieldError(err.code, got=shown(raw), **RANGE) from None


@dataclass(frozen=True)
class DateTimeField(Field):
    """A date and time as people write it (``2024-03-01 10:30``, ``2024/3/1 10:30``, ``3月1日 10:30`` given a
    ``year``; an ISO offset is optional), in ``dates.RANGE``."""

    kind = "datetime"

    def _describe_extra(self) -> dict[str, Any]:
        return dict(RANGE)

    def parse_in(self, raw: Any, year: int | None) -> datetime | None:
        """``parse``, a date without its year taken to be in ``year``."""
        if raw is None or raw == "":
            return self.parse(raw)
        if not isinstance(raw, str):
            raise FieldError("not_a_time", got=shown(raw))
        try:
            return parse_moment(raw, year)
        except DateError as err:
            raise FieldError(err.code, got=shown(raw), **RANGE) from None

    def _parse(self, raw: Any) -> datetime:
        return self.parse_in(raw, None)


@dataclass(frozen=True)
class TimeField(TextField):
    """A wall-clock time as people write it: ``13:30``, ``9点30``, ``下午1:30`` (``dates.parse_clock``)."""

    max_length: int = 12
    kind = "time"

    def _parse(self, raw: Any) -> time:
        text = super()._parse(raw)
        try:
            return parse_clock(text)
        except DateError as err:
            raise FieldError(err.code, got=shown(text)) from None


@dataclass(frozen=True)
class RowsField(Field):
    """A table: a list of rows, each an object whose keys are ``columns``.

    Parses to a list of dicts. Problems name the row (from 1) and the column:
    path ``[2].amount``. ``default`` is a list of row dicts.
    """

    columns: tuple[Field, ...] = ()
    min_rows: int = 0
    max_rows: int = 10_000
    # A pasted header must name at least one column of each group (``table_paste``), e.g. (("probability", "stage"),).
    needs_one_of: tuple[tuple[str, ...], ...] = ()
    kind = "rows"

    def _describe_extra(self) -> dict[str, Any]:
        return {
            "columns": [c.describe() for c in self.columns],
            "min_rows": self.min_rows,
            "max_rows": self.max_rows,
        }

    def parse(self, raw: Any = _MISSING) -> Any:
        if raw is _MISSING or raw is None:
            raw = []
        return self._parse(raw)

    def _parse(self, raw: Any) -> list[dict[str, Any]]:
        if not isinstance(raw, list):
            raise FieldError("not_rows", got=shown(raw)[:80])
        if len(raw) < self.min_rows:
            raise FieldError("too_few_rows", min=self.min_rows, count=len(raw))
        if len(raw) > self.max_rows:
            raise FieldError("too_many_rows", max=self.max_rows, count=len(raw))
        names = {c.name for c in self.columns}
        rows: list[dict[str, Any]] = []
        problems: list[tuple[str, str, dict[str, object]]] = []
        for n, item in enumerate(raw, start=1):
            if not isinstance(item, dict):
                problems.append((f"[{n}]", "row_not_object", {"row": n, "got": shown(item)[:80]}))
                continue
            for key in item:
                if key not in names:
                    problems.append((f"[{n}].{key_shown(key)}", "unknown_field", {"field": key_shown(key), "known": ", ".join(sorted(names))}))
            row: dict[str, Any] = {}
            for col in self.columns:
                try:
                    row[col.name] = col.parse(item[col.name]) if col.name in item else col.parse()
                except FieldError as err:
                    problems.append((f"[{n}].{col.name}", err.code, dict(err.params)))
            rows.append(row)
        if problems:
            raise FieldErrors(problems)
        return rows


# A field two calculators ask for, declared once: the funnel works back from it, the forecast measures against it.
SALES_TARGET = MoneyField(
    name="target",
    label=L("目标（元）", "Target (yuan)"),
    help=L("这一期要完成的成交额。", "The sales to close in the period."),
    required=True,
    min="0.01",
)


@dataclass(frozen=True)
class Output:
    """One result key as the page shows it.

    ``kind``: badge (a code shown by its label from ``labels``), code, text,
    explanation (text on how the answer was worked out, set small), list (of strings), money, probability, ratio, chart, table (a list of row
    dicts, shown with ``columns``: ``(key, label)`` or ``(key, label, kind)``
    triples, ``kind`` a number kind of ``numbers.FORMATS`` or ``text``) or
    mapping (a dict shown as two columns, its values of ``value_kind``).
    ``calculators.render`` draws each kind.
    """

    key: str
    label: Text
    kind: str = "text"
    labels: dict[str, Text] = field(default_factory=dict)
    columns: tuple[tuple[str, Text] | tuple[str, Text, str], ...] = ()
    value_kind: str = "text"
    # Table rows: keys kept on each row as ``data-KEY`` attributes, not shown (a clause's id beside its title).
    row_data: tuple[str, ...] = ()
    # Values shown as nothing, as if empty (an error bound of exactly "0").
    omit: tuple[str, ...] = ()
    # A line under the value saying how to read it (what the "?" in a MAN combination means).
    note: Text | None = None
    # Part of the answer's one-line summary (the verdict, who is credited): what a phone shows while the form is in view.
    summary: bool = False

    def column_kinds(self) -> tuple[tuple[str, Text, str], ...]:
        """``columns`` as ``(key, label, kind)`` triples (``text`` when not given)."""
        return tuple((c[0], c[1], c[2] if len(c) > 2 else "text") for c in self.columns)

    def describe(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "label": dict(self.label),
            "labels": {k: dict(v) for k, v in self.labels.items()},
            "columns": [{"key": k, "label": dict(v), "kind": kind} for k, v, kind in self.column_kinds()],
            "value_kind": self.value_kind,
            "row_data": list(self.row_data),
            "note": dict(self.note) if self.note else None,
            "summary": self.summary,
        }


register_messages({
    "bad_id": L("“{label}”只能用{spelling}；收到的是 {got}。", "'{label}' may use only {spelling}; received {got}."),
    "not_an_offset": L(
        "“{label}”需要形如 +08:00 的 UTC 偏移，收到的是 {got}。",
        "'{label}' needs a UTC offset like +08:00; received {got}.",
    ),
    "template_braces": L(
        "“{label}”里有不成对的花括号：占位符写成 {{follow_up_days}} 这样，字面的花括号请写两次（{{{{ 或 }}}}）。",
        "'{label}' has an unmatched brace: placeholders look like {{follow_up_days}}; write a literal brace twice ({{{{ or }}}}).",
    ),
    "template_placeholder": L(
        "“{label}”里的占位符 {name} 不可用；可用的有：{known}。",
        "'{label}' uses the placeholder {name}, which is not available; available: {known}.",
    ),
})
