"""A scorecard definition, checked: criteria, their scales and weights, grade bands.

Scorecards are data (``playbook_src/scorecards/<id>.yaml``), written by
trainers. ``check_card`` turns one parsed definition into a ``Card`` or
raises ``CardError`` with the key path of the first problem, e.g.
``("criteria", 2, "weight")``, so the generator can name the file and line.
``Card.to_json()`` is the cleaned form that travels to the browser, where
``check_card`` reads it again (it is its own fixed point).

The rules a definition must keep:

* every criterion has an id, a bilingual label, a scale (``yes-no`` or a list
  of at least two levels, each worth 0-100 % of the criterion's weight) and the
  evidence it asks for;
* weights are non-negative and add up to exactly 100; a criterion with weight
  0 must be a knock-out (else it could never matter);
* ``knockout`` lists the answers that end the assessment whatever else;
* grade bands cover 0-100 without gap or overlap: each band runs from ``from``
  (inclusive) to ``to`` (exclusive; the top band includes 100).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from ..i18n import LANGS, Text

HUNDRED = Decimal(100)
ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
CARD_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
RESERVED = frozenset({"card", "subject", "lang"})
UNKNOWN = "unknown"

YES_NO = (
    {"id": "yes", "label": {"zh": "是", "en": "Yes"}, "points": "100"},
    {"id": "no", "label": {"zh": "否", "en": "No"}, "points": "0"},
)

# key -> (required, what is expected); the order is the order a trainer writes them
CARD_KEYS: dict[str, tuple[bool, str]] = {
    "title": (True, "a mapping with zh and en text"),
    "summary": (True, "a mapping with zh and en text: what the card decides, in one sentence"),
    "subject": (False, "a mapping with zh and en text: what is being graded (e.g. 客户名称 / Customer)"),
    "sources": (False, "a list of source marks, e.g. [S18]"),
    "order": (False, "a whole number; cards are listed by it, then by id"),
    "min_known": (False, "the share of the weight (0-100) that must be known before a grade is given"),
    "criteria": (True, "a list of criteria, each with id, label, weight, scale and evidence"),
    "bands": (True, "a list of grade bands, each with grade, from, to and decision"),
    "knockout_decision": (False, "a mapping with zh and en text: the decision when a knock-out answer is given"),
    "steps": (False, "a list of procedure steps, each a mapping with zh and en text"),
}
CRITERION_KEYS: dict[str, tuple[bool, str]] = {
    "id": (True, "a lower-case name such as economic_strength"),
    "label": (True, "a mapping with zh and en text"),
    "weight": (True, "a number from 0 to 100"),
    "scale": (True, "yes-no, or a list of at least two levels (id, label, points)"),
    "evidence": (True, "a mapping with zh and en text: what proves the answer"),
    "knockout": (False, "a list of answers (level ids) that end the assessment"),
}
LEVEL_KEYS: dict[str, tuple[bool, str]] = {
    "id": (True, "a lower-case name such as strong"),
    "label": (True, "a mapping with zh and en text"),
    "points": (True, "a number from 0 to 100: the share of the weight this answer earns"),
    "note": (False, "a mapping with zh and en text, shown with the result when this answer is given"),
}
BAND_KEYS: dict[str, tuple[bool, str]] = {
    "grade": (True, "a short grade such as A"),
    "from": (True, "the lowest score of the band (inclusive), 0-100"),
    "to": (True, "the score where the band ends (exclusive; 100 for the top band)"),
    "decision": (True, "a mapping with zh and en text: what this grade means you do"),
}


class CardError(ValueError):
    """A problem in a definition: the key path, a message code and its parameters."""

    def __init__(self, path: tuple, code: str, **params: object) -> None:
        super().__init__(code)
        self.path, self.code, self.params = path, code, params


@dataclass(frozen=True)
class Level:
    id: str
    label: Text
    points: Decimal
    note: Text | None = None


@dataclass(frozen=True)
class Criterion:
    id: str
    label: Text
    weight: Decimal
    levels: tuple[Level, ...]
    evidence: Text
    knockout: frozenset[str]
    yes_no: bool

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)


@dataclass(frozen=True)
class Band:
    grade: str
    low: Decimal
    high: Decimal
    decision: Text

    def holds(self, score: Decimal) -> bool:
        return self.low <= score < self.high or (score == self.high == HUNDRED)


@dataclass(frozen=True)
class Card:
    id: str
    title: Text
    summary: Text
    subject: Text
    sources: tuple[str, ...]
    order: int
    min_known: Decimal
    criteria: tuple[Criterion, ...]
    bands: tuple[Band, ...]  # highest first
    knockout_decision: Text | None
    steps: tuple[Text, ...]

    def criterion(self, cid: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == cid), None)

    def band_for(self, score: Decimal) -> Band:
        return next(b for b in self.bands if b.holds(score))

    def to_json(self) -> dict[str, Any]:
        """The cleaned definition: plain JSON, numbers as decimal strings."""
        out: dict[str, Any] = {
            "title": dict(self.title),
            "summary": dict(self.summary),
            "subject": dict(self.subject),
            "sources": list(self.sources),
            "order": self.order,
            "min_known": decimal_text(self.min_known),
            "criteria": [
                {
                    "id": c.id,
                    "label": dict(c.label),
                    "weight": decimal_text(c.weight),
                    "scale": "yes-no" if c.yes_no else [
                        {"id": lv.id, "label": dict(lv.label), "points": decimal_text(lv.points),
                         **({"note": dict(lv.note)} if lv.note else {})}
                        for lv in c.levels
                    ],
                    "evidence": dict(c.evidence),
                    "knockout": [lv.id for lv in c.levels if lv.id in c.knockout],
                }
                for c in self.criteria
            ],
            "bands": [{"grade": b.grade, "from": decimal_text(b.low), "to": decimal_text(b.high), "decision": dict(b.decision)}
                      for b in self.bands],
            "steps": [dict(s) for s in self.steps],
        }
        if self.knockout_decision:
            out["knockout_decision"] = dict(self.knockout_decision)
        return out


def decimal_text(value: Decimal) -> str:
    """``Decimal("25.00")`` -> ``"25"``: the shortest exact spelling, never an exponent."""
    return format(value.normalize(), "f")


def _keys(data: Any, schema: Mapping[str, tuple[bool, str]], path: tuple, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise CardError(path, "card_not_mapping", what=what, keys=", ".join(schema), got=_shown(data))
    for key in data:
        if key not in schema:
            raise CardError(path + (key,), "card_unknown_key", key=str(key), what=what, known=", ".join(schema))
    for key, (required, expected) in schema.items():
        if required and key not in data:
            raise CardError(path, "card_missing_key", key=key, what=what, expected=expected)
    return data


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(data: Any, path: tuple) -> Text:
    if not isinstance(data, Mapping) or any(not isinstance(data.get(lang), str) or not data[lang].strip() for lang in LANGS):
        raise CardError(path, "card_bad_text", got=_shown(data))
    extra = [k for k in data if k not in LANGS]
    if extra:  # {zh: …, en: Large need, good fit} reads "good fit" as a key
        raise CardError(path + (extra[0],), "card_text_comma", key=str(extra[0]))
    return {lang: data[lang].strip() for lang in LANGS}


def _number(data: Any, path: tuple, low: int = 0, high: int = 100) -> Decimal:
    if isinstance(data, bool) or not isinstance(data, (int, float, str)):
        raise CardError(path, "card_bad_number", low=low, high=high, got=_shown(data))
    try:
        value = Decimal(repr(data) if isinstance(data, float) else str(data).strip())
    except InvalidOperation:
        raise CardError(path, "card_bad_number", low=low, high=high, got=_shown(data)) from None
    if not value.is_finite() or not low <= value <= high:
        raise CardError(path, "card_bad_number", low=low, high=high, got=_shown(data))
    return value


def _id(data: Any, path: tuple, pattern: re.Pattern = ID) -> str:
    if isinstance(data, bool):  # YAML 1.1 reads a bare yes / no as true / false
        data = "yes" if data else "no"
    if not isinstance(data, str) or not pattern.match(data):
        raise CardError(path, "card_bad_id", got=_shown(data), pattern=pattern.pattern)
    return data


def _levels(data: Any, path: tuple) -> tuple[tuple[Level, ...], bool]:
    if data == "yes-no":
        return tuple(Level(d["id"], d["label"], Decimal(d["points"])) for d in YES_NO), True
    if not isinstance(data, list) or len(data) < 2:
        raise CardError(path, "card_bad_scale", got=_shown(data))
    levels, seen = [], set()
    for i, raw in enumerate(data):
        at = path + (i,)
        raw = _keys(raw, LEVEL_KEYS, at, "an answer level")
        lid = _id(raw["id"], at + ("id",))
        if lid == UNKNOWN:
            raise CardError(at + ("id",), "card_reserved_level")
        if lid in seen:
            raise CardError(at + ("id",), "card_duplicate_id", id=lid)
        seen.add(lid)
        note = _text(raw["note"], at + ("note",)) if raw.get("note") is not None else None
        levels.append(Level(lid, _text(raw["label"], at + ("label",)), _number(raw["points"], at + ("points",)), note))
    return tuple(levels), False


def _criterion(data: Any, path: tuple) -> Criterion:
    if isinstance(data, Mapping) and "scale" not in data and "id" in data:
        raise CardError(path, "card_no_scale", id=str(data.get("id")))
    data = _keys(data, CRITERION_KEYS, path, "a criterion")
    cid = _id(data["id"], path + ("id",))
    if cid in RESERVED:
        raise CardError(path + ("id",), "card_reserved_id", id=cid, reserved=", ".join(sorted(RESERVED)))
    levels, yes_no = _levels(data["scale"], path + ("scale",))
    knockout = data.get("knockout") or []
    if not isinstance(knockout, list):
        raise CardError(path + ("knockout",), "card_bad_knockout", got=_shown(knockout), levels=", ".join(lv.id for lv in levels))
    ids = {lv.id for lv in levels}
    answers = []
    for j, raw in enumerate(knockout):
        # YAML reads a bare `no` as false: accept it as the answer "no"
        answer = "no" if raw is False else "yes" if raw is True else raw
        if answer not in ids:
            raise CardError(path + ("knockout", j), "card_bad_knockout", got=_shown(raw), levels=", ".join(sorted(ids)))
        answers.append(answer)
    ko = frozenset(answers)
    if ko == ids:
        raise CardError(path + ("knockout",), "card_knockout_everything")
    weight = _number(data["weight"], path + ("weight",))
    if weight == 0 and not ko:
        raise CardError(path + ("weight",), "card_weightless", id=cid)
    return Criterion(cid, _text(data["label"], path + ("label",)), weight, levels,
                     _text(data["evidence"], path + ("evidence",)), ko, yes_no)


def _bands(data: Any) -> tuple[Band, ...]:
    path = ("bands",)
    if not isinstance(data, list) or not data:
        raise CardError(path, "card_bad_bands", got=_shown(data))
    bands, grades = [], set()
    for i, raw in enumerate(data):
        at = path + (i,)
        raw = _keys(raw, BAND_KEYS, at, "a grade band")
        grade = raw["grade"]
        if not isinstance(grade, str) or not grade.strip() or len(grade.strip()) > 3:
            raise CardError(at + ("grade",), "card_bad_grade", got=_shown(grade))
        grade = grade.strip()
        if grade in grades:
            raise CardError(at + ("grade",), "card_duplicate_grade", grade=grade)
        grades.add(grade)
        low, high = _number(raw["from"], at + ("from",)), _number(raw["to"], at + ("to",))
        if low >= high:
            raise CardError(at, "card_band_empty", grade=grade, low=decimal_text(low), high=decimal_text(high))
        bands.append((i, Band(grade, low, high, _text(raw["decision"], at + ("decision",)))))
    bands.sort(key=lambda ib: ib[1].low)
    if bands[0][1].low != 0:
        raise CardError(path + (bands[0][0],), "card_band_gap", low="0", high=decimal_text(bands[0][1].low))
    if bands[-1][1].high != HUNDRED:
        raise CardError(path + (bands[-1][0],), "card_band_gap", low=decimal_text(bands[-1][1].high), high="100")
    for (_, below), (i, above) in zip(bands, bands[1:]):
        if below.high < above.low:
            raise CardError(path + (i,), "card_band_gap", low=decimal_text(below.high), high=decimal_text(above.low))
        if below.high > above.low:
            raise CardError(path + (i,), "card_band_overlap", grade=above.grade, other=below.grade,
                            low=decimal_text(above.low), high=decimal_text(below.high))
    return tuple(b for _, b in reversed(bands))


def check_card(card_id: str, data: Any) -> Card:
    """A checked ``Card`` from a parsed definition; raises ``CardError``."""
    _id(card_id, (), CARD_ID)
    data = _keys(data, CARD_KEYS, (), "a scorecard")
    criteria_raw = data["criteria"]
    if not isinstance(criteria_raw, list) or not criteria_raw:
        raise CardError(("criteria",), "card_bad_criteria", got=_shown(criteria_raw))
    criteria, seen = [], set()
    for i, raw in enumerate(criteria_raw):
        crit = _criterion(raw, ("criteria", i))
        if crit.id in seen:
            raise CardError(("criteria", i, "id"), "card_duplicate_id", id=crit.id)
        seen.add(crit.id)
        criteria.append(crit)
    total = sum((c.weight for c in criteria), Decimal(0))
    if total != HUNDRED:
        raise CardError(("criteria",), "card_weights_sum", total=decimal_text(total),
                        weights=", ".join(f"{c.id} {decimal_text(c.weight)}" for c in criteria))
    knockouts = any(c.knockout for c in criteria)
    ko_decision = data.get("knockout_decision")
    if knockouts and ko_decision is None:
        raise CardError((), "card_missing_key", key="knockout_decision", what="a scorecard with knock-out criteria",
                        expected=CARD_KEYS["knockout_decision"][1])
    steps_raw = data.get("steps") or []
    if not isinstance(steps_raw, list):
        raise CardError(("steps",), "card_not_mapping", what="steps", keys="a list", got=_shown(steps_raw))
    sources = data.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise CardError(("sources",), "card_bad_sources", got=_shown(sources))
    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        raise CardError(("order",), "card_bad_number", low=0, high=1000, got=_shown(order))
    return Card(
        id=card_id,
        title=_text(data["title"], ("title",)),
        summary=_text(data["summary"], ("summary",)),
        subject=_text(data["subject"], ("subject",)) if "subject" in data else {"zh": "对象", "en": "Subject"},
        sources=tuple(sources),
        order=order,
        min_known=_number(data.get("min_known", 50), ("min_known",)),
        criteria=tuple(criteria),
        bands=_bands(data["bands"]),
        knockout_decision=_text(ko_decision, ("knockout_decision",)) if ko_decision is not None else None,
        steps=tuple(_text(s, ("steps", i)) for i, s in enumerate(steps_raw)),
    )
