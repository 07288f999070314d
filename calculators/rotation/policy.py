"""The rotation's policy section: opening, switch and closing times, the time zone, the phone-duty reference date,
the two agencies and every rule's wording."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import zones
from ..fields import Choice, ChoiceField, DateField, TextField, TimeField
from ..i18n import L
from ..policy import PolicySection, register_policy
from ..schema import Bilingual, Items, Keys, Problem, Problems

CLAUSE_IDS = ("R1", "R2", "R3", "R4", "R5", "P1", "P2", "P3")


def _shifts_in_order(section: dict[str, Any], problems: Problems) -> None:
    """Opening, switch and closing come one after another."""
    if not section["opens"] < section["switch"] < section["closes"]:
        problems.append(Problem(("switch",), "shifts_overlap", {k: section[k] for k in ("opens", "switch", "closes")}))


def _clock(name: str, label, help) -> TimeField:
    return TimeField(name, label, help, required=True)


SHAPE = Keys(
    "rotation", L("排轮政策", "the rotation policy"), L("排轮接待与电话轮值的时间和条款。", "The times and rules of walk-in rotation and phone duty."),
    keys=(
        ChoiceField("time_zone", L("时区", "Time zone"),
                    L("排轮的时刻按哪个时区的钟表：随程序提供的时区之一，例如 Asia/Shanghai。",
                      "The zone whose clock the rotation's times follow: one shipped with the rules, e.g. Asia/Shanghai."),
                    required=True, choices=tuple(Choice(n, L(n, n)) for n in zones.names())),
        _clock("opens", L("开门时间", "Opening time"), L("第一个班次开始的时刻，写成 09:00（加引号）。", "When the first shift starts, written \"09:00\" (in quotes).")),
        _clock("switch", L("上下午切换时刻", "Half-day switch"),
               L("两家代理公司在这一刻交换接听电话：上午从开门到这一刻，下午从这一刻到下班。",
                 "The minute the phones change agency: mornings run from opening to it, afternoons from it to closing.")),
        _clock("closes", L("下班时间", "Closing time"), L("一天工作结束的时刻。", "The end of the working day.")),
        DateField("phone_reference_date", L("电话轮换的基准日", "Phone-duty reference date"),
                  L("这一天上午由第一家代理公司接听电话，之后每天上下午互换。写成 2012-05-01。",
                    "On this date the first agency answers the morning calls; mornings and afternoons swap every day after. Written 2012-05-01."),
                  required=True),
        Items("agencies", L("代理公司", "Agencies"),
              L("同场的两家代理公司，例如 [A, B]；第一家在基准日上午接电话。",
                "The two agencies on the floor, e.g. [A, B]; the first has the morning calls on the reference date."),
              item=TextField("agency", L("代理公司", "Agency"), L("代理公司的简称。", "The agency's short name."), required=True, max_length=20),
              min_items=2, max_items=2, unique="."),
        Keys("clauses", L("排轮条款", "Rotation rules"),
             L("每条规则的中英文表述，计算器的依据里引用。", "Each rule in zh and en, quoted in the calculator's trail."),
             keys=tuple(Bilingual(cid, L(f"条款 {cid}", f"Rule {cid}"), L("这条规则的中英文表述。", "The rule in zh and en."))
                        for cid in CLAUSE_IDS)),
    ),
    rules=(_shifts_in_order,),
)

POLICY = register_policy(PolicySection(
    "rotation", L("排轮与电话轮值", "Duty rotation and phone duty"),
    L("售楼处几点开门、几点切换、几点下班，两家代理公司怎样轮流接电话，以及排轮的各条规则。",
      "When the showroom opens, switches and closes, how the two agencies take turns on the phones, and the rotation's rules."),
    SHAPE,
))


def check_policy(section: Mapping[str, Any]) -> dict[str, Any]:
    """Check the rotation policy: times in order, a valid date, a shipped time zone, two agencies, every clause in zh and en."""
    return POLICY.check(section)
