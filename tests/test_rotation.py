"""Duty rotation (§S9 §S11 §S12 §S14): walk-in turns and half-day phone duty."""

import itertools
from datetime import date, timedelta

import pytest

import calculators
from conftest import golden_cases

FOUR = [{"name": "A1", "agency": "A"}, {"name": "B1", "agency": "B"}, {"name": "A2", "agency": "A"}, {"name": "B2", "agency": "B"}]


@pytest.fixture()
def rot(policy):
    def run(lang="en", **payload):
        return calculators.run("rotation", {"lang": lang, **payload}, policy)
    return run


@pytest.mark.parametrize("case", golden_cases("rotation"), ids=lambda c: c["file"])
def test_golden_cases(case, policy):
    """The golden cases (also replayed in Chromium) hold in CPython."""
    out = calculators.run("rotation", case["payload"], policy)
    assert out["ok"], out
    for key, value in case["expect"].items():
        assert out["result"][key] == value, key


def test_first_walk_in_goes_to_the_top_of_the_list(rot):
    """With nothing yet today, the first on the list takes the next walk-in (R1)."""
    r = rot(agents=[{"name": "x"}, {"name": "y"}], date="2026-11-26", moment="09:00")["result"]
    assert (r["next_walk_in"], r["walk_in_queue"]) == ("x", ["y"])
    assert r["trail"][0].startswith("R1 ")


def test_skipped_turn_goes_to_the_next_and_counts_as_theirs(rot):
    """An agent away on their turn is passed over; the one who received moves the pointer past them (R2)."""
    events = [{"at": "09:10", "type": "away", "agent": "x"}, {"at": "09:20", "type": "reception", "agent": "y"}]
    r = rot(agents=[{"name": "x"}, {"name": "y"}, {"name": "z"}], date="2026-11-26", moment="09:30", events=events)["result"]
    assert r["next_walk_in"] == "z" and r["walk_in_queue"] == ["y"]
    assert any(t.startswith("R2 ") and "x" in t for t in r["trail"])
    events.append({"at": "09:40", "type": "back", "agent": "x"})
    r = rot(agents=[{"name": "x"}, {"name": "y"}, {"name": "z"}], date="2026-11-26", moment="09:45", events=events)["result"]
    assert r["next_walk_in"] == "z" and r["walk_in_queue"] == ["x", "y"]


def test_designated_visit_uses_no_turn(rot):
    """A visitor asking for an agent leaves the turn order where it was (R3)."""
    base = dict(agents=[{"name": "x"}, {"name": "y"}], date="2026-11-26", moment="10:00")
    before = rot(**base)["result"]["next_walk_in"]
    after = rot(**base, events=[{"at": "09:30", "type": "designated", "agent": "x"}])["result"]
    assert before == after["next_walk_in"] == "x"
    assert any(t.startswith("R3 ") for t in after["trail"])


def test_lost_turn_is_skipped_once(rot):
    """An invalid claim costs exactly one turn (R4): passed over once, then back in the queue."""
    agents = [{"name": "x"}, {"name": "y"}, {"name": "z"}]
    events = [{"at": "09:05", "type": "lost_turn", "agent": "x"}]
    r = rot(agents=agents, date="2026-11-26", moment="09:10", events=events)["result"]
    assert r["next_walk_in"] == "y" and r["walk_in_queue"] == ["z", "x"]
    events += [{"at": "09:20", "type": "reception", "agent": "y"}, {"at": "09:30", "type": "reception", "agent": "z"}]
    r = rot(agents=agents, date="2026-11-26", moment="09:40", events=events)["result"]
    assert r["next_walk_in"] == "x"


def test_handed_back_customer_earns_a_make_up_turn(rot):
    """Handing an old customer back does not cost the turn: a make-up turn comes first (R5)."""
    agents = [{"name": "x"}, {"name": "y"}, {"name": "z"}]
    events = [{"at": "09:05", "type": "reception", "agent": "x"}, {"at": "09:30", "type": "handed_back", "agent": "x"}]
    r = rot(agents=agents, date="2026-11-26", moment="09:40", events=events)["result"]
    assert r["next_walk_in"] == "x" and r["walk_in_queue"] == ["y", "z"]


@pytest.mark.parametrize("moment,agency", [("13:29", "A"), ("13:30", "B"), ("09:00", "A"), ("17:59", "B")])
def test_half_day_switch_at_13_30_exactly(rot, moment, agency):
    """On the reference day agency A has the morning; 13:30 exactly is afternoon (P1)."""
    r = rot(agents=FOUR, date="2012-05-01", moment=moment)["result"]
    assert r["phone_now"].endswith(f"({agency})")


def test_agencies_swap_every_day_across_month_and_year_ends(rot):
    """Over 70 consecutive days across 2026-12 and 2027-01, the morning agency alternates daily (P2)."""
    start = date(2026, 11, 25)
    mornings = []
    for i in range(70):
        day = start + timedelta(days=i)
        r = rot(agents=FOUR, date=day.isoformat(), moment="10:00")["result"]
        mornings.append(r["phone_now"][-2])
        pm = rot(agents=FOUR, date=day.isoformat(), moment="14:00")["result"]["phone_now"][-2]
        assert pm != mornings[-1]
    assert all(a != b for a, b in itertools.pairwise(mornings))
    assert (date(2026, 11, 25) - date(2012, 5, 1)).days % 2 == (0 if mornings[0] == "A" else 1)


def test_moment_in_utc_is_read_in_shanghai_time(rot):
    """2026-12-31T17:30Z is 01:30 on 1 January in Shanghai: outside hours; 2027-01-01T02:00Z is 10:00 there."""
    out = rot(agents=FOUR, moment="2026-12-31T17:30:00+00:00")
    assert out["errors"][0]["code"] == "outside_hours"
    r = rot(agents=FOUR, moment="2027-01-01T02:00:00Z")["result"]
    same = rot(agents=FOUR, date="2027-01-01", moment="10:00")["result"]
    assert r["phone_now"] == same["phone_now"]


def test_each_agency_goes_down_its_own_list(rot):
    """After B1 answers, B's next call goes to B2, while A's list is untouched (P3)."""
    events = [{"at": "13:35", "type": "phone", "agent": "B1"}]
    r = rot(agents=FOUR, date="2012-05-01", moment="13:40", events=events)["result"]
    assert r["phone_now"] == "B2 (B)"


@pytest.mark.parametrize("payload,field,code", [
    (dict(date="2026-11-26", moment="10:00", events=[{"at": "09:00", "type": "reception", "agent": "Zoe"}]), "events[1].agent", "agent_not_on_list"),
    (dict(date="2026-11-26", moment="10:00", switch="08:00"), "switch", "shifts_overlap"),
    (dict(date="2026-11-26", moment="10:00", opens="12:00", switch="11:00"), "switch", "shifts_overlap"),
    (dict(date="2026-11-26", moment="08:59"), "moment", "outside_hours"),
    (dict(date="2026-11-26", moment="18:00"), "moment", "outside_hours"),
    (dict(date="2026-11-26", moment="lunch"), "moment", "not_a_clock_time"),
    (dict(moment="10:00"), "date", "needs_date"),
    (dict(date="2026-11-26", moment="10:00", events=[{"at": "09:30", "type": "reception", "agent": "A1"},
                                                     {"at": "09:10", "type": "reception", "agent": "B1"}]), "events[2].at", "out_of_order"),
    (dict(date="2026-11-26", moment="10:00", events=[{"at": "11:00", "type": "reception", "agent": "A1"}]), "events[1].at", "after_moment"),
])
def test_bad_input_gets_a_clear_localised_answer(rot, payload, field, code):
    """An agent missing from the list, overlapping shifts, a moment outside hours and more: named, in zh and en."""
    zh = rot(lang="zh", agents=FOUR, **payload)
    en = rot(lang="en", agents=FOUR, **payload)
    assert not zh["ok"] and (zh["errors"][0]["field"], zh["errors"][0]["code"]) == (field, code)
    assert zh["errors"][0]["message"] != en["errors"][0]["message"]


def test_duplicate_and_mixed_agency_lists_are_refused(rot):
    """An agent listed twice, or agencies filled for only some agents, is a named error."""
    out = rot(agents=[{"name": "x"}, {"name": "x"}], date="2026-11-26", moment="10:00")
    assert out["errors"][0]["field"] == "agents[2].name"
    out = rot(agents=[{"name": "x", "agency": "A"}, {"name": "y"}], date="2026-11-26", moment="10:00")
    assert out["errors"][0]["code"] == "agency_missing"
    out = rot(agents=[{"name": "x", "agency": "C"}, {"name": "y", "agency": "A"}], date="2026-11-26", moment="10:00")
    assert out["errors"][0]["code"] == "unknown_agency"


def test_policy_problems_name_the_file_and_line(tmp_path):
    """A rotation policy whose switch is before opening fails with the file and line of the value."""
    import shutil

    from playbook.paths import POLICY
    from playbook.policy import load_policy
    from playbook.yamlfile import SourceError

    for f in POLICY.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    text = (tmp_path / "rotation.yaml").read_text(encoding="utf-8").replace('switch: "13:30"', 'switch: "08:30"')
    (tmp_path / "rotation.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_policy(policy_dir=tmp_path)
    assert err.value.path.name == "rotation.yaml" and err.value.line == 5
    with pytest.raises(SourceError) as err:
        load_policy({"rotation": {"swich": "13:00"}}, policy_dir=POLICY)
    assert "policy.rotation.swich: unknown key 'swich'" in str(err.value)
