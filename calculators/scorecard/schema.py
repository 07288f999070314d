"""A scorecard definition, checked: criteria, their scales and weights, grade bands.

Scorecards are data (``playbook_src/scorecards/<id>.yaml``), written by
trainers. ``CARD`` declares its shape (with the calculators' fields:
labels, help, bounds) and the rules below; ``check_card`` turns one parsed
definition into a ``Card`` or raises ``CardError`` listing every problem, each
with its key path, e.g. ``("criteria", 2, "weight")``, so the generator can
name the file and line of each.
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

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from ..fields import Choice, ChoiceField, DecimalField, IdField, IntegerField, TextField
from ..i18n import L, Text
from ..schema import Bilingual, Either, Items, Keys, Problem, Problems, Value, check

HUNDRED = Decimal(100)
ID = r"[a-z][a-z0-9_]{0,39}"
CARD_ID = r"[a-z][a-z0-9-]{0,39}"
RESERVED = frozenset({"card", "subject", "lang"})
UNKNOWN = "unknown"

YES_NO = (
    {"id": "yes", "label": {"zh": "是", "en": "Yes"}, "points": "100"},
    {"id": "no", "label": {"zh": "否", "en": "No"}, "points": "0"},
)

class CardError(ValueError):
    """The problems of a definition: ``problems`` lists every one; ``path``, ``code`` and ``params`` are the first's."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].code)
        self.problems = problems
        self.path, self.code, self.params = problems[0].path, problems[0].code, dict(problems[0].params)


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




def _same(value: Any) -> Any:
    return value


def _number(name: str, label: Text, help: Text, required: bool = True) -> Value:
    return Value(DecimalField(name, label, help, required=required, min="0", max="100"), out=_same)


def _levels_not_reserved(levels: list[dict[str, Any]], problems: Problems) -> None:
    for i, level in enumerate(levels):
        if level["id"] == UNKNOWN:
            problems.append(Problem((i, "id"), "card_reserved_level"))


LEVEL = Keys(
    "level", L("回答等级", "an answer level"), L("id、label、points，可加 note。", "id, label, points, and optionally a note."),
    keys=(
        IdField("id", L("等级编号", "Level id"), L("小写的名称，例如 strong。", "A lower-case name such as strong."), required=True, pattern=ID),
        Bilingual("label", L("等级名称", "Level name"), L("这个回答在表单上的中英文名称。", "The answer's name on the form, in zh and en.")),
        _number("points", L("得分比例", "Points"), L("0 到 100：这个回答拿到权重的百分之几。", "0 to 100: the share of the weight this answer earns.")),
        Bilingual("note", L("回答的提示", "Note on the answer"), L("选了这个回答时随结果显示的提示。", "Shown with the result when this answer is given."),
                  required=False),
    ),
)
SCALE = Either(
    "scale", L("回答刻度", "Scale"), L("yes-no，或至少两个等级的列表（id、label、points）", "yes-no, or a list of at least two levels (id, label, points)"),
    options=(
        (lambda raw: isinstance(raw, str), ChoiceField("scale", L("回答刻度", "Scale"), L("只有 yes-no 一种写法。", "The only word here is yes-no."),
                                                       required=True, choices=(Choice("yes-no", L("是 / 否", "yes / no")),))),
        (lambda raw: True, Items("scale", L("回答刻度", "Scale"), L("至少两个等级（id、label、points）", "at least two levels (id, label, points)"),
                                 item=LEVEL, min_items=2, max_items=10, unique="id", rules=(_levels_not_reserved,))),
    ),
)


def _criterion_rules(c: dict[str, Any], problems: Problems) -> None:
    if c["id"] in RESERVED:
        problems.append(Problem(("id",), "card_reserved_id", {"id": c["id"], "reserved": ", ".join(sorted(RESERVED))}))
    ids = [d["id"] for d in YES_NO] if c["scale"] == "yes-no" else [lv["id"] for lv in c["scale"]]
    knockout = c.get("knockout") or []
    for j, answer in enumerate(knockout):
        if answer not in ids:
            problems.append(Problem(("knockout", j), "card_bad_knockout", {"got": answer, "levels": ", ".join(sorted(ids))}))
    if knockout and set(knockout) == set(ids):
        problems.append(Problem(("knockout",), "card_knockout_everything"))
    if c["weight"] == 0 and not knockout:
        problems.append(Problem(("weight",), "card_weightless", {"id": c["id"]}))


CRITERION = Keys(
    "criterion", L("评分项", "a criterion"), L("id、label、weight、scale、evidence，可加 knockout。", "id, label, weight, scale, evidence, and optionally knockout."),
    keys=(
        IdField("id", L("评分项编号", "Criterion id"), L("小写的名称，例如 economic_strength。", "A lower-case name such as economic_strength."),
                required=True, pattern=ID),
        Bilingual("label", L("评分项名称", "Criterion name"), L("表单上的问题，中英文。", "The question on the form, in zh and en.")),
        _number("weight", L("权重", "Weight"), L("0 到 100；各项权重加起来正好 100。", "0 to 100; the weights add up to exactly 100.")),
        SCALE,
        Bilingual("evidence", L("凭据", "Evidence"), L("凭什么判断这一项：要看的材料或要问的问题。", "What proves the answer: the records to see or the questions to ask.")),
        Items("knockout", L("一票否决的回答", "Knock-out answers"), L("给出就直接否决的回答（等级编号的列表）", "the answers (level ids) that end the assessment"),
              item=IdField("answer", L("一票否决的回答", "Knock-out answer"), L("这一项的一个等级编号。", "One of this criterion's level ids."),
                           required=True, pattern=ID), required=False, unique="."),
    ),
    rules=(_criterion_rules,),
)


def _band_rules(band: dict[str, Any], problems: Problems) -> None:
    if band["from"] >= band["to"]:
        problems.append(Problem((), "card_band_empty", {"grade": band["grade"], "low": decimal_text(band["from"]), "high": decimal_text(band["to"])}))


BAND = Keys(
    "band", L("等级段", "a grade band"), L("grade、from、to、decision。", "grade, from, to, decision."),
    keys=(
        TextField("grade", L("等级", "Grade"), L("不超过三个字符的等级名称，例如 A。", "A grade name of at most three characters, such as A."),
                  required=True, max_length=3),
        _number("from", L("起点", "From"), L("这一段的最低分（含），0 到 100。", "The lowest score of the band (inclusive), 0 to 100.")),
        _number("to", L("终点", "To"), L("这一段结束的分数（不含；最高一段写 100）。", "The score where the band ends (exclusive; 100 for the top band).")),
        Bilingual("decision", L("决定", "Decision"), L("得到这个等级时怎么做。", "What this grade means you do.")),
    ),
    rules=(_band_rules,),
)


def _card_rules(card: dict[str, Any], problems: Problems) -> None:
    criteria = card["criteria"]
    total = sum((c["weight"] for c in criteria), Decimal(0))
    if total != HUNDRED:
        problems.append(Problem(("criteria",), "card_weights_sum", {
            "total": decimal_text(total), "weights": ", ".join(f"{c['id']} {decimal_text(c['weight'])}" for c in criteria)}))
    if any(c.get("knockout") for c in criteria) and card.get("knockout_decision") is None:
        problems.append(Problem(("knockout_decision",), "schema_missing", {"expected": CARD.key("knockout_decision").help},
                                CARD.key("knockout_decision").label))
    bands = sorted(enumerate(card["bands"]), key=lambda ib: ib[1]["from"])
    if bands[0][1]["from"] != 0:
        problems.append(Problem(("bands", bands[0][0]), "card_band_gap", {"low": "0", "high": decimal_text(bands[0][1]["from"])}))
    if bands[-1][1]["to"] != HUNDRED:
        problems.append(Problem(("bands", bands[-1][0]), "card_band_gap", {"low": decimal_text(bands[-1][1]["to"]), "high": "100"}))
    for (_, below), (i, above) in pairwise(bands):
        if below["to"] < above["from"]:
            problems.append(Problem(("bands", i), "card_band_gap", {"low": decimal_text(below["to"]), "high": decimal_text(above["from"])}))
        if below["to"] > above["from"]:
            problems.append(Problem(("bands", i), "card_band_overlap", {"grade": above["grade"], "other": below["grade"],
                                                                     "low": decimal_text(above["from"]), "high": decimal_text(below["to"])}))


CARD = Keys(
    "card", L("评分卡", "the scorecard"), L("一张评分卡：评分项、等级段和各自的决定。", "A scorecard: its criteria, grade bands and decisions."),
    keys=(
        Bilingual("title", L("标题", "Title"), L("评分卡的中英文标题。", "The card's title in zh and en.")),
        Bilingual("summary", L("概要", "Summary"), L("一句话说明这张卡决定什么。", "What the card decides, in one sentence.")),
        Bilingual("subject", L("评估对象", "Subject"), L("被评的是什么，例如 {zh: 客户名称, en: Customer}。", "What is graded, e.g. {zh: 客户名称, en: Customer}."),
                  required=False),
        Items("sources", L("出处", "Sources"), L("来源标记的列表，例如 [S18]", "a list of source marks, e.g. [S18]"),
              item=TextField("source", L("出处", "Source"), L("一个来源标记，例如 S18。", "A source mark such as S18."), required=True, max_length=40),
              required=False),
        IntegerField("order", L("排序", "Order"), L("评分卡按它排列，相同时按编号。", "Cards are listed by it, then by id."), min=0, max=1000),
        _number("min_known", L("评级前须知道的权重", "Weight known before grading"),
                L("0 到 100：已知的评分项至少占多少权重才给等级。", "0 to 100: the share of the weight that must be known before a grade is given."),
                required=False),
        Items("criteria", L("评分项", "Criteria"), L("至少一个评分项，每项有 id、label、weight、scale、evidence", "at least one criterion, each with id, label, weight, scale and evidence"),
              item=CRITERION, min_items=1, max_items=60, unique="id"),
        Items("bands", L("等级段", "Grade bands"), L("等级段的列表（grade、from、to、decision），覆盖 0 到 100", "a list of grade bands (grade, from, to, decision) covering 0 to 100"),
              item=BAND, min_items=1, max_items=20, unique="grade"),
        Bilingual("knockout_decision", L("一票否决时的决定", "Knock-out decision"),
                  L("有评分项一票否决时怎么做，中英文；有 knockout 的卡必须写。", "What to do when a knock-out answer is given, in zh and en; a card with knock-outs needs it."),
                  required=False),
        Items("steps", L("步骤", "Steps"), L("操作步骤的列表，每步中英文", "a list of procedure steps, each in zh and en"),
              item=Bilingual("step", L("步骤", "Step"), L("一个步骤，中英文。", "One step, in zh and en.")), required=False),
    ),
    rules=(_card_rules,),
)
CARD_ID_FIELD = IdField("card", L("评分卡编号（文件名）", "Card id (the file name)"), L("评分卡文件的名字，例如 key-account。", "The card file's name, e.g. key-account."),
                        required=True, pattern=CARD_ID,
                        spelling=L("小写字母、数字和连字符，以字母开头", "lower-case letters, digits and hyphens, starting with a letter"))


def card_problems(card_id: str, data: Any) -> tuple[Card | None, Problems]:
    """The checked ``Card`` (None when it has problems) and every problem in the definition."""
    problems: Problems = []
    _, id_problems = check(CARD_ID_FIELD, card_id)
    problems.extend(id_problems)
    cleaned, found = check(CARD, data)
    problems.extend(found)
    if problems or cleaned is None:
        return None, problems
    return _card(card_id, cleaned), []


def check_card(card_id: str, data: Any) -> Card:
    """A checked ``Card`` from a parsed definition; raises ``CardError`` with every problem."""
    card, problems = card_problems(card_id, data)
    if problems:
        raise CardError(problems)
    assert card is not None
    return card


def _card(card_id: str, d: dict[str, Any]) -> Card:
    def levels(c: dict[str, Any]) -> tuple[tuple[Level, ...], bool]:
        if c["scale"] == "yes-no":
            return tuple(Level(x["id"], x["label"], Decimal(x["points"])) for x in YES_NO), True
        return tuple(Level(lv["id"], lv["label"], lv["points"], lv.get("note")) for lv in c["scale"]), False

    criteria = []
    for c in d["criteria"]:
        lvs, yes_no = levels(c)
        criteria.append(Criterion(c["id"], c["label"], c["weight"], lvs, c["evidence"], frozenset(c.get("knockout") or ()), yes_no))
    bands = sorted((Band(b["grade"], b["from"], b["to"], b["decision"]) for b in d["bands"]), key=lambda b: b.low, reverse=True)
    return Card(
        id=card_id,
        title=d["title"],
        summary=d["summary"],
        subject=d.get("subject") or {"zh": "对象", "en": "Subject"},
        sources=tuple(d.get("sources") or ()),
        order=100 if d.get("order") is None else d["order"],
        min_known=Decimal(50) if d.get("min_known") is None else d["min_known"],
        criteria=tuple(criteria),
        bands=tuple(bands),
        knockout_decision=d.get("knockout_decision"),
        steps=tuple(d.get("steps") or ()),
    )
