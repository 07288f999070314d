"""Showroom attribution and commission split (source §S9 §S11 §S12 §S14 §S20).

Who does a showroom customer belong to, and how is the commission on their
purchase shared? ``commission-split`` replays the customer's events
(registrations, follow-ups, visits, the deal, a manager's rulings) against
the rulebook and answers with the agent credited, each agent's share to the
fen, the fines incurred, a status (``settled``, ``needs_ruling``,
``forfeited``, ``awaiting_payment`` for a unit claimed aloud but not yet paid,
or ``no_sale`` when another group paid for the unit first) and the trail of
clauses that applied, each with its title.

Modules: ``events`` parses the payload, ``policy`` checks the policy section
(values only in ``playbook_src/policy/attribution.yaml``), ``rules`` holds the
clause ids and the reasons they give, ``engine`` replays, ``split`` shares
money out exactly, ``messages`` holds its own messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..base import Calculator, register
from ..fields import ChoiceField, MoneyField, Output, TextField
from ..i18n import L, register_messages
from ..policy import PolicyOverridesField
from .engine import Replay
from .events import GROUPS, EventsField
from .messages import MESSAGES
from .policy import SECTION, check, merge_overrides, typed
from .rules import CLAUSE_IDS

register_messages(MESSAGES)

FIELDS = (
    MoneyField(
        name="commission",
        label=L("佣金（元）", "Commission (yuan)"),
        help=L("这单的佣金总额，按规则分给置业顾问。", "The whole commission on this sale, to be shared under the rules."),
        required=True,
    ),
    TextField(
        name="customer",
        label=L("客户编号", "Customer id"),
        help=L("登记表上的编号或姓名，可不填。", "The number or name on the register; optional."),
        max_length=80,
    ),
    ChoiceField(
        name="group",
        label=L("所属团体", "Group"),
        help=L("一家人分批来访选“家庭”；公司员工来团购选“公司”；销售经理安排的大型团队来访选“大型团队”；"
               "与开发商有直接或间接关系的客户选“与开发商有关系”；个人客户不填。",
               "Family members who come separately: family; a company's staff buying together: company; a large group visit "
               "arranged by the sales manager: large group; a customer with a link to the developer: related to the developer; "
               "a single buyer: leave empty."),
        choices=GROUPS,
    ),
    EventsField(
        name="events",
        label=L("事件", "Events"),
        help=L("按时间先后记录：登记、回访、电话预约、来访、开发商通知、成交、经理裁决。",
               "In time order: registrations, follow-ups, phone bookings, visits, a developer's notice, the deal, manager's rulings."),
        required=True,
    ),
    PolicyOverridesField(
        name="policy",
        label=L("试试别的政策数值", "Try other policy values"),
        help=L("只用于这次计算，不改公司政策；留空的一项按公司政策（每项下面写着公司现在的数值）。",
               "For this calculation only; the company's policy stays as it is. An empty box keeps the company's value (shown under each)."),
        group="advanced",
        section=SECTION,
        # what a rep may try on one case: the figures and the two choices, not the time zone or the rules' texts
        values=("follow_up_days", "helper_share", "unrecognised_split.second_agent", "unrecognised_split.first_agent",
                "group_purchase_units", "fines.not_asking", "fines.dumping.min", "fines.dumping.max", "dismissal_after",
                "named_agent_ignores_validity", "absent_agent"),
    ),
)

OUTPUTS = (
    Output(
        "status",
        L("结论", "Status"),
        kind="badge",
        labels={
            "settled": L("已分配", "Settled"),
            "needs_ruling": L("待经理裁决", "Needs a ruling"),
            "forfeited": L("充公", "Forfeited"),
            "awaiting_payment": L("待交钱", "Awaiting payment"),
            "no_sale": L("没有成交", "No sale"),
        },
        summary=True,
    ),
    Output("owner", L("业绩归属", "Credited to"), kind="code", summary=True),
    Output("shares", L("佣金分配（元）", "Commission shares (yuan)"), kind="mapping", value_kind="money"),
    Output(
        "fines",
        L("罚款", "Fines"),
        kind="table",
        columns=(
            ("event", L("事件", "Event"), "integer"),
            ("agent", L("置业顾问", "Agent")),
            ("title", L("条款", "Rule")),
            ("min", L("最低（元）", "From (yuan)"), "money"),
            ("max", L("最高（元）", "To (yuan)"), "money"),
        ),
        row_data=("clause",),
    ),
    Output(
        "trail",
        L("适用的条款", "Clauses applied"),
        kind="table",
        columns=(("event", L("事件", "Event"), "integer"), ("title", L("条款", "Rule")), ("text", L("理由", "Why"))),
        row_data=("clause",),  # the clause's id stays on its row (data-clause), its title is shown
    ),
)

EXAMPLE = {
    "commission": "12345.67",
    "customer": "C-0427",
    "events": [
        {"type": "visit", "at": "2024-03-02 10:00", "received_by": "A"},
        {"type": "register", "at": "2024-03-02 11:30", "agent": "A", "real_name_and_phone": "true"},
        {"type": "follow_up", "at": "2024-03-06 15:00", "agent": "A"},
        {"type": "visit", "at": "2024-03-09 14:00", "received_by": "B"},
        {"type": "deal", "at": "2024-03-09 16:30", "closed_by": "B"},
    ],
}


def compute(values: dict[str, Any], lang: str, policy: Mapping[str, Any]) -> dict[str, Any]:
    section = check(merge_overrides(policy, values["policy"]) if values["policy"] else policy)
    return Replay(typed(section), values["commission"], values["group"], lang).run(values["events"])


COMMISSION_SPLIT = register(
    Calculator(
        name="commission-split",
        title=L("客户归属与佣金分配", "Showroom attribution and commission split"),
        summary=L(
            "按时间录入客户的登记、回访、来访和成交，按案场规则算出业绩归谁、佣金怎么分、谁被罚款。",
            "Enter a customer's registrations, follow-ups, visits and deal in time order; get who is credited, how the commission is shared and who is fined, by the showroom rules.",
        ),
        fields=FIELDS,
        outputs=OUTPUTS,
        compute=compute,
        example=EXAMPLE,
        policy_section=SECTION,
    )
)

__all__ = ["CLAUSE_IDS", "COMMISSION_SPLIT", "check", "compute"]
