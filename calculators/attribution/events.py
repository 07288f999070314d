"""Parsing the payload: the event log and the customer's group (policy values tried are ``calculators.policy``'s field).

``EventsField`` is a table (a ``RowsField``) whose rows have per-type keys:
every row has ``type`` and ``at``, optionally ``note``, and the keys of its
type (``EVENT_KEYS``). Problems name the row (from 1) and the key:
``[3].received_by``. Times are written as people write them
(``dates.parse_moment``: ``2024-03-02 10:00``, ``2024/3/2 10:00``,
``3月2日 10:00``, the year taken from the rows around when left out); naive
ones are read in the policy's time zone later, by the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..dates import year_of
from ..fields import (
    Choice,
    ChoiceField,
    DateTimeField,
    Field,
    FieldError,
    FieldErrors,
    FlagField,
    IntegerField,
    RowsField,
    TextField,
    shown,
)
from ..i18n import L, Names

RESERVED_AGENT = "company"

@dataclass(frozen=True)
class AgentField(TextField):
    """An agent's name as the showroom writes it; ``company`` is reserved."""

    max_length: int = 40
    kind = "agent"

    def _parse(self, raw: Any) -> str:
        name = super()._parse(raw)
        if name.lower() == RESERVED_AGENT:
            raise FieldError("reserved_agent", name=name)
        return name


TYPES = (
    Choice("register", L("登记", "Registration")),
    Choice("follow_up", L("回访", "Follow-up")),
    Choice("booking", L("电话预约", "Phone booking")),
    Choice("visit", L("来访", "Visit")),
    Choice("developer_notice", L("开发商书面通知", "Developer's written notice")),
    Choice("deal", L("成交", "Deal")),
    Choice("ruling", L("经理裁决", "Manager's ruling")),
)
OWNER_STATES = (
    Choice("present", L("在场", "Present")),
    Choice("busy", L("正在接待别的客户", "Busy with another customer")),
    Choice("off_duty", L("不当班，赶不回来", "Off duty, cannot come back")),
    Choice("declined", L("无正当理由不接待", "Declined without good reason")),
)
PAYMENTS = (
    Choice("paid", L("已交钱认购", "Paid")),
    Choice("claimed", L("只喊控，还没交钱", "Claimed aloud, not yet paid")),
    Choice("outpaid", L("另一组客户先交了钱", "Another group paid first")),
)
DECISIONS = (
    Choice("award", L("判给一位置业顾问", "Award to an agent")),
    Choice("unresolved", L("仍未解决，充公", "Unresolved: to the company")),
)

COLUMNS: tuple[Field, ...] = (
    ChoiceField("type", L("事件类型", "Event type"),
                L("登记、回访、电话预约、来访、开发商书面通知、成交或经理裁决。",
                  "Registration, follow-up, phone booking, visit, developer's written notice, deal or manager's ruling."),
                required=True, choices=TYPES),
    DateTimeField("at", L("时间", "Time"), L("例如 2024-03-09 14:30、2024/3/9 14:30 或 3月9日 14:30（不写年份就按前后事件的年份），"
                                          "按公司政策的时区理解。事件按时间先后排列。",
                                          "E.g. 2024-03-09 14:30, 2024/3/9 2:30 pm or 3月9日 14:30 (without a year, the events "
                                          "around it give it); read in the time zone of the company's policy. Events go in time order."),
              required=True),
    AgentField("received_by", L("接待人", "Received by"), L("这次来访实际接待客户的置业顾问。", "The agent who received the customer on this visit.")),
    AgentField("agent", L("置业顾问", "Agent"),
               L("登记或回访的置业顾问；电话预约时是邀约的置业顾问（前台约的留空）；开发商通知时是分到这位客户的人；裁决时是判给的人。",
                 "Who registered or followed up; in a phone booking, the agent who invited the customer (empty when the front desk booked it); "
                 "in a developer's notice, the agent the customer is allotted to; in a ruling, who is awarded the sale.")),
    AgentField("closed_by", L("成交人", "Closed by"), L("签下这单的置业顾问。", "The agent who closed the sale.")),
    IntegerField("units", L("套数", "Units"), L("这次成交的套数。", "Units bought in this deal."), default=1, min=1, max=100_000),
    ChoiceField("payment", L("交钱认购", "Payment"),
                L("认购以交钱为准：客户已交钱，只是喊控还没交钱，还是同一套房另一组客户先交了钱。",
                  "A purchase is final when paid: has the customer paid, is the unit only claimed aloud, or did another group pay for it first?"),
                default="paid", choices=PAYMENTS),
    FlagField("logged", L("事先向前台报备", "Registered with the front desk"),
              L("置业顾问邀约的客户，是否在来访之前向前台报备登记过。", "For a customer an agent invited: whether the invitation was registered with the front desk before the visit."),
              default=True),
    FlagField("real_name_and_phone", L("留下真实姓名和电话", "Real name and phone taken"),
              L("登记时是否取得了客户的真实姓名和电话；没有则是无效客户。", "Whether the customer's real name and phone number were taken; if not, an invalid customer.")),
    FlagField("answered", L("电话接通", "Answered"), L("没接通的电话不算回访。", "An unanswered call is not a follow-up."), default=True),
    FlagField("asked", L("问过是否来过", "Asked about earlier visits"),
              L("接待前是否问了：以前来过吗？有置业顾问联系过您吗？家人来看过吗？", "Whether the agent asked first: been here before? contacted by an agent? has family visited?"),
              default=True),
    AgentField("named", L("客户点名或认出的置业顾问", "Agent the customer named"),
               L("客户说出名字、点名要找或当场认出的置业顾问。", "The agent the customer named, asked for or recognised.")),
    AgentField("recognised_by", L("及时认出客户的置业顾问", "Agent who recognised the customer"),
               L("在接待的同事讲完沙盘之前认出这位客户的置业顾问。", "An agent who recognised the customer before the receiving colleague finished the model introduction.")),
    ChoiceField("owner_state", L("客户归属人的状态", "Owner's state"),
                L("被认出的归属置业顾问当时在场、正忙、不当班还是拒接。", "Whether the recognised owner was present, busy, off duty or declined."),
                default="present", choices=OWNER_STATES),
    AgentField("referred_by", L("带客老客户的置业顾问", "Agent of the referring customer"),
               L("老客户亲自陪同，或事先电话通知并向主管报备时，该老客户的置业顾问。",
                 "When a returning customer came along, or phoned ahead and the supervisor was told: that customer's agent.")),
    FlagField("dumped", L("中途甩客", "Left mid-reception"), L("接待人是否中途丢下这位客户去接别人。", "Whether the receiving agent left this customer mid-way for someone else."),
              default=False),
    ChoiceField("decision", L("裁决", "Decision"), L("经理把这单判给谁，或仍未解决。", "Whom the manager awards the sale, or unresolved."), choices=DECISIONS),
    TextField("note", L("备注", "Note"), L("可不填。", "Optional."), max_length=200),
)
_BY_NAME = {c.name: c for c in COLUMNS}
AT = _BY_NAME["at"]


def _years(raw: list[Any]) -> list[int | None]:
    """For each row, the year its time means when written without one (3月2日 10:00): the year of the nearest
    earlier row that gives one (the log is in time order), else of the nearest later one."""
    given = [year_of(item["at"]) if isinstance(item, dict) and isinstance(item.get("at"), str) else None for item in raw]
    out: list[int | None] = []
    last = None
    for year in given:
        last = year or last
        out.append(last)
    later = None
    for i in range(len(out) - 1, -1, -1):
        later = given[i] or later
        if out[i] is None:
            out[i] = later
    return out
COMMON = ("type", "at", "note")
TYPE_LABELS = {c.value: c.label for c in TYPES}

# type -> key -> (required, default)
EVENT_KEYS: dict[str, dict[str, tuple[bool, Any]]] = {
    "register": {"agent": (True, None), "real_name_and_phone": (True, None)},
    "follow_up": {"agent": (True, None), "answered": (False, True)},
    "booking": {"agent": (False, None), "logged": (False, True)},
    "visit": {
        "received_by": (True, None), "asked": (False, True), "named": (False, None), "recognised_by": (False, None),
        "owner_state": (False, "present"), "referred_by": (False, None), "dumped": (False, False),
    },
    "developer_notice": {"agent": (True, None)},
    "deal": {"closed_by": (True, None), "units": (False, 1), "payment": (False, "paid")},
    "ruling": {"decision": (True, None), "agent": (False, None)},
}
AGENT_KEYS = ("agent", "received_by", "named", "recognised_by", "referred_by", "closed_by")


@dataclass(frozen=True)
class EventsField(RowsField):
    """The event log: rows whose keys depend on their ``type`` (see ``EVENT_KEYS``).

    Its kind stays ``rows`` so that the generic table input renders it (one
    column per key; a form leaves the cells of other types blank, and blank
    cells are not sent); ``describe()`` adds ``types``: for each event type,
    its ``required`` and ``optional`` keys.
    """

    columns: tuple[Field, ...] = COLUMNS

    def _describe_extra(self) -> dict[str, Any]:
        out = super()._describe_extra()
        out["types"] = {
            t: {"required": [k for k, (req, _) in keys.items() if req], "optional": [k for k, (req, _) in keys.items() if not req] + ["note"]}
            for t, keys in EVENT_KEYS.items()
        }
        return out

    def _parse(self, raw: Any) -> list[dict[str, Any]]:
        if not isinstance(raw, list):
            raise FieldError("not_rows", got=shown(raw)[:80])
        if len(raw) < self.min_rows:
            raise FieldError("too_few_rows", min=self.min_rows, count=len(raw))
        if len(raw) > self.max_rows:
            raise FieldError("too_many_rows", max=self.max_rows, count=len(raw))
        rows: list[dict[str, Any]] = []
        problems: list[tuple[str, str, dict[str, object]]] = []
        years = _years(raw)
        for n, item in enumerate(raw, start=1):
            if not isinstance(item, dict):
                problems.append((f"[{n}]", "row_not_object", {"row": n, "got": shown(item)[:80]}))
                continue
            row: dict[str, Any] = {}
            for name in ("type", "at", "note"):
                try:
                    if name == "at":
                        row[name] = AT.parse_in(item.get("at"), years[n - 1])
                    else:
                        row[name] = _BY_NAME[name].parse(item[name]) if name in item else _BY_NAME[name].parse()
                except FieldError as err:
                    problems.append((f"[{n}].{name}", err.code, dict(err.params)))
            keys = EVENT_KEYS.get(row.get("type") or "")
            if keys is None:
                rows.append(row)
                continue
            allowed = Names(_BY_NAME[k].label for k in (*COMMON, *keys) if k != "type")
            type_label = TYPE_LABELS[row["type"]]
            for key in item:
                if key in COMMON or key in keys:
                    continue
                if key in _BY_NAME:
                    problems.append((f"[{n}].{key}", "not_for_event_type", {"type": type_label, "known": allowed}))
                else:
                    problems.append((f"[{n}].{key}", "unknown_field", {"field": str(key), "known": ", ".join((*COMMON, *keys))}))
            for key, (required, default) in keys.items():
                col = _BY_NAME[key]
                try:
                    value = col.parse(item[key]) if key in item else None
                except FieldError as err:
                    problems.append((f"[{n}].{key}", err.code, dict(err.params)))
                    continue
                if value is None:
                    if required:
                        problems.append((f"[{n}].{key}", "required", {}))
                        continue
                    value = default
                row[key] = value
            rows.append(row)
        if problems:
            raise FieldErrors(problems)
        return rows


GROUPS = (
    Choice("family", L("家庭", "Family")),
    Choice("company", L("公司（团购）", "Company (group purchase)")),
    Choice("team", L("销售经理安排的大型团队", "Large group arranged by the sales manager")),
    Choice("developer", L("与开发商有关系", "Related to the developer")),
)
