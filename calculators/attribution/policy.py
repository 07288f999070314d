"""The ``attribution`` policy section: its check, payload overrides, and a typed view.

The values live only in ``playbook_src/policy/attribution.yaml``. ``check``
takes a complete section (straight from YAML, or already cleaned, e.g. after
a trip through JSON to the browser) and returns it cleaned and JSON-ready:
shares as decimal strings (``"0.20"``), money as decimal strings
(``"20.00"``), plus two derived keys recomputed on every check, never read
from input: ``figures`` (display strings such as ``helper_percent: "20"``)
and ``rules`` (each clause's title, source and statement with its figures
filled in, by id, in chapter order). Problems are raised together as
``InputErrors`` with paths such as ``policy.follow_up_days``.

Two switches choose where the source texts disagree:
``named_agent_ignores_validity`` (§S9, true, or §S12 rule 4, false) and
``absent_agent`` (``helper_share``, §S12 rule 7, or ``on_duty_receives``,
§S20).

Time zone: ``name`` is one of the zones shipped with the rules
(``calculators.zones``, the same data under CPython and Pyodide), so dates are
counted on the showroom's wall clock, summer time included (China kept it
1986-1991); ``utc_offset`` is the zone's usual offset, shown to people and
checked against the zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal
from typing import Any

from .. import numbers, zones
from ..base import InputErrors
from ..dates import offset as _offset
from ..fields import Choice, ChoiceField, FlagField, IntegerField, MoneyField, ProbabilityField, TemplateField, TextField, UtcOffsetField
from ..i18n import LANGS, L, Names, Text
from ..money import Money
from ..numbers import number_text
from ..policy import PolicySection, register_policy
from ..schema import Bilingual, Keys, Problem, Problems, Value
from .rules import CLAUSE_IDS

SECTION = "attribution"
DERIVED = ("figures", "rules")
PLACEHOLDERS = (
    "follow_up_days", "helper_percent", "owner_percent", "second_percent", "first_percent",
    "group_units", "fine_not_asking", "fine_dumping_min", "fine_dumping_max", "dismissal_after", "time_zone",
)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Policy:
    """The checked section as the engine uses it: Decimals, Money and a tzinfo."""

    tz_name: str
    tz: tzinfo
    follow_up_days: int
    helper_share: Decimal
    second_share: Decimal
    first_share: Decimal
    group_units: int
    fine_not_asking: Money
    fine_dumping_min: Money
    fine_dumping_max: Money
    dismissal_after: int
    named_agent_ignores_validity: bool
    absent_agent: str
    titles: dict[str, dict[str, str]]


def _share_text(d: Decimal) -> str:
    return str(d if d.as_tuple().exponent < -2 else d.quantize(_CENT))


def percent(d: Decimal) -> str:
    """``Decimal("0.20")`` -> ``"20"``; ``Decimal("0.125")`` -> ``"12.5"``: the number of the one formatter's percentage."""
    return numbers.percent(d).removesuffix("%")


def yuan(m: Money) -> str:
    """An amount for running text: ``20`` or ``20.50`` (``numbers.amount``, the pages' one way)."""
    return numbers.amount(m)


def _name(path: str, key: object) -> str:
    """``("policy.fines", "dumping")`` -> ``"fines.dumping"``: the key as a trainer writes it."""
    return f"{path}.{key}".partition(".")[2]


# --------------------------------------------------------------------------- the declared values

DAYS = L("天", "days")
YUAN = L("元", "yuan")


def _share(name: str, label: Text, help: Text) -> Value:
    return Value(ProbabilityField(name, label, help, required=True), out=_share_text)


def _fine(name: str, label: Text, help: Text) -> Value:
    return Value(MoneyField(name, label, help, required=True, min="0"), unit=YUAN)


def _zone_matches(tz: dict[str, Any], problems: Problems) -> None:
    standard = zones.standard_offset(tz["name"])
    if _offset(tz["utc_offset"]) != _offset(standard):
        problems.append(Problem(("utc_offset",), "offset_mismatch", {"got": tz["utc_offset"], "zone": tz["name"], "standard": standard},
                                TIME_ZONE.key("utc_offset").label))


def _split_adds_up(split: dict[str, Any], problems: Problems) -> None:
    total = Decimal(split["second_agent"]) + Decimal(split["first_agent"])
    if total != 1:
        problems.append(Problem((), "shares_sum", {"total": number_text("probability", total)}, SPLIT.label))


def _fines_in_order(dumping: dict[str, Any], problems: Problems) -> None:
    if Money.parse(dumping["min"]) > Money.parse(dumping["max"]):
        problems.append(Problem(("min",), "fine_order", {"min": dumping["min"], "max": dumping["max"]}, DUMPING.label))


TIME_ZONE = Keys(
    "time_zone", L("时区", "Time zone"),
    L("售楼处所在地的时区：日期和回访期限都按这里的钟表计算。", "The showroom's time zone: dates and the follow-up window are counted on its clock."),
    keys=(
        ChoiceField("name", L("时区名称", "Zone name"),
                    L("随程序提供的时区之一，例如 Asia/Shanghai；没写偏移的时间按它读取，夏令时也算在内。",
                      "One of the zones shipped with the rules, e.g. Asia/Shanghai; a time written without an offset is read in it, summer time included."),
                    required=True, choices=tuple(Choice(n, L(n, n)) for n in zones.names())),
        UtcOffsetField("utc_offset", L("平时的 UTC 偏移", "Usual UTC offset"),
                       L("这个时区平时（不算夏令时）的偏移，例如 +08:00；会与时区核对，并显示给读者。",
                         "The zone's offset outside summer time, e.g. +08:00; checked against the zone, and shown to readers."),
                       required=True),
        Bilingual("label", L("页面上的时区名称", "The zone's name on pages"),
                  L("页面和条款怎样称呼这个时区，例如 {zh: 北京时间, en: China Standard Time}。",
                    "What pages and rules call the zone, e.g. {zh: 北京时间, en: China Standard Time}."), max_length=60),
    ),
    rules=(_zone_matches,),
)
SPLIT = Keys(
    "unrecognised_split", L("双方没认出时的分成", "Split when neither side recognised the other"),
    L("客户和首次接待的置业顾问都没认出对方、由第二位置业顾问成交时，两人各分多少；两部分加起来须等于 100%。",
      "When neither the customer nor the first agent recognised the other and a second agent closed: each one's part; the two add up to 100%."),
    keys=(
        _share("second_agent", L("第二位置业顾问的比例", "Second agent's share"),
               L("成交的第二位置业顾问分得的佣金比例，例如 60%（或 0.6）。", "The part of the commission for the second agent, who closed: e.g. 60% (or 0.6).")),
        _share("first_agent", L("首次接待者的比例", "First agent's share"),
               L("首次接待的置业顾问分得的佣金比例，例如 40%（或 0.4）。", "The part of the commission for the agent who received the customer first: e.g. 40% (or 0.4).")),
    ),
    rules=(_split_adds_up,),
)
DUMPING = Keys(
    "dumping", L("甩客罚款", "Fine for dumping a customer"),
    L("中途丢下正在接待的客户的罚款范围（元），由经理在其中定额。",
      "The range of the fine for leaving a customer mid-reception, in yuan; the manager sets the amount within it."),
    keys=(
        _fine("min", L("甩客罚款下限", "Lowest fine for dumping"), L("甩客至少罚多少元。", "The least a dumping fine can be, in yuan.")),
        _fine("max", L("甩客罚款上限", "Highest fine for dumping"), L("甩客最多罚多少元。", "The most a dumping fine can be, in yuan.")),
    ),
    rules=(_fines_in_order,),
)


def _clause(cid: str) -> Keys:
    return Keys(
        cid, L(f"条款 {cid}", f"Rule {cid}"), L("这条规则的出处、标题和中英文表述。", "This rule's source, title and statement in zh and en."),
        keys=(
            TextField("source", L(f"条款 {cid} 的出处", f"Source of rule {cid}"),
                      L("规则出自哪份资料，例如 S12 1。", "Where the rule comes from, e.g. S12 1."), max_length=80),
            Bilingual("title", L(f"条款 {cid} 的标题", f"Title of rule {cid}"),
                      L("显示在计算器答案里的短标题：{zh: …, en: …}。", "The short title the calculator's answer shows: {zh: …, en: …}."),
                      max_length=80),
            TemplateField("zh", L(f"条款 {cid} 的中文表述", f"Rule {cid} in Chinese"),
                          L("规则的中文原文；{follow_up_days} 这样的占位符按上面的数值填入。",
                            "The rule's Chinese text; placeholders such as {follow_up_days} are filled from the values above."),
                          required=True, placeholders=PLACEHOLDERS),
            TemplateField("en", L(f"条款 {cid} 的英文表述", f"Rule {cid} in English"),
                          L("规则的英文原文；{follow_up_days} 这样的占位符按上面的数值填入。",
                            "The rule's English text; placeholders such as {follow_up_days} are filled from the values above."),
                          required=True, placeholders=PLACEHOLDERS),
        ),
    )


SHAPE = Keys(
    SECTION, L("归属政策", "the attribution policy"), L("售楼处的客户归属与佣金规则。", "The showroom's attribution and commission rules."),
    keys=(
        TIME_ZONE,
        Value(IntegerField("follow_up_days", L("回访期限", "Follow-up window"),
                           L("超过这么多天没有有记录的回访或当面接待，客户再来时按新客户算；0 表示只在当天有效。",
                             "After more than this many days without a logged follow-up or meeting, a returning customer counts as new; 0 means the same day only."),
                           required=True, min=0, max=100_000), unit=DAYS),
        _share("helper_share", L("协助成交同事的比例", "Helper's share"),
               L("原置业顾问正忙或不当班、由同事协助成交时，同事分得的佣金比例，例如 25%（或 0.25）；其余归原置业顾问。",
                 "When the owner is busy or off duty and a colleague helps close, the colleague's part of the commission, e.g. 25% (or 0.25); the owner keeps the rest.")),
        SPLIT,
        Value(IntegerField("group_purchase_units", L("团购套数", "Group purchase size"),
                           L("公司一次购买至少这么多套时，业绩归确认的置业顾问共同所有，佣金平均分配。",
                             "A company buying at least this many units at once: its confirmed agents share the sale and split the commission evenly."),
                           required=True, min=1, max=100_000), unit=L("套", "units")),
        Keys("fines", L("罚款", "Fines"), L("违反接待规则的罚款（元）。", "Fines for breaking the reception rules, in yuan."), keys=(
            _fine("not_asking", L("不问就接待的罚款", "Fine for serving without asking"),
                  L("接待前没问客户以前是否来过、是否有人联系过，罚多少元。",
                    "The fine, in yuan, for receiving a visitor without asking whether they have been here or been contacted.")),
            DUMPING,
        )),
        Value(IntegerField("dismissal_after", L("除名前的过失次数", "Faults before dismissal"),
                           L("A 类过失（或因态度被投诉）累计这么多次即除名。",
                             "This many class-A faults (or complaints about rudeness) end in dismissal."),
                           required=True, min=1, max=100_000), unit=L("次", "faults")),
        FlagField("named_agent_ignores_validity", L("点名找人不看期限", "An asked-for agent keeps the customer at any time"),
                  L("客户过了回访期限才来、点名找原置业顾问时：“是”仍归原置业顾问，“否”按新客户算。",
                    "A customer who asks for their former agent after the follow-up window: yes keeps them that agent's, "
                    "no counts them as new."), required=True),
        ChoiceField("absent_agent", L("原置业顾问不当班时", "When the owner is off duty"),
                    L("原置业顾问不当班、赶不回来，由同事接待并成交时，佣金怎么分。",
                      "How the commission goes when the owner is off duty and cannot come back, and a colleague closes."),
                    required=True, choices=(
                        Choice("helper_share", L("协助成交的同事分得协助比例", "The colleague gets the helper's share")),
                        Choice("on_duty_receives", L("当班顾问义务接待，佣金全归原置业顾问",
                                                     "The agent on duty stands in; the owner keeps the whole commission")),
                    )),
        Keys("clauses", L("条款", "Rules"),
             L("每条规则的出处、标题和中英文表述；表述里的占位符按上面的数值填入，页面和计算器读同一份。",
               "Each rule's source, title and statement; placeholders in a statement are filled from the values above, so pages and the calculator read the same text."),
             keys=tuple(_clause(cid) for cid in CLAUSE_IDS)),
    ),
    derived=DERIVED,
)


def _finish(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The derived keys: ``figures`` (display strings) and ``rules`` (each clause's statement with its figures filled in)."""
    helper = Decimal(cleaned["helper_share"])
    split = cleaned["unrecognised_split"]
    fines = cleaned["fines"]
    figures = {
        "follow_up_days": str(cleaned["follow_up_days"]),
        "helper_percent": percent(helper),
        "owner_percent": percent(1 - helper),
        "second_percent": percent(Decimal(split["second_agent"])),
        "first_percent": percent(Decimal(split["first_agent"])),
        "group_units": str(cleaned["group_purchase_units"]),
        "fine_not_asking": yuan(Money.parse(fines["not_asking"])),
        "fine_dumping_min": yuan(Money.parse(fines["dumping"]["min"])),
        "fine_dumping_max": yuan(Money.parse(fines["dumping"]["max"])),
        "dismissal_after": str(cleaned["dismissal_after"]),
    }
    label = cleaned["time_zone"]["label"]
    rules = {}
    for cid, entry in cleaned["clauses"].items():
        entry["source"] = entry["source"] or ""
        rules[cid] = {"source": entry["source"], "title": entry["title"],
                      **{lang: entry[lang].format(**figures, time_zone=label[lang]) for lang in LANGS}}
    return {**cleaned, "figures": figures, "rules": rules}


POLICY = register_policy(PolicySection(
    SECTION, L("客户归属与佣金", "Showroom attribution and commission"),
    L("客户归谁、佣金怎么分、罚款多少：回访期限、分成比例、罚款，以及两份资料说法不一时公司的选择。",
      "Whose customer it is, how the commission is shared and what the fines are: the follow-up window, the shares, the fines, "
      "and the company's choice where two source texts disagree."),
    SHAPE, _finish,
))


def check(section: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a complete attribution section; return it cleaned (JSON-ready), with ``figures`` and ``rules``."""
    return POLICY.check(section)


def merge_overrides(section: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """``overrides`` (the payload's ``policy`` field) merged over ``section``.

    Every key must already exist in the section (``figures`` and ``rules`` are
    derived and cannot be overridden); an unknown one is an error naming it.
    """
    problems: list[tuple[str, str, dict[str, object]]] = []

    def merge(base: Any, over: Any, path: str) -> Any:
        if isinstance(base, Mapping) and isinstance(over, Mapping):
            out = dict(base)
            known = [k for k in base if not (path == "policy" and k in DERIVED)]
            for key, value in over.items():
                if key not in known:
                    problems.append((f"{path}.{key}", "unknown_policy_key", {"key": _name(path, key), "known": _labels(path, known)}))
                    continue
                out[key] = merge(base[key], value, f"{path}.{key}")
            return out
        return over

    merged = merge(section, overrides, "policy")
    if problems:
        raise InputErrors(problems)
    return merged


def _labels(path: str, keys: list[str]) -> Names | str:
    """The labels of ``keys`` where ``path`` (``policy.fines``) is in the section's shape; the keys where it has none."""
    shape: Any = SHAPE
    for part in path.split(".")[1:]:
        shape = shape.key(part) if isinstance(shape, Keys) else None
    if not isinstance(shape, Keys):
        return ", ".join(map(str, keys))
    return Names(shape.key(k).label for k in keys if shape.key(k) is not None)


def typed(cleaned: Mapping[str, Any]) -> Policy:
    """The engine's view of a section that ``check`` returned."""
    tz = zones.zone(cleaned["time_zone"]["name"])
    split = cleaned["unrecognised_split"]
    fines = cleaned["fines"]
    return Policy(
        tz_name=cleaned["time_zone"]["name"],
        tz=tz,
        follow_up_days=cleaned["follow_up_days"],
        helper_share=Decimal(cleaned["helper_share"]),
        second_share=Decimal(split["second_agent"]),
        first_share=Decimal(split["first_agent"]),
        group_units=cleaned["group_purchase_units"],
        fine_not_asking=Money.parse(fines["not_asking"]),
        fine_dumping_min=Money.parse(fines["dumping"]["min"]),
        fine_dumping_max=Money.parse(fines["dumping"]["max"]),
        dismissal_after=cleaned["dismissal_after"],
        named_agent_ignores_validity=cleaned["named_agent_ignores_validity"],
        absent_agent=cleaned["absent_agent"],
        titles={cid: dict(rule["title"]) for cid, rule in cleaned["rules"].items()},
    )
