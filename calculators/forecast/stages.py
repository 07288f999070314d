"""The company's sales stages (policy section ``forecast``), and the stage table a payload's overrides make of them.

Stage codes and names are matched loosely (``stage_key``): NFKC, case-folded, without spaces, so a
pasted ``Proposal`` or ``方案 报价`` finds its stage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from ..base import InputErrors
from ..fields import IdField, ProbabilityField, probability_text, shown
from ..i18n import L
from ..policy import PolicySection, register_policy
from ..schema import Bilingual, Keys, Problem, Problems, Table, Value


def stage_key(text: str) -> str:
    """How stage codes and names are matched: NFKC, case-folded, without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _names_unique(stages: dict[str, Any], problems: Problems) -> None:
    """No two stages share a code or a name: a table's stage column could not tell them apart."""
    seen: dict[str, str] = {}
    for sid, spec in stages.items():
        for name in dict.fromkeys((sid, spec["label"]["zh"], spec["label"]["en"])):
            other = seen.setdefault(stage_key(name), sid)
            if other != sid:
                problems.append(Problem((sid, "label"), "duplicate_stage_name", {"name": name, "other": other}, STAGE_LABEL.label))


STAGE_LABEL = Bilingual("label", L("阶段名称", "Stage name"),
                        L("这个阶段的中英文名称，例如 {zh: 方案报价, en: Proposal}；填表时可以写名称代替代码。",
                          "The stage's name in zh and en, e.g. {zh: 方案报价, en: Proposal}; a table may give the name instead of the code."),
                        max_length=60)
SHAPE = Keys(
    "forecast", L("预测政策", "the forecast policy"), L("销售阶段及各阶段的赢率。", "The sales stages and their win probabilities."),
    keys=(Table(
        "stages", L("销售阶段", "Sales stages"),
        L("按漏斗从上到下排列的阶段：每个阶段写赢率和中英文名称。", "The stages, top of the funnel first: each with a win probability and a name in zh and en."),
        key=IdField("stage", L("阶段代码", "Stage code"), L("阶段的代码，例如 proposal。", "The stage's code, e.g. proposal."), required=True),
        value=Keys("stage", L("阶段", "Stage"), L("probability（赢率）和 label（名称）。", "probability and label."), keys=(
            Value(ProbabilityField("probability", L("阶段赢率", "Stage win probability"),
                                   L("处在这个阶段的机会按多大赢率计入预测：0 到 1 的小数，例如 0.40；已成交 1，已丢单 0。",
                                     "The win probability deals at this stage count with in the forecast: a decimal from 0 to 1, e.g. 0.40; won is 1, lost is 0."),
                                   required=True), out=probability_text),
            STAGE_LABEL,
        )),
        rules=(_names_unique,),
    ),),
)

POLICY = register_policy(PolicySection(
    "forecast", L("销售预测", "Sales forecast"),
    L("销售阶段和各阶段的赢率：预测和漏斗计算器按它把机会换算成加权金额。",
      "The sales stages and their win probabilities: the forecast weighs each deal by its stage's."),
    SHAPE,
))


def check_policy(section: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the ``forecast`` policy section and return it cleaned (JSON-ready strings)."""
    return POLICY.check(section)


@dataclass(frozen=True)
class Stage:
    """One row of the effective stage table: its code, win probability and name in zh and en."""

    id: str
    p: Decimal
    label: dict[str, str]


def stage_table(section: Mapping[str, Any], overrides: list[dict[str, Any]], lang: str) -> tuple[dict[str, Stage], dict[str, str]]:
    """The effective stage table (funnel order) and its lookup (matched key -> stage id)."""
    policy = check_policy(section)
    table = {sid: Stage(sid, Decimal(s["probability"]), dict(s["label"])) for sid, s in policy["stages"].items()}
    lookup: dict[str, str] = {}
    for stage in table.values():
        for name in (stage.id, stage.label["zh"], stage.label["en"]):
            lookup.setdefault(stage_key(name), stage.id)
    problems: list[tuple[str, str, dict[str, object]]] = []
    done: set[str] = set()
    for n, row in enumerate(overrides, start=1):
        sid = lookup.get(stage_key(row["stage"]))
        if sid in done:
            problems.append((f"stages[{n}].stage", "duplicate_stage", {"got": shown(row["stage"])}))
            continue
        if sid is None:
            sid = row["stage"]
            name = row.get("label") or row["stage"]
            table[sid] = Stage(sid, row["probability"], {"zh": name, "en": name})
            lookup[stage_key(sid)] = sid
            lookup.setdefault(stage_key(name), sid)
        else:
            label = {"zh": row["label"], "en": row["label"]} if row.get("label") else table[sid].label
            table[sid] = replace(table[sid], p=row["probability"], label=label)
        done.add(sid)
    if problems:
        raise InputErrors(problems)
    return table, lookup
