"""Replaying one customer's event log against the showroom rules.

The replay is a pure function of the events, the commission, the customer's
group and the policy: the same input always gives the same result. It walks
the events once, in time order, keeping:

* ``claims``: the agents with a live, valid registration (in registration
  order; the first is the owner; a company may have several), each with the
  day of their last contact (registration, answered follow-up or serving the
  customer in person). A claim lapses when more than ``follow_up_days``
  calendar days (in the policy's time zone) pass without contact: exactly
  ``follow_up_days`` days is still in time, and a window of 0 means "the
  same day only".
* ``weak``: registrations of an invalid customer (no real name and phone),
  which count only if the customer names, or is recognised by, that agent on
  a later visit (subject to the same window).
* ``lapsed``: agents whose valid claim lapsed, with the day of their last
  contact (a customer who asks for such an agent revives the claim only if
  the policy's ``named_agent_ignores_validity`` says so, §S9; otherwise
  §S12 rule 4 holds).
* ``served``: the last day each agent received the customer in person (a
  registration counts only on such a day); ``invalid``: receptions that the
  CRM's entry standard voids (a colleague kept serving someone else's
  identified customer, §S14), which no registration can rest on.
* ``pending_booking``: a phone booking waiting for the next visit: by the front desk
  (received in rotation, no claim) or by an agent who registered the
  invitation with the front desk (the customer is theirs to receive, §S9).
* the current reception (the latest visit) and how the customer was
  identified there; a deal on the same calendar day belongs to that reception
  ("on the spot"), a deal on a later day to none. A receiver who has since
  become a confirmed agent of a company customer is no "second agent": the
  busy, off-duty, unasked and unrecognised rules do not apply to them.

Every rule that decides something adds a trail entry ``{clause, title, event,
text}``; exactly one of ``rules.SPLIT_CLAUSES`` decides each deal, and
``verbal-claim`` may hold that split back until the customer pays (§S14).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..base import InputErrors
from ..i18n import pick
from ..money import Money
from .events import AGENT_KEYS, COLUMNS
from .policy import Policy, percent
from .rules import REASONS
from .split import as_json, shares

SPECIAL_MODES = ("returned", "busy", "off", "unrecognised", "unasked")
OWNER_STATE = next(c for c in COLUMNS if c.name == "owner_state")
FRONT_DESK = ""  # a booking made by the front desk, not by an agent


@dataclass(frozen=True)
class Reception:
    event: int  # 1-based number of the visit
    day: date
    receiver: str
    claimant: str | None  # whose customer they were at this visit, if anyone's
    mode: str  # new | own | returned | busy | off | unrecognised | unasked


def _fail(path: str, code: str, **params: object) -> InputErrors:
    return InputErrors([(path, code, params)])


def local_times(rows: list[dict[str, Any]], policy: Policy) -> list[datetime]:
    """Each event's time in the policy's zone; events out of time order are an error."""
    out: list[datetime] = []
    problems: list[tuple[str, str, dict[str, object]]] = []
    for n, row in enumerate(rows, start=1):
        at = row["at"]
        at = at.replace(tzinfo=policy.tz) if at.tzinfo is None else at.astimezone(policy.tz)
        if out and at < out[-1]:
            problems.append((f"events[{n}].at", "events_out_of_order", {
                "row": n, "at": at.strftime("%Y-%m-%d %H:%M"), "prev": n - 1, "prev_at": out[-1].strftime("%Y-%m-%d %H:%M"),
            }))
        out.append(at)
    if problems:
        raise InputErrors(problems)
    return out


class Replay:
    """The state of one replay; ``run`` drives it over the events."""

    def __init__(self, policy: Policy, commission: Money, group: str | None, lang: str) -> None:
        self.p = policy
        self.commission = commission
        self.group = group
        self.lang = lang
        self.claims: dict[str, date] = {}
        self.lapsed: dict[str, date] = {}
        self.weak: dict[str, date] = {}
        self.served: dict[str, date] = {}
        self.invalid: dict[str, tuple[date, str]] = {}
        self.pending_booking: str | None = None
        self.notified = False
        self.unpaid_deal: int | None = None
        self.known: set[str] = set()
        self.registered = False
        self.reception: Reception | None = None
        self.dealt = False
        self.conflict = False
        self.trail: list[dict[str, Any]] = []
        self.fines: list[dict[str, Any]] = []
        self.owner: str | None = None
        self.parts: list[tuple[str, Money]] = []
        self.held = Money(0)
        self.status = "settled"

    # -- helpers -----------------------------------------------------------

    def emit(self, clause: str, event: int, variant: str = "", **params: object) -> None:
        template = REASONS[f"{clause}/{variant}" if variant else clause]
        self.trail.append({"clause": clause, "title": pick(self.p.titles[clause], self.lang), "event": event,
                           "text": pick(template, self.lang).format(**params)})

    def fine(self, event: int, agent: str, clause: str, low: Money, high: Money) -> None:
        self.fines.append({"event": event, "agent": agent, "clause": clause, "title": pick(self.p.titles[clause], self.lang),
                           "min": str(low), "max": str(high)})

    def join(self, names: list[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(names)

    def settle(self, owner: str | None, parts: list[tuple[str, Money]], status: str = "settled") -> None:
        self.owner, self.parts, self.status, self.held = owner, parts, status, Money(0)

    def expire(self, day: date, event: int) -> None:
        window = self.p.follow_up_days
        for agent, last in list(self.claims.items()):
            gap = (day - last).days
            if gap > window:
                del self.claims[agent]
                self.lapsed[agent] = last
                self.emit("follow-up-window", event, agent=agent, last=last.isoformat(), day=day.isoformat(), gap=gap, window=window)
        for agent, last in list(self.weak.items()):
            if (day - last).days > window:
                del self.weak[agent]

    def close_reception(self) -> None:
        """The latest reception ended without a deal: rule 9's hand-back, if it applies."""
        ctx = self.reception
        if ctx is not None and ctx.mode == "unrecognised" and ctx.claimant is not None and ctx.receiver not in self.claims:
            self.emit("unrecognised-no-deal", ctx.event, receiver=ctx.receiver, owner=ctx.claimant, day=ctx.day.isoformat())
        self.reception = None

    # -- events ------------------------------------------------------------

    def register(self, n: int, row: dict[str, Any], day: date) -> None:
        self.expire(day, n)
        self.registered = True
        agent = row["agent"]
        served = self.served.get(agent)
        voided = self.invalid.get(agent)
        voided = voided if voided is not None and voided[0] == day and served != day else None
        if served is None and voided is None:
            self.emit("face-to-face", n, agent=agent)
        elif served != day and voided is None:
            self.emit("late-registration", n, agent=agent, served=served.isoformat(), day=day.isoformat())
        elif not row["real_name_and_phone"]:
            self.weak[agent] = day
            self.emit("invalid-customer", n, agent=agent)
        elif not self.claims:
            self.claims = {agent: day}
            self.emit("first-contact", n, agent=agent, day=day.isoformat())
        elif agent in self.claims:
            self.claims[agent] = day
        else:
            owner = next(iter(self.claims))
            if self.group in ("company", "team") and voided is not None:
                # the agent kept serving someone else's identified customer: no confirmation rests on that (§S14)
                self.emit("crm-entry", n, agent=agent, owner=voided[1], day=day.isoformat())
            elif self.group == "company":
                self.claims[agent] = day
                self.emit("group-confirmed", n, agent=agent, owner=owner)
            elif self.group == "family":
                self.emit("family-first-member", n, agent=agent, owner=owner)
            elif self.group == "team":
                self.claims[agent] = day
                self.emit("large-group", n, agent=agent, owner=owner)
            else:
                self.emit("register-decides", n, agent=agent, owner=owner)

    def follow_up(self, n: int, row: dict[str, Any], day: date) -> None:
        self.expire(day, n)
        agent = row["agent"]
        if not row["answered"]:
            self.emit("unanswered-call", n, agent=agent, day=day.isoformat())
        elif agent in self.claims:
            self.claims[agent] = day

    def booking(self, n: int, row: dict[str, Any], day: date) -> None:
        """A phone booking for the next visit: by the front desk, or an agent's invitation (§S9)."""
        self.expire(day, n)
        agent = row["agent"]
        if agent is None:
            self.pending_booking = FRONT_DESK
        elif row["logged"]:
            self.pending_booking = agent
        else:
            self.pending_booking = None
            self.emit("phone-invitation", n, "unlogged", agent=agent)

    def developer_notice(self, n: int, row: dict[str, Any], day: date) -> None:
        """The developer's written notice: the head of sales allots the customer to ``agent`` (§S11 11)."""
        self.close_reception()
        self.expire(day, n)
        agent = row["agent"]
        previous = next((a for a in self.claims if a != agent), None)
        self.claims = {agent: day}
        self.registered = self.notified = True
        if previous is None:
            self.emit("developer-related", n, agent=agent)
        else:
            self.emit("developer-related", n, "replaced", agent=agent, previous=previous)

    def named_lapsed(self, n: int, named: str | None, day: date) -> str | None:
        """A customer asks for an agent whose claim has lapsed: the policy's switch decides (§S9 or §S12 4).

        Returns the agent whose claim this revives, if any; either way the trail cites the switch's clause.
        """
        if named is None or named in self.claims or named not in self.lapsed:
            return None
        if not self.p.named_agent_ignores_validity:
            self.emit("named-agent-in-window", n, agent=named, last=self.lapsed[named].isoformat())
            return None
        if self.claims:
            self.emit("named-agent-any-time", n, "taken", agent=named, owner=next(iter(self.claims)))
            return None
        last = self.lapsed.pop(named)
        self.claims = {named: day}
        self.emit("named-agent-any-time", n, agent=named, last=last.isoformat())
        return named

    def visit(self, n: int, row: dict[str, Any], day: date) -> None:
        receiver, asked, state, referrer = row["received_by"], row["asked"], row["owner_state"], row["referred_by"]
        booking = self.pending_booking  # an agent's registered invitation identifies the customer like a name
        identified: list[str] = []
        for agent in (row["named"], row["recognised_by"], booking):
            if agent and agent not in identified:
                identified.append(agent)
        if state != "present" and not identified and not referrer:
            raise _fail(f"events[{n}].owner_state", "owner_state_unidentified", row=n, state=OWNER_STATE.label_of(state, self.lang))
        self.pending_booking = None
        self.close_reception()
        self.expire(day, n)
        if booking == FRONT_DESK:
            self.emit("front-desk-booking", n, receiver=receiver)
        revived = self.named_lapsed(n, row["named"], day)
        settled_by_switch = {a for a in (row["named"],) if a in self.lapsed}

        claimant: str | None = None
        how = ""  # recognised | reclaimed | referral | invited | "" (not identified)
        if revived is not None:
            claimant, how = revived, "recognised"
        elif self.claims:
            if receiver in self.claims:
                claimant = receiver
            else:
                hit = next((a for a in identified if a in self.claims), None)
                if hit is not None:
                    claimant, how = hit, "recognised"
                elif referrer in self.claims:
                    claimant, how = referrer, "referral"
                else:
                    claimant = next(iter(self.claims))
        else:
            weak = next((a for a in identified if a in self.weak), None)
            if weak is not None:
                self.claims = {weak: day}
                claimant, how = weak, "reclaimed"
                self.emit("invalid-reclaim", n, agent=weak)
            elif booking:
                self.claims = {booking: day}
                claimant, how = booking, "invited"
                self.emit("phone-invitation", n, agent=booking)
            elif referrer:
                self.claims = {referrer: day}
                claimant, how = referrer, "referral"
                self.emit("referral", n, agent=referrer)
        strangers: list[str] = []
        for agent in (*identified, referrer):
            if agent and agent not in self.claims and agent not in strangers and agent not in settled_by_switch:
                strangers.append(agent)
        for agent in strangers:
            self.emit("register-decides", n, "claim", agent=agent)

        if claimant is None:
            mode = "new"
        elif claimant == receiver:
            mode = "own"
        elif how:
            if how == "recognised" and revived is None:
                self.emit("returning-customer", n, receiver=receiver, owner=claimant)
            mode = {"present": "returned", "busy": "busy", "off_duty": "off", "declined": "declined"}[state]
        else:
            mode = "unrecognised" if asked else "unasked"
        if claimant != receiver and not asked:
            self.fine(n, receiver, "ask-first", self.p.fine_not_asking, self.p.fine_not_asking)
            self.emit("ask-first", n, agent=receiver, fine=self.p.fine_not_asking.format())
        if mode == "declined":
            self.emit("owner-declined", n, owner=claimant, receiver=receiver)
            self.claims = {receiver: day}
            claimant, mode = receiver, "own"

        if mode == "returned" and claimant is not None:
            # the customer is someone else's and that agent is here: this reception is not the receiver's (§S14)
            self.invalid[receiver] = (day, claimant)
            self.served[claimant] = day
            self.claims[claimant] = day
        else:
            self.served[receiver] = day
        if receiver in self.claims:
            self.claims[receiver] = day
        if row["dumped"]:
            self.fine(n, receiver, "dumping", self.p.fine_dumping_min, self.p.fine_dumping_max)
            self.emit("dumping", n, agent=receiver, min=self.p.fine_dumping_min.format(), max=self.p.fine_dumping_max.format(),
                      limit=self.p.dismissal_after)
        self.reception = Reception(n, day, receiver, claimant, mode)

    def deal(self, n: int, row: dict[str, Any], day: date) -> None:
        if not self.registered:
            raise _fail(f"events[{n}]", "deal_before_register", row=n)
        self.expire(day, n)
        ctx = self.reception if self.reception is not None and self.reception.day == day else None
        if ctx is None:
            self.close_reception()
        self.dealt = True
        closer, units = row["closed_by"], row["units"]
        live = list(self.claims)
        owner = live[0] if live else None
        whole = self.commission.format()
        if row["payment"] == "outpaid":
            self.settle(None, [], "no_sale")
            self.emit("first-to-pay", n)
            return
        if row["payment"] == "claimed":
            self.unpaid_deal = n
        if self.group == "developer" and not self.notified:
            self.emit("developer-before-notice", n)
        company = self.group == "company" and len(live) >= 2
        if company and units >= self.p.group_units:
            if closer in live:
                parts = shares(self.commission, [(a, Decimal(1)) for a in live])
                self.settle(live[0], parts)
                self.emit("group-purchase", n, units=units, threshold=self.p.group_units, agents=self.join(live),
                          amounts=self.join([f"{a} {m.format()}" for a, m in parts]))
            else:
                self.open_conflict(n, "group", closer=closer, units=units, agents=self.join(live), amount=whole)
            return
        if company:
            self.emit("one-agent", n, "company", units=units, threshold=self.p.group_units, owner=owner)
        elif self.group == "family" and units > 1:
            self.emit("one-agent", n, "family", units=units)
        if self.group == "team" and closer in live and closer != owner:
            self.settle(closer, [(closer, self.commission)])
            self.emit("owner-deal", n, "team", closer=closer, amount=whole)
            return

        if ctx is not None and ctx.mode in SPECIAL_MODES and ctx.receiver not in self.claims and owner is not None and ctx.claimant == owner:
            receiver = ctx.receiver
            if closer == owner:
                self.settle(owner, [(owner, self.commission)])
                self.emit("owner-deal", n, owner=owner, amount=whole)
            elif closer != receiver:
                self.open_conflict(n, "owner", closer=closer, owner=owner, amount=whole)
            elif ctx.mode == "returned":
                self.settle(owner, [(owner, self.commission)])
                self.emit("owner-deal", n, "returned", owner=owner, closer=closer, amount=whole)
            elif ctx.mode == "unasked":
                self.settle(owner, [(owner, self.commission)])
                self.emit("unasked-deal", n, receiver=receiver, owner=owner, amount=whole)
            elif ctx.mode == "off" and self.p.absent_agent == "on_duty_receives":
                self.settle(owner, [(owner, self.commission)])
                self.emit("absent-owner-on-duty", n, owner=owner, receiver=receiver, amount=whole)
            elif ctx.mode in ("busy", "off"):
                helper = self.p.helper_share
                parts = shares(self.commission, [(owner, 1 - helper), (receiver, helper)])
                self.settle(owner, parts)
                self.emit("busy-owner" if ctx.mode == "busy" else "off-duty-owner", n, owner=owner, receiver=receiver,
                          owner_pct=percent(1 - helper), helper_pct=percent(helper),
                          owner_amount=parts[0][1].format(), helper_amount=parts[1][1].format())
            else:  # unrecognised: rule 9
                parts = shares(self.commission, [(receiver, self.p.second_share), (owner, self.p.first_share)])
                self.settle(receiver, parts)
                self.emit("unrecognised", n, owner=owner, receiver=receiver,
                          second_pct=percent(self.p.second_share), first_pct=percent(self.p.first_share),
                          second_amount=parts[0][1].format(), first_amount=parts[1][1].format())
        elif owner is not None:
            if closer == owner:
                self.settle(owner, [(owner, self.commission)])
                self.emit("owner-deal", n, owner=owner, amount=whole)
            else:
                self.open_conflict(n, "owner", closer=closer, owner=owner, amount=whole)
        elif ctx is None or closer == ctx.receiver:
            self.settle(closer, [(closer, self.commission)])
            self.emit("unclaimed", n, closer=closer, amount=whole)
        else:
            self.open_conflict(n, "receiver", closer=closer, receiver=ctx.receiver, amount=whole)

    def open_conflict(self, n: int, variant: str, **params: object) -> None:
        self.conflict = True
        self.owner, self.parts, self.status, self.held = None, [], "needs_ruling", self.commission
        self.emit("conflict", n, variant, **params)

    def ruling(self, n: int, row: dict[str, Any], day: date) -> None:
        if not self.conflict:
            raise _fail(f"events[{n}].decision", "ruling_without_conflict", row=n)
        agent = row["agent"]
        if agent is not None and agent not in self.known:
            raise _fail(f"events[{n}].agent", "unknown_agent", agent=agent, known=", ".join(sorted(self.known)))
        whole = self.commission.format()
        if row["decision"] == "award":
            if agent is None:
                raise _fail(f"events[{n}].agent", "required")
            self.settle(agent, [(agent, self.commission)])
            self.emit("ruling", n, agent=agent, amount=whole)
        else:
            self.settle(None, [("company", self.commission)], "forfeited")
            self.emit("forfeit", n, amount=whole)

    # -- the whole log -----------------------------------------------------

    def run(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        times = local_times(rows, self.p)
        for n, (row, at) in enumerate(zip(rows, times), start=1):
            kind = row["type"]
            if self.dealt and kind != "ruling":
                raise _fail(f"events[{n}].type", "event_after_deal", row=n, type=kind)
            getattr(self, kind)(n, row, at.date())
            if kind == "deal" and self.unpaid_deal is not None:
                self.emit("verbal-claim", n, amount=self.commission.format())
            if kind != "ruling":
                self.known.update(row[k] for k in AGENT_KEYS if row.get(k))
        if not self.dealt:
            raise _fail("events", "no_deal")
        if self.unpaid_deal is not None:
            # a unit claimed aloud is no sale yet: whatever the rules gave waits for the payment (§S14)
            self.owner, self.parts, self.status, self.held = None, [], "awaiting_payment", self.commission
        return {
            "owner": self.owner,
            "shares": as_json(self.parts),
            "held": str(self.held),
            "fines": self.fines,
            "status": self.status,
            "trail": self.trail,
            "clauses": [entry["clause"] for entry in self.trail],
        }
