"""Dates and times read as people type them (calculators/dates.py), in the fields, once."""

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

import calculators
from calculators.dates import DateError, parse_clock, parse_date, parse_moment


@pytest.mark.parametrize("text,moment", [
    ("2024-03-02T10:00", datetime(2024, 3, 2, 10, 0)),
    ("2024-03-02 10:00", datetime(2024, 3, 2, 10, 0)),
    ("2024/03/02 10:00", datetime(2024, 3, 2, 10, 0)),
    ("2024/3/2 9:05", datetime(2024, 3, 2, 9, 5)),
    ("2024年3月2日 10:00", datetime(2024, 3, 2, 10, 0)),
    ("2024年3月2日下午2点半", datetime(2024, 3, 2, 14, 30)),
    ("２０２４／３／２　１０：００", datetime(2024, 3, 2, 10, 0)),
    ("2024-3-2 2:30 pm", datetime(2024, 3, 2, 14, 30)),
    ("2024-03-02T10:00+08:00", datetime(2024, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=8)))),
])
def test_moments_as_people_type_them(text, moment):
    """Slashes, 年月日, full-width digits, 下午/pm and the ISO form all read as the same wall-clock moment."""
    assert parse_moment(text) == moment


@pytest.mark.parametrize("text,code", [
    ("3月2日 10:00", "needs_year"), ("2024-03-02", "not_a_time"), ("2024-13-02 10:00", "not_a_time"),
    ("2024-03-02 25:00", "not_a_time"), ("2024-03-02 10点+08:00", "not_a_time"), ("1850-01-01 10:00", "date_out_of_range"),
])
def test_moments_refused_say_why(text, code):
    """A moment without a year, a date alone, an impossible date or hour, or a year out of range is refused with its code."""
    with pytest.raises(DateError) as err:
        parse_moment(text)
    assert err.value.code == code


def test_clock_times_and_dates():
    """Clock times (9点30, 下午1:30, 12:00 am) and dates (2026/3/5, 2026年3月5日; 3月5日 given a year) read one way."""
    assert [parse_clock(t) for t in ("14:05", "9：30", "9点30", "9点", "下午1:30", "12:00 am")] == [
        time(14, 5), time(9, 30), time(9, 30), time(9, 0), time(13, 30), time(0, 0)]
    assert {parse_date(t) for t in ("2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日")} == {date(2026, 3, 5)}
    assert parse_date("3月5日", year=2026) == date(2026, 3, 5)
    with pytest.raises(DateError):
        parse_clock("下午13:00")


def test_an_event_log_typed_as_people_type_it(policy):
    """The commission split reads 2024/03/02 10:00 and 3月2日 10:00 (its year from the rows around it) like the ISO form,
    in the policy's time zone; a log with no year at all asks for one, naming the row."""
    iso = [{"type": "visit", "at": "2024-03-02T10:00", "received_by": "A"},
           {"type": "register", "at": "2024-03-02T11:30", "agent": "A", "real_name_and_phone": "true"},
           {"type": "deal", "at": "2024-03-09T16:30", "closed_by": "A"}]
    typed = [{**iso[0], "at": "3月2日 10:00"}, {**iso[1], "at": "2024/03/02 11:30"}, {**iso[2], "at": "3月9日下午4点半"}]
    runs = [calculators.run("commission-split", {"commission": "1000", "events": ev}, policy) for ev in (iso, typed)]
    assert runs[0]["ok"] and runs[0]["result"] == runs[1]["result"]
    out = calculators.run("commission-split", {"commission": "1000", "events": [{**iso[0], "at": "3月2日 10:00"}], "lang": "en"}, policy)
    assert out["errors"][0]["field"] == "events[1].at" and out["errors"][0]["code"] == "needs_year"
    assert "Events, row 1, Time" in out["errors"][0]["message"] and "add it" in out["errors"][0]["message"]


def test_now_is_written_on_the_policys_clock(policy):
    """The form's "now" fills in the policy's wall clock (UTC+8 here), as the field is typed."""
    at = int(datetime(2024, 3, 2, 2, 0, tzinfo=UTC).timestamp() * 1000)
    assert calculators.now_text("commission-split", "at", at, policy) == "2024-03-02 10:00"
    assert calculators.now_text("rotation", "at", at, policy) == "10:00"
    assert calculators.now_text("trade-show-leads", "show_end", at, policy) == "2024-03-02"
    with pytest.raises(ValueError):
        calculators.now_text("qualification", "money", at, policy)
