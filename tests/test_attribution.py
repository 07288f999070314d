"""Showroom attribution and commission split: `commission-split` (§S9 §S11 §S12 §S14 §S20)."""

from __future__ import annotations

import ast
import json
import sys
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import calculators
from calculators.attribution import CLAUSE_IDS, EXAMPLE
from calculators.attribution.rules import HELPER_CLAUSES, REASONS, SPLIT_CLAUSES, SWITCH_CLAUSES
from conftest import golden_cases

CASES = golden_cases("attribution")
NAME = "commission-split"


def split(payload, policy, **extra):
    return calculators.run(NAME, {**payload, **extra}, policy)


def summary(result):
    return {
        "owner": result["owner"],
        "shares": result["shares"],
        "fines": [{k: v for k, v in f.items() if k != "title"} for f in result["fines"]],  # the title is in the reader's language
        "status": result["status"],
        "clauses": [t["clause"] for t in result["trail"]],
    }


def total(shares):
    return sum((Decimal(v) for v in shares.values()), Decimal("0"))


def V(at, by, **kw):
    return {"type": "visit", "at": at, "received_by": by, **kw}


def REG(at, agent, ok=True):
    return {"type": "register", "at": at, "agent": agent, "real_name_and_phone": ok}


def DEAL(at, by, **kw):
    return {"type": "deal", "at": at, "closed_by": by, **kw}


SIMPLE = [V("2024-03-01T10:00", "A"), REG("2024-03-01T10:30", "A"), DEAL("2024-03-02T10:00", "A")]


# -- golden cases -------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_golden_case(case, policy):
    """Each golden story gives its owner, shares, fines, status and clause trail, in zh and en alike."""
    zh = split(case["payload"], policy, lang="zh")
    en = split(case["payload"], policy, lang="en")
    assert zh["ok"] and en["ok"], (zh, en)
    assert summary(zh["result"]) == case["expect"] == summary(en["result"])
    assert zh["result"]["clauses"] == case["expect"]["clauses"]  # also a result key, for replays that compare keys
    rules = policy["attribution"]["rules"]
    for a, b in zip(zh["result"]["trail"], en["result"]["trail"]):
        assert a["text"] != b["text"] and a["text"] and b["text"]
        assert (a["title"], b["title"]) == (rules[a["clause"]]["title"]["zh"], rules[b["clause"]]["title"]["en"])
        assert all(ord(ch) < 128 for ch in b["text"].replace("¥", ""))


def test_golden_files_are_plain_stories():
    """At least 30 golden files, each plain JSON with a name, a zh/en story, a payload and the five expectations."""
    assert len(CASES) >= 30
    for case in CASES:
        assert set(case) == {"name", "story", "payload", "expect", "file"}, case["file"]
        assert set(case["story"]) == {"zh", "en"} and all(case["story"].values())
        assert set(case["expect"]) == {"owner", "shares", "fines", "status", "clauses"}
        json.dumps(case["payload"], allow_nan=False)


def test_golden_cases_cover_every_clause():
    """Every clause id of the rulebook appears in at least one golden story's trail."""
    seen = {c for case in CASES for c in case["expect"]["clauses"]}
    assert seen == set(CLAUSE_IDS)


def test_golden_cases_cover_each_switch_in_both_positions(policy):
    """For each policy switch, a golden story sets each position and its trail cites that position's clause."""
    for switch, positions in SWITCH_CLAUSES.items():
        assert set(positions) == ({True, False} if isinstance(policy["attribution"][switch], bool) else {"helper_share", "on_duty_receives"})
        for position, clause in positions.items():
            cases = [c for c in CASES if c["payload"].get("policy", {}).get(switch, policy["attribution"][switch]) == position
                     and clause in c["expect"]["clauses"]]
            assert cases, (switch, position)
            other = next(v for k, v in positions.items() if k != position)
            assert all(other not in c["expect"]["clauses"] for c in cases), (switch, position)


@pytest.mark.parametrize("needle", [
    "window-exactly-7-days", "window-8-days", "window-zero-same-day", "window-zero-next-day",
    "company-4-units", "company-5-units", "company-6-units", "busy-owner-deal-on-spot", "busy-owner-helper-closes-next-day",
])
def test_golden_cases_include_the_boundaries(needle):
    """The boundary stories are there: 7 vs 8 days, a 0-day window, 4/5/6 units, a deal during and after a busy owner's reception."""
    assert any(needle in case["file"] for case in CASES)


# -- the worked case and the splits -------------------------------------------


def test_rule_9_worked_case(policy):
    """§S12 rule 9: unrecognised customer closed by a second agent, 12,345.67 -> 9,876.54 second, 2,469.13 first."""
    out = split(EXAMPLE, policy, lang="en")["result"]
    assert out["shares"] == {"B": "9876.54", "A": "2469.13"}
    assert out["owner"] == "B" and out["status"] == "settled" and out["held"] == "0.00"
    assert out["trail"][-1]["clause"] == "unrecognised"
    assert "¥9,876.54" in out["trail"][-1]["text"] and "¥2,469.13" in out["trail"][-1]["text"]


def test_tie_break_gives_the_spare_fen_to_the_earliest_registrant(policy):
    """An even group split of 0.01 between two agents gives the fen to the first registrant (documented tie-break)."""
    case = next(c for c in CASES if "company-5-units" in c["file"])
    out = split({**case["payload"], "commission": "0.01"}, policy)["result"]
    assert out["shares"] == {"A": "0.01", "B": "0.00"}


def test_helper_share_of_zero_still_lists_the_helper(policy):
    """With a helper share of 0 the owner gets everything and the helper is shown with 0.00."""
    case = next(c for c in CASES if "busy-owner-deal-on-spot" in c["file"])
    out = split({**case["payload"], "policy": {"helper_share": 0}}, policy)["result"]
    assert out["shares"] == {"A": "10000.00", "B": "0.00"}


def test_zero_commission_is_allowed(policy):
    """A commission of 0 is split into zeros, still settled."""
    out = split({"commission": "0", "events": SIMPLE}, policy)["result"]
    assert out["shares"] == {"A": "0.00"} and out["status"] == "settled"


def test_needs_ruling_holds_the_whole_commission(policy):
    """While a clash waits for the manager, nobody is credited and the whole commission is held."""
    case = next(c for c in CASES if "helper-closes-next-day" in c["file"])
    out = split(case["payload"], policy)["result"]
    assert out["owner"] is None and out["shares"] == {} and out["held"] == case["payload"]["commission"] + ".00"


def test_policy_override_changes_the_window(policy):
    """A payload override of follow_up_days to 10 keeps a claim that the default 7 days would let lapse."""
    case = next(c for c in CASES if "window-8-days" in c["file"])
    out = split({**case["payload"], "policy": {"follow_up_days": 10}}, policy)["result"]
    assert "follow-up-window" not in [t["clause"] for t in out["trail"]]


def test_time_zone_comes_from_the_policy(policy):
    """The same UTC instants counted at UTC+00:00 are 7 days apart, not 8: the claim holds."""
    case = next(c for c in CASES if "time-zone-days" in c["file"])
    tz = {"time_zone": {"name": "UTC", "utc_offset": "+00:00"}}
    out = split({**case["payload"], "policy": tz}, policy)["result"]
    assert "follow-up-window" not in [t["clause"] for t in out["trail"]]


def test_naive_times_are_read_in_the_policy_zone(policy):
    """A naive time and the same instant written with an offset give the same answer."""
    naive = [V("2024-03-01T23:00", "A"), REG("2024-03-01T23:10", "A"), V("2024-03-09T00:30", "B"), DEAL("2024-03-09T01:00", "B")]
    aware = [V("2024-03-01T15:00Z", "A"), REG("2024-03-01T15:10Z", "A"), V("2024-03-08T16:30Z", "B"), DEAL("2024-03-08T17:00Z", "B")]
    a = split({"commission": "100", "events": naive}, policy)["result"]
    b = split({"commission": "100", "events": aware}, policy)["result"]
    assert a == b
    assert [t["clause"] for t in a["trail"]] == ["first-contact", "follow-up-window", "unclaimed"]


def test_form_style_payload_gives_the_same_answer(policy):
    """What a form sends (every value a string, blank cells left out, overrides as JSON text) is read like JSON values."""
    case = next(c for c in CASES if "off-duty-owner" in c["file"] and "override" not in c["file"])
    as_text = {**case["payload"], "policy": '{"helper_share": "0.20"}',
               "events": [{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in e.items()} for e in case["payload"]["events"]]}
    assert split(as_text, policy)["result"] == split(case["payload"], policy)["result"]


def test_json_round_trip_matches_run(policy):
    """run_json with the policy as JSON (the browser's path) gives the same answer as run."""
    direct = split(EXAMPLE, policy)
    via_json = json.loads(calculators.run_json(NAME, json.dumps(EXAMPLE), json.dumps(policy)))
    assert via_json == direct


# -- properties over random event logs ------------------------------------------

AGENTS = ("A", "B", "C", "D")
STEPS = (0, 20, 60, 300, 60 * 24, 60 * 24 * 3, 60 * 24 * 7, 60 * 24 * 8)
maybe_agent = st.sampled_from((None,) * 10 + AGENTS)  # mostly nobody named or recognised


def _stamp(t: datetime, utc: bool) -> str:
    return (t - timedelta(hours=8)).isoformat() + "Z" if utc else t.isoformat()


@st.composite
def logs(draw):
    """A valid event log (time order, a registration before one deal) with a commission and overrides."""
    t = datetime(2024, 3, 1, 9, 0)
    events = []
    registered = False
    receiver = None
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(("visit", "visit", "register", "follow_up", "visit", "register", "booking", "notice")))
        t += timedelta(minutes=draw(st.sampled_from(STEPS[:3] if kind == "register" else STEPS)))
        at = _stamp(t, draw(st.booleans()))
        if kind == "visit":
            e = {"type": "visit", "at": at, "received_by": draw(st.sampled_from(AGENTS))}
            receiver = e["received_by"]
            for key in ("named", "recognised_by", "referred_by"):
                who = draw(maybe_agent)
                if who:
                    e[key] = who
            if any(k in e for k in ("named", "recognised_by", "referred_by")):
                e["owner_state"] = draw(st.sampled_from(("present", "busy", "off_duty", "declined")))
            if draw(st.booleans()):
                e["asked"] = draw(st.booleans())
            if draw(st.integers(0, 5)) == 0:
                e["dumped"] = True
        elif kind == "register":
            # mostly the agent who just received the customer, as the rules expect
            who = receiver if receiver and draw(st.integers(0, 3)) else draw(st.sampled_from(AGENTS))
            e = {"type": "register", "at": at, "agent": who, "real_name_and_phone": draw(st.integers(0, 4)) > 0}
            registered = True
        elif kind == "booking":
            e = {"type": "booking", "at": at}
            who = draw(maybe_agent)
            if who:
                e["agent"] = who
                if draw(st.booleans()):
                    e["logged"] = draw(st.booleans())
        elif kind == "notice":
            e = {"type": "developer_notice", "at": at, "agent": draw(st.sampled_from(AGENTS))}
        else:
            e = {"type": "follow_up", "at": at, "agent": draw(st.sampled_from(AGENTS))}
            if draw(st.booleans()):
                e["answered"] = draw(st.booleans())
        events.append(e)
    if not registered:
        events.append({"type": "register", "at": t.isoformat(), "agent": draw(st.sampled_from(AGENTS)), "real_name_and_phone": True})
    t += timedelta(minutes=draw(st.sampled_from(STEPS)))
    closer = receiver if receiver and draw(st.booleans()) else draw(st.sampled_from(AGENTS))
    deal = {"type": "deal", "at": t.isoformat(), "closed_by": closer, "units": draw(st.integers(1, 7))}
    if draw(st.integers(0, 3)) == 0:
        deal["payment"] = draw(st.sampled_from(("paid", "claimed", "outpaid")))
    events.append(deal)
    payload = {
        "commission": str(Decimal(draw(st.integers(0, 10**10))) / 100),
        "events": events,
        "customer": "X",
        "group": draw(st.sampled_from(("", "family", "company", "team", "developer"))),
    }
    if draw(st.booleans()):
        share = draw(st.sampled_from(("0", "0.2", "0.25", "0.333", "1")))
        payload["policy"] = {
            "follow_up_days": draw(st.integers(0, 10)),
            "helper_share": share,
            "unrecognised_split": {"second_agent": str(1 - Decimal(share)), "first_agent": share},
            "group_purchase_units": draw(st.integers(1, 6)),
            "named_agent_ignores_validity": draw(st.booleans()),
            "absent_agent": draw(st.sampled_from(("helper_share", "on_duty_receives"))),
        }
    rulings = draw(st.lists(st.one_of(st.sampled_from(AGENTS), st.just(None)), max_size=2))
    return payload, rulings, t


def _with_rulings(payload, rulings, t):
    events = list(payload["events"])
    for who in rulings:
        t += timedelta(hours=1)
        r = {"type": "ruling", "at": t.isoformat(), "decision": "award" if who else "unresolved"}
        if who:
            r["agent"] = who
        events.append(r)
    return {**payload, "events": events}


def _run_with_rulings(policy, drawn):
    payload, rulings, t = drawn
    out = split(payload, policy)
    assert out["ok"], out
    if out["result"]["status"] == "needs_ruling" and rulings:
        known = {v for e in payload["events"] for k, v in e.items() if k in ("agent", "received_by", "named", "recognised_by", "referred_by", "closed_by")}
        rulings = [r if r in known or r is None else None for r in rulings]
        payload = _with_rulings(payload, rulings, t)
        out = split(payload, policy)
        assert out["ok"], out
    return payload, out["result"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=logs())
def test_shares_always_add_up_to_the_commission(policy, drawn):
    """Over random event logs and amounts, shares plus the held amount equal the commission to the fen (no sale: nothing)."""
    payload, result = _run_with_rulings(policy, drawn)
    commission = Decimal(payload["commission"])
    assert all(Decimal(v) >= 0 and Decimal(v) == Decimal(v).quantize(Decimal("0.01")) for v in result["shares"].values())
    if result["status"] == "no_sale":  # another group paid first: nothing to share, nothing held
        assert result["shares"] == {} and result["held"] == "0.00" and result["owner"] is None
        return
    assert total(result["shares"]) + Decimal(result["held"]) == commission
    if result["status"] == "settled":
        assert result["held"] == "0.00" and total(result["shares"]) == commission and result["owner"] in result["shares"]
    elif result["status"] == "forfeited":
        assert list(result["shares"]) == ["company"] and result["owner"] is None
    else:
        assert result["status"] in ("needs_ruling", "awaiting_payment") and result["shares"] == {} and Decimal(result["held"]) == commission
        assert result["owner"] is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=logs())
def test_replay_is_deterministic(policy, drawn):
    """Replaying the same events twice, or after a JSON round trip, gives the identical result."""
    payload, _rulings, _t = drawn
    first = split(payload, policy)
    again = split(json.loads(json.dumps(payload)), json.loads(json.dumps(policy)))
    assert first == again == split(payload, policy)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=logs())
def test_one_split_rule_per_sale_never_helper_and_80_20_together(policy, drawn):
    """Each deal is decided by exactly one split clause; the helper rules and the 80/20 rule never both apply."""
    payload, _rulings, _t = drawn
    result = split(payload, policy)["result"]
    clauses = [c["clause"] for c in result["trail"]]
    assert len([c for c in clauses if c in SPLIT_CLAUSES]) == 1
    assert clauses.count("verbal-claim") == (result["status"] == "awaiting_payment")
    assert not (HELPER_CLAUSES & set(clauses) and "unrecognised" in clauses)
    assert set(clauses) <= set(CLAUSE_IDS)
    if ("unrecognised" in clauses or HELPER_CLAUSES & set(clauses)) and result["status"] == "settled":
        assert len(result["shares"]) == 2
    fines = result["fines"]
    assert [f["clause"] for f in fines] == [c for c in clauses if c in ("ask-first", "dumping")]


# -- bad input -----------------------------------------------------------------

BAD = [
    ("events out of order",
     {"commission": "100", "events": [V("2024-03-02T10:00", "A"), REG("2024-03-01T10:30", "A"), DEAL("2024-03-03T10:00", "A")]},
     "events[2].at", "events_out_of_order", ("第 2 行", "row 2")),
    ("deal before registration",
     {"commission": "100", "events": [V("2024-03-01T10:00", "A"), DEAL("2024-03-01T11:00", "A"), REG("2024-03-01T12:00", "A")]},
     "events[2]", "deal_before_register", ("第 2 行", "row 2")),
    ("unknown agent in a ruling",
     {"commission": "100", "events": [*SIMPLE[:2], DEAL("2024-03-02T10:00", "C"),
                                      {"type": "ruling", "at": "2024-03-03T10:00", "decision": "award", "agent": "Zed"}]},
     "events[4].agent", "unknown_agent", ("Zed", "Zed")),
    ("negative commission", {"commission": "-1.00", "events": SIMPLE}, "commission", "below_min", ("佣金", "Commission")),
    ("unknown policy key", {"commission": "100", "events": SIMPLE, "policy": {"follow_up_dayz": 3}},
     "policy.follow_up_dayz", "unknown_policy_key", ("follow_up_dayz", "follow_up_dayz")),
    ("unknown nested policy key", {"commission": "100", "events": SIMPLE, "policy": {"fines": {"dumping": {"mini": 1}}}},
     "policy.fines.dumping.mini", "unknown_policy_key", ("fines.dumping.mini", "fines.dumping.mini")),
    ("derived policy key", {"commission": "100", "events": SIMPLE, "policy": {"rules": {}}},
     "policy.rules", "unknown_policy_key", ("rules", "rules")),
    ("bad policy value", {"commission": "100", "events": SIMPLE, "policy": {"helper_share": "1.2"}},
     "policy.helper_share", "probability_range", ("协助成交同事的比例", "Helper's share")),
    ("float commission", {"commission": 12.5, "events": SIMPLE}, "commission", "float", ("佣金", "Commission")),
    ("no deal", {"commission": "100", "events": SIMPLE[:2]}, "events", "no_deal", ("事件", "Events")),
    ("event after the deal", {"commission": "100", "events": [*SIMPLE, V("2024-03-04T10:00", "A")]},
     "events[4].type", "event_after_deal", ("第 4 行", "row 4")),
    ("ruling without a clash", {"commission": "100", "events": [*SIMPLE, {"type": "ruling", "at": "2024-03-04T10:00", "decision": "unresolved"}]},
     "events[4].decision", "ruling_without_conflict", ("第 4 行", "row 4")),
    ("award without an agent",
     {"commission": "100", "events": [*SIMPLE[:2], DEAL("2024-03-02T10:00", "C"), {"type": "ruling", "at": "2024-03-03T10:00", "decision": "award"}]},
     "events[4].agent", "required", ("第 4 行", "row 4")),
    ("owner state with nobody identified",
     {"commission": "100", "events": [V("2024-03-01T10:00", "A", owner_state="busy"), *SIMPLE[1:]]},
     "events[1].owner_state", "owner_state_unidentified", ("正在接待别的客户", "Busy with another customer")),
    ("key of another event type", {"commission": "100", "events": [{**SIMPLE[0], "closed_by": "A"}, *SIMPLE[1:]]},
     "events[1].closed_by", "not_for_event_type", ("第 1 行", "row 1")),
    ("bad time", {"commission": "100", "events": [{**SIMPLE[0], "at": "yesterday"}, *SIMPLE[1:]]},
     "events[1].at", "not_a_time", ("yesterday", "yesterday")),
    ("bad flag", {"commission": "100", "events": [SIMPLE[0], {**SIMPLE[1], "real_name_and_phone": "maybe"}, SIMPLE[2]]},
     "events[2].real_name_and_phone", "not_a_flag", ("maybe", "maybe")),
    ("reserved agent name", {"commission": "100", "events": [V("2024-03-01T10:00", "Company"), *SIMPLE[1:]]},
     "events[1].received_by", "reserved_agent", ("Company", "Company")),
    ("unknown event type", {"commission": "100", "events": [{"type": "lunch", "at": "2024-03-01T12:00"}, *SIMPLE]},
     "events[1].type", "invalid_choice", ("lunch", "lunch")),
    ("bad customer group", {"commission": "100", "events": SIMPLE, "customer": "X", "group": "clan"},
     "group", "invalid_choice", ("clan", "clan")),
    ("policy overrides that are not an object", {"commission": "100", "events": SIMPLE, "policy": "{follow_up_days: 3"},
     "policy", "field_not_object", ("试试别的政策数值", "Try other policy values")),
]


@pytest.mark.parametrize("what,payload,field,code,needles", BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_the_event_or_key_in_both_languages(policy, what, payload, field, code, needles):
    """Each bad input gives one clear error naming its event or key, localised in zh and en."""
    zh = split(payload, policy, lang="zh")
    en = split(payload, policy, lang="en")
    assert not zh["ok"] and not en["ok"]
    assert (zh["errors"][0]["field"], zh["errors"][0]["code"]) == (field, code)
    assert (en["errors"][0]["field"], en["errors"][0]["code"]) == (field, code)
    assert needles[0] in zh["errors"][0]["message"] and needles[1] in en["errors"][0]["message"]
    assert zh["errors"][0]["message"] != en["errors"][0]["message"]


def test_all_row_problems_are_reported_together(policy):
    """Several bad keys across rows come back as several errors in one answer."""
    events = [{"type": "visit", "at": "nope"}, {"type": "deal", "at": "2024-03-01T10:00", "units": 0, "closed_by": "A"}]
    out = split({"commission": "100", "events": events}, policy)
    assert [e["field"] for e in out["errors"]] == ["events[1].at", "events[1].received_by", "events[2].units"]


def test_missing_policy_section_is_an_error():
    """Run without a course policy: the error says the attribution section is missing."""
    out = calculators.run(NAME, EXAMPLE, {})
    assert not out["ok"] and out["errors"][0]["code"] == "no_policy"


# -- catalogue and package hygiene ---------------------------------------------


def test_catalog_describes_events_per_type_and_the_example_runs(policy):
    """The catalog lists the event keys per type with zh/en labels, is JSON-ready, and its example runs."""
    spec = calculators.catalog()[NAME]
    json.dumps(spec)
    assert spec["policy_section"] == "attribution"
    events = next(f for f in spec["fields"] if f["name"] == "events")
    assert events["kind"] == "rows"  # the generic table input renders it
    assert set(events["types"]) == {"register", "follow_up", "booking", "visit", "developer_notice", "deal", "ruling"}
    assert events["types"]["visit"]["required"] == ["received_by"]
    labelled = {c["name"] for c in events["columns"] if c["label"]["zh"] and c["label"]["en"]}
    assert {k for t in events["types"].values() for k in t["required"] + t["optional"]} <= labelled
    assert [o["kind"] for o in spec["outputs"]] == ["badge", "code", "mapping", "table", "table"]
    result = split(spec["example"], policy)["result"]
    for out in spec["outputs"]:
        if out["kind"] == "table":
            assert {c["key"] for c in out["columns"]} <= set(result["trail"][0]) | {"agent", "min", "max"}
    flags = [c for c in events["columns"] if c["name"] in ("asked", "answered", "dumped", "real_name_and_phone", "logged")]
    assert all(c["kind"] == "choice" and [x["value"] for x in c["choices"]] == ["true", "false"] for c in flags)


def test_every_reason_template_belongs_to_a_clause():
    """Reason templates are keyed by known clause ids (optionally with a variant) and exist in zh and en."""
    for key, text in REASONS.items():
        assert key.split("/")[0] in CLAUSE_IDS
        assert text["zh"] and text["en"] and text["zh"] != text["en"]


def test_rules_package_uses_only_the_standard_library():
    """calculators/attribution imports nothing outside the standard library (it runs under Pyodide)."""
    root = Path(calculators.__file__).parent / "attribution"
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in sys.stdlib_module_names or name == "__future__", (path.name, name)


def test_policy_values_tried_on_one_case_are_named_by_their_labels(policy):
    """Policy values typed in the form (by path, percentages as typed) change this calculation only; a wrong one is
    reported at its path, named by its label, and a key the policy has not is answered with the labels it has."""
    payload = {"commission": "8888.88", "events": EXAMPLE["events"], "lang": "zh"}
    out = split({**payload, "policy": {"unrecognised_split.second_agent": "70%", "unrecognised_split.first_agent": "30%"}}, policy)
    assert out["ok"] and out["result"]["shares"] == {"B": "6222.22", "A": "2666.66"}
    errors = split({**payload, "policy": {"follow_up_days": "-1", "unrecognised_split.second_agent": "70%"}}, policy)["errors"]
    assert [(e["field"], e["message"]) for e in errors] == [
        ("policy.follow_up_days", "“回访期限”不能小于 0，收到的是 \"-1\"。"),
        ("policy.unrecognised_split", "“双方没认出时的分成”的两部分加起来须等于 100%，现在是 90%。"),
    ]
    unknown = split({**payload, "lang": "en", "policy": {"fines": {"late": "5"}}}, policy)["errors"][0]
    assert unknown["field"] == "policy.fines.late"
    assert unknown["message"].endswith("Known here: Fine for serving without asking, Fine for dumping a customer.")
