"""The rotation's form: today's list, the moment asked about, today's events and the shift times; and what it answers."""

from __future__ import annotations

from ..fields import Choice, ChoiceField, DateField, Output, RowsField, TextField, TimeField
from ..i18n import L

EVENT_TYPES = (
    Choice("reception", L("按轮接待", "Received by turn")),
    Choice("designated", L("点名接待", "Asked-for visit")),
    Choice("away", L("离岗", "Away")),
    Choice("back", L("回岗", "Back")),
    Choice("lost_turn", L("取消一轮", "Loses a turn")),
    Choice("handed_back", L("交还老客户", "Handed a customer back")),
    Choice("phone", L("接听电话", "Answered a call")),
)

FIELDS = (
    RowsField(
        name="agents",
        label=L("今天的排轮表", "Today's rotation list"),
        help=L("按今天的接待顺序，一人一行；两家代理公司同场时填所属公司。",
               "One agent per row, in today's order; with two agencies on the floor, fill in each agent's agency."),
        columns=(
            TextField(name="name", label=L("顾问", "Agent"), help=L("", ""), required=True, max_length=40),
            TextField(name="agency", label=L("公司", "Agency"), help=L("", ""), max_length=20),
        ),
        min_rows=1,
        max_rows=200,
    ),
    DateField(name="date", label=L("日期", "Date"), help=L("例如 2026-11-26 或 2026/11/26。", "E.g. 2026-11-26 or 2026/11/26.")),
    TextField(
        name="moment",
        label=L("查询时刻", "Moment"),
        help=L("例如 14:05 或 下午2:05；也可以连日期一起写，如 2026-11-26 14:05。",
               "E.g. 14:05 or 2:05 pm; or with the date, such as 2026-11-26 14:05."),
        required=True,
        max_length=40,
    ),
    RowsField(
        name="events",
        label=L("今天已发生的事", "Today so far"),
        help=L("按时间先后，一件事一行。", "One event per row, in time order."),
        columns=(
            TimeField(name="at", label=L("时刻", "Time"), help=L("", ""), required=True),
            ChoiceField(name="type", label=L("事件", "Event"), help=L("", ""), required=True, choices=EVENT_TYPES),
            TextField(name="agent", label=L("顾问", "Agent"), help=L("", ""), required=True, max_length=40),
        ),
        max_rows=2000,
    ),
    TimeField(name="opens", label=L("开门", "Opens"), help=L("不填按公司政策。", "Leave blank for the policy's time."), group="shifts"),
    TimeField(name="switch", label=L("上下午切换", "Half-day switch"), help=L("不填按公司政策。", "Leave blank for the policy's time."), group="shifts"),
    TimeField(name="closes", label=L("下班", "Closes"), help=L("不填按公司政策。", "Leave blank for the policy's time."), group="shifts"),
)

OUTPUTS = (
    Output("next_walk_in", L("下一位来访由谁接待", "Next walk-in goes to"), kind="text", summary=True),
    Output("walk_in_queue", L("之后的顺序", "Then, in order"), kind="list"),
    Output("phone_now", L("现在谁接电话", "Answering the phone now"), kind="text", summary=True),
    Output("trail", L("依据", "Why"), kind="list"),
)
