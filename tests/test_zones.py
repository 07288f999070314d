"""Time zones come from data shipped in the rules package: one answer in CPython and in Pyodide, 1988 included."""

import sys
from datetime import UTC, datetime

import pytest

import calculators
from calculators import zones
from calculators.attribution.policy import typed

MOMENT_1988 = {"agents": [{"name": "A1", "agency": "A"}, {"name": "B1", "agency": "B"}], "moment": "1988-06-01T05:00+00:00", "lang": "en"}


def test_shanghai_kept_summer_time_in_1988_in_the_shipped_zone():
    """1988-06-01 05:00 UTC is 14:00 in Shanghai (UTC+9, summer time); that December it is UTC+8, as today."""
    z = zones.zone("Asia/Shanghai")
    assert datetime(1988, 6, 1, 5, tzinfo=UTC).astimezone(z).strftime("%H:%M %z") == "14:00 +0900"
    assert datetime(1988, 12, 1, 5, tzinfo=UTC).astimezone(z).strftime("%H:%M %z") == "13:00 +0800"
    assert zones.standard_offset("Asia/Shanghai") == "+08:00"


def test_rotation_reads_the_shipped_zone_even_where_the_machine_has_no_tz_database(policy, monkeypatch):
    """With no tz database at all (as in Pyodide), a 1988 moment still gives the afternoon and agency A."""
    import zoneinfo

    expected = calculators.run("rotation", MOMENT_1988, policy)
    monkeypatch.setitem(sys.modules, "tzdata", None)
    zoneinfo.reset_tzpath([])
    zoneinfo.ZoneInfo.clear_cache()
    try:
        with pytest.raises(zoneinfo.ZoneInfoNotFoundError):
            zoneinfo.ZoneInfo("Asia/Shanghai")
        zones._CACHE.clear()
        out = calculators.run("rotation", MOMENT_1988, policy)
    finally:
        zoneinfo.reset_tzpath()
    assert out == expected
    assert out["result"]["phone_now"] == "A1 (A)"
    assert any("afternoon: agency A" in line for line in out["result"]["trail"])


def test_rotation_and_attribution_count_days_on_the_same_clock(policy):
    """15:30 UTC on 1988-06-01 is already 2 June on the Shanghai wall clock in summer time, for both engines."""
    instant = datetime(1988, 6, 1, 15, 30, tzinfo=UTC)
    attribution = typed(policy["attribution"]).tz
    rotation = zones.zone(policy["rotation"]["time_zone"])
    assert instant.astimezone(attribution).date().isoformat() == "1988-06-02"
    assert instant.astimezone(rotation) == instant.astimezone(attribution)


def test_a_policy_zone_must_be_shipped_and_its_offset_agree(policy):
    """An unknown zone name, or an offset that is not the zone's, is a policy error naming what is available."""
    from calculators.attribution.policy import check
    from calculators.base import InputErrors
    from calculators.rotation import check_policy

    with pytest.raises(InputErrors) as err:
        check_policy({**policy["rotation"], "time_zone": "Mars/Olympus"})
    assert err.value.problems[0][:2] == ("policy.time_zone", "invalid_choice")
    assert {"zh": "Asia/Shanghai", "en": "Asia/Shanghai"} in err.value.problems[0][2]["choices"]  # the choices' labels
    section = {k: v for k, v in policy["attribution"].items() if k not in ("figures", "rules")}
    with pytest.raises(InputErrors) as err:
        check({**section, "time_zone": {**section["time_zone"], "name": "Asia/Tokyo", "utc_offset": "+09:00"}})
    assert ("policy.time_zone.name", "invalid_choice") in [p[:2] for p in err.value.problems]
    with pytest.raises(InputErrors) as err:
        check({**section, "time_zone": {**section["time_zone"], "name": "Asia/Shanghai", "utc_offset": "+09:00"}})
    assert [p[:2] for p in err.value.problems] == [("policy.time_zone.utc_offset", "offset_mismatch")]


def test_shipped_zone_data_is_the_release_it_names():
    """zonedata.py holds the bytes of the tzdata release it records (checked when that release is installed)."""
    import base64

    from calculators.zonedata import RELEASE, ZONES

    tzdata = pytest.importorskip("tzdata")
    if tzdata.IANA_VERSION != RELEASE:
        pytest.skip(f"tzdata {tzdata.IANA_VERSION} installed, the rules ship {RELEASE}")
    from importlib.resources import files

    for name, data in ZONES.items():
        assert base64.b64decode(data) == files("tzdata").joinpath("zoneinfo", *name.split("/")).read_bytes(), name
