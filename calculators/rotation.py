"""Duty rotation: who takes the next walk-in, who answers the phone now (§S9 §S11 §S12 §S14).

Walk-ins go down the day's rotation list (R1). An agent away on their turn is
passed over and the next one takes it (R2); a visitor who asks for an agent
uses no turn (R3); an agent whose claim proved invalid loses their next turn
(R4); an agent who missed a turn while handing a returning customer back gets a
make-up turn first (R5). With two agencies, phones alternate by half day
(P1), the halves swap every day (P2), and each agency goes down its own list
(P3). Every figure (opening, switch and closing times, the reference date)
comes from the policy section ``rotation``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from . import zones
from .base import Calculator, InputErrors, register
from .dates import RANGE, DateError, local, parse_clock, parse_date, parse_moment
from .fields import Choice, ChoiceField, DateField, Output, RowsField, TextField, TimeField, shown
from .i18n import L, names_list, pick
from .policy import PolicySection, register_policy
from .schema import Bilingual, Items, Keys, Problem, Problems

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

CLAUSE_IDS = ("R1", "R2", "R3", "R4", "R5", "P1", "P2", "P3")


def _time(text: object, label: str) -> time:
    try:
        return parse_clock(str(text))
    except DateError:
        raise InputErrors([(f"policy.{label}", "bad_policy", {"detail": f"expected HH:MM, found {shown(text)}"})]) from None


def _shifts_in_order(section: dict[str, Any], problems: Problems) -> None:
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





@dataclass
class Floor:
    """The walk-in state after replaying the day's events."""

    order: list[str]
    pointer: int = 0
    away: set[str] = field(default_factory=set)
    lost: dict[str, int] = field(default_factory=dict)
    makeup: list[str] = field(default_factory=list)

    def upcoming(self) -> list[tuple[str, str]]:
        """The next turns as (agent, clause); agents passed over appear with R2/R4 marks."""
        out: list[tuple[str, str]] = []
        out.extend((a, "R5") for a in self.makeup if a not in self.away)
        lost = dict(self.lost)
        n = len(self.order)
        i, seen = self.pointer, 0
        while seen < 2 * n and len([a for a in out if a[1] in ("R1", "R5")]) < n:
            agent = self.order[i % n]
            i += 1
            seen += 1
            if agent in self.away:
                out.append((agent, "R2"))
            elif lost.get(agent):
                lost[agent] -= 1
                out.append((agent, "R4"))
            elif not any(a == agent and c in ("R1", "R5") for a, c in out):
                out.append((agent, "R1"))
        return out


def _say(policy: Mapping[str, Any], cid: str, lang: str, reason: str) -> str:
    return f"{cid} · {pick(policy['clauses'][cid], lang)} → {reason}"


def compute(values: dict[str, Any], lang: str, policy: Mapping[str, Any]) -> dict[str, Any]:
    problems: list[tuple[str, str, dict[str, object]]] = []
    agents = values["agents"]
    names = [a["name"] for a in agents]
    for n, name in enumerate(names, start=1):
        if names.index(name) != n - 1:
            problems.append((f"agents[{n}].name", "duplicate_agent", {"got": shown(name)}))
    with_agency = [a for a in agents if a["agency"]]
    if with_agency and len(with_agency) != len(agents):
        problems.append(("agents", "agency_missing", {}))
    for n, a in enumerate(agents, start=1):
        if a["agency"] and a["agency"] not in policy["agencies"]:
            problems.append((f"agents[{n}].agency", "unknown_agency", {"got": shown(a["agency"]), "known": ", ".join(policy["agencies"])}))
    opens = values["opens"] or _time(policy["opens"], "opens")
    switch = values["switch"] or _time(policy["switch"], "switch")
    closes = values["closes"] or _time(policy["closes"], "closes")
    if not opens < switch < closes:
        problems.append(("switch", "shifts_overlap", {"opens": opens.strftime("%H:%M"), "switch": switch.strftime("%H:%M"),
                                                       "closes": closes.strftime("%H:%M")}))
    moment_text = values["moment"]
    day, now = values["date"], None
    try:  # a time of day (on the date above), or a date and time
        now = parse_clock(moment_text)
    except DateError:
        try:
            wall = local(parse_moment(moment_text, day.year if day else None), zones.zone(policy["time_zone"]))
            day, now = wall.date(), wall.time().replace(second=0, microsecond=0)
        except DateError as err:
            code = "not_a_clock_time" if err.code == "not_a_time" else err.code
            problems.append(("moment", code, {"got": shown(moment_text), **RANGE}))
    if now is not None and day is None:
        problems.append(("date", "needs_date", {"got": moment_text}))
    if now is not None and not opens <= now < closes:
        problems.append(("moment", "outside_hours", {"got": now.strftime("%H:%M"), "opens": opens.strftime("%H:%M"),
                                                      "closes": closes.strftime("%H:%M")}))
    previous = None
    for n, event in enumerate(values["events"], start=1):
        if event["agent"] not in names:
            problems.append((f"events[{n}].agent", "agent_not_on_list", {"got": shown(event["agent"]), "known": names_list(names, lang)}))
        if previous is not None and event["at"] < previous:
            problems.append((f"events[{n}].at", "out_of_order", {"got": event["at"].strftime("%H:%M"),
                                                                 "previous": previous.strftime("%H:%M")}))
        if now is not None and event["at"] > now:
            problems.append((f"events[{n}].at", "after_moment", {"got": event["at"].strftime("%H:%M"),
                                                                 "moment": now.strftime("%H:%M")}))
        previous = event["at"]
    if problems:
        raise InputErrors(problems)

    trail: list[str] = []
    floor = Floor(order=names)
    phone_last: dict[str, str] = {}
    agency_of = {a["name"]: a["agency"] or "" for a in agents}
    for event in values["events"]:
        who, kind, at = event["agent"], event["type"], event["at"].strftime("%H:%M")
        if kind == "away":
            floor.away.add(who)
        elif kind == "back":
            floor.away.discard(who)
        elif kind == "lost_turn":
            floor.lost[who] = floor.lost.get(who, 0) + 1
            trail.append(_say(policy, "R4", lang, pick(L(f"{at} {who} 下一轮轮空", f"{at} {who} loses the next turn"), lang)))
        elif kind == "handed_back":
            floor.makeup.append(who)
            trail.append(_say(policy, "R5", lang, pick(L(f"{at} {who} 可补接一次", f"{at} {who} gets a make-up turn"), lang)))
        elif kind == "designated":
            trail.append(_say(policy, "R3", lang, pick(L(f"{at} {who} 点名接待，不占轮", f"{at} {who} received an asked-for visitor; no turn used"), lang)))
        elif kind == "phone":
            phone_last[agency_of[who]] = who
        elif kind == "reception":
            if who in floor.makeup:
                floor.makeup.remove(who)
                continue
            expected = next((a for a, c in floor.upcoming() if c == "R1"), None)
            n = len(names)
            i = floor.pointer
            while names[i % n] != who:
                passed = names[i % n]
                if floor.lost.get(passed):
                    floor.lost[passed] -= 1
                elif passed not in floor.away and passed == expected:
                    trail.append(_say(policy, "R1", lang, pick(
                        L(f"{at} {who} 接待了，但轮到的是 {passed}：请核对登记", f"{at} {who} received, but it was {passed}'s turn: check the register"), lang)))
                i += 1
            floor.pointer = (names.index(who) + 1) % n

    upcoming = floor.upcoming()
    takers = [(a, c) for a, c in upcoming if c in ("R1", "R5")]
    first_taker = upcoming.index(takers[0]) if takers else len(upcoming)
    for agent in sorted(floor.away, key=names.index):
        trail.append(_say(policy, "R2", lang, pick(L(f"{agent} 不在岗，轮到时跳过", f"{agent} is away and is passed over"), lang)))
    for agent, clause in upcoming[:first_taker]:
        if clause == "R4":
            trail.append(_say(policy, "R4", lang, pick(L(f"{agent} 这一轮轮空", f"{agent} sits this turn out"), lang)))
    if takers:
        next_walk_in = takers[0][0]
        trail.insert(0, _say(policy, takers[0][1], lang, pick(L(f"下一位来访由 {next_walk_in} 接待", f"the next walk-in goes to {next_walk_in}"), lang)))
    else:
        next_walk_in = pick(L("没有在岗的顾问", "nobody is on the floor"), lang)
    queue = [a for a, _ in takers[1:]]

    # Phones.
    am = now < switch
    if with_agency:
        first, second = policy["agencies"]
        swap = (day - parse_date(policy["phone_reference_date"])).days % 2 == 1
        morning = second if swap else first
        agency = morning if am else (first if morning == second else second)
        half = pick(L("上午", "morning") if am else L("下午", "afternoon"), lang)
        trail.append(_say(policy, "P1", lang, pick(L(f"{day.isoformat()} {half}由 {agency} 公司接听", f"{day.isoformat()} {half}: agency {agency}"), lang)))
        trail.append(_say(policy, "P2", lang, pick(L(f"这一天上午是 {morning} 公司", f"that day agency {morning} has the morning"), lang)))
        pool = [a for a in names if agency_of[a] == agency]
    else:
        agency, pool = "", names
    last = phone_last.get(agency)
    start = (pool.index(last) + 1) if last in pool else 0
    ordered = pool[start:] + pool[:start]
    on_floor = [a for a in ordered if a not in floor.away]
    if on_floor:
        phone_now = on_floor[0]
        trail.append(_say(policy, "P3", lang, pick(
            L(f"{agency + ' 公司' if agency else ''}轮到 {phone_now}", f"{'agency ' + agency + ': ' if agency else ''}{phone_now} is next"), lang)))
    else:
        phone_now = pick(L("该公司没有在岗的顾问", "nobody from that agency is on the floor"), lang)
    return {"next_walk_in": next_walk_in, "walk_in_queue": queue, "phone_now": (f"{phone_now}（{agency}）" if agency and on_floor and lang == "zh"
            else f"{phone_now} ({agency})" if agency and on_floor else phone_now), "trail": trail}


ROTATION = register(
    Calculator(
        name="rotation",
        title=L("排轮：下一位谁接待、现在谁接电话", "Duty rotation: next walk-in and phone duty"),
        summary=L("按排轮表和今天已发生的事，算出下一位来访客户由谁接待、此刻由谁接听电话，并给出依据条款。",
                  "From the rotation list and today's events, find who takes the next walk-in and who answers the phone now, with the clause behind each."),
        fields=FIELDS,
        outputs=OUTPUTS,
        compute=compute,
        policy_section="rotation",
        example={
            "agents": [
                {"name": L("张伟", "Zhang Wei"), "agency": "A"}, {"name": L("李静", "Li Jing"), "agency": "B"},
                {"name": L("王磊", "Wang Lei"), "agency": "A"}, {"name": L("刘洋", "Liu Yang"), "agency": "B"},
            ],
            "date": "2026-11-26",
            "moment": "14:05",
            "events": [
                {"at": "09:40", "type": "reception", "agent": L("张伟", "Zhang Wei")},
                {"at": "10:15", "type": "designated", "agent": L("王磊", "Wang Lei")},
                {"at": "11:00", "type": "away", "agent": L("李静", "Li Jing")},
                {"at": "11:20", "type": "reception", "agent": L("王磊", "Wang Lei")},
                {"at": "13:10", "type": "back", "agent": L("李静", "Li Jing")},
                {"at": "13:40", "type": "phone", "agent": L("刘洋", "Liu Yang")},
            ],
        },
    )
)
