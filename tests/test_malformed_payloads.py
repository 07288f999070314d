"""Malformed payloads, generated: every calculator answers with well-formed field errors, never internal_error."""

from __future__ import annotations

import copy
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import calculators
from calculators.i18n import MESSAGES

NAMES = sorted(calculators.REGISTRY)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# English messages may quote the Chinese column headers a paste accepts; no other Chinese of their own.
QUOTED_ZH = {ch for calc in calculators.catalog().values() for f in calc["fields"] for col in f.get("columns", [])
             for ch in col["label"]["zh"]}


def _deep(levels: int) -> list:
    out: list = []
    for _ in range(levels):
        out = [out]
    return out


# Values seen to break calculators before, or at an edge of a stated limit.
EDGES = [
    "100000000000000000000000000", "1e26", "-99999999999999999999999999999.99", "999999999999.99", "1000000000000",
    "²", "³", "١٢", "１２", "0²", "1_000", "٣.٥",
    "0001-01-01", "9999-12-31", "1899-12-31", "2100-01-01", "2024-02-30", "20240301", "2024-W01-1",
    "0001-01-01T00:00+08:00", "9999-12-31T23:59-08:00", "0001-01-01T00:00+14:00", "1988-06-01T05:00+00:00",
    "2024-03-02T10:00+99:00", "2024-03-02T24:00", "24:00", "23:60", "-1:00", "１２：３０",
    "NaN", "Infinity", "-0", "1e999", "\ud800", "a\udfffb", "", " ", "\x00", "、", "x" * 70_000, "[" * 5_000, '{"a": 1, "a": 2}',
    "名称\t金额\t赢率\n\"未闭合\t1\t0.5\n", "名称,金额,赢率\n" + "y" * 140_000 + ",1,0.5\n",
    "amount,probability\n" + "1,0.5\n" * 2_100,
    None, True, False, 0, -1, 10**30, -(10**30), 1.5, float("nan"), float("inf"),
    [], {}, [[]], [{}], {"": None}, _deep(500),
]
JUNK = st.one_of(
    st.sampled_from(EDGES).map(copy.deepcopy),  # a fresh copy: later mutations must not change EDGES
    st.text(max_size=12),
    st.text(alphabet="0123456789²٣１.,+-", min_size=1, max_size=30),  # number-like
    st.builds("{:04d}-{:02d}-{:02d}{}".format, st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32),  # date-like
              st.sampled_from(["", "T10:00", "T23:59+14:00", "T00:00-12:00", "T00:00Z", " 24:00", "T10:00+99:00"])),
    st.integers(), st.floats(), st.booleans(), st.none(),
    st.lists(st.integers() | st.text(max_size=4) | st.lists(st.none(), max_size=2), max_size=3),
    st.dictionaries(st.text(max_size=4), st.none() | st.integers() | st.text(max_size=4), max_size=3),
)


def _example(name: str) -> dict:
    return copy.deepcopy(dict(calculators.REGISTRY[name].example))


@st.composite
def malformed(draw, name: str) -> dict:
    """The calculator's example with one to three parts replaced by junk."""
    calc = calculators.REGISTRY[name]
    payload = _example(name)
    keys = [f.name for f in calc.fields] + ["unknown_key", "lang"]
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(keys))
        how = draw(st.sampled_from(["replace", "drop", "cell", "row"]))
        value = payload.get(key)
        if how == "drop":
            payload.pop(key, None)
        elif how in ("cell", "row") and isinstance(value, list) and value:
            i = draw(st.integers(0, len(value) - 1))
            if how == "row" or not isinstance(value[i], dict) or not value[i]:
                value[i] = draw(JUNK)
            else:
                col = draw(st.sampled_from(sorted(value[i]) + ["unknown_column"]))
                value[i][col] = draw(JUNK)
        else:
            payload[key] = draw(JUNK)
    return payload


def _check(name: str, payload: dict, policy: dict) -> None:
    shown_input = json.dumps(payload, ensure_ascii=False, default=str) if _shallow(payload) else ""
    for lang in ("zh", "en"):
        answer = calculators.run(name, {**payload, "lang": lang} if "lang" not in payload else payload, policy)
        assert set(answer) in ({"ok", "result"}, {"ok", "errors"}), answer
        json.dumps(answer)  # JSON-ready, always
        if answer["ok"]:
            continue
        assert answer["errors"], answer
        for err in answer["errors"]:
            assert set(err) == {"field", "code", "message"}, err
            assert err["code"] != "internal_error", (payload, err)
            assert err["code"] in MESSAGES, err
            assert isinstance(err["field"], str) and len(err["field"]) <= 200, err
            assert isinstance(err["message"], str) and err["message"].strip(), err
            assert len(err["message"]) < 2_000, err["message"][:200]
            if lang == "en" and payload.get("lang", "en") == "en":
                stray = {c for c in CJK.findall(err["message"]) if c not in shown_input and c not in QUOTED_ZH}
                assert not stray, (err, stray)


def _shallow(payload: dict) -> bool:
    try:
        json.dumps(payload)
        return True
    except (ValueError, RecursionError):
        return False


@pytest.fixture(scope="module")
def effective_policy():
    from playbook.policy import load_policy

    return load_policy()


@pytest.mark.parametrize("name", NAMES)
def test_malformed_payloads_get_well_formed_field_errors_in_both_languages(name, effective_policy):
    """2,000 generated malformed payloads per calculator: never internal_error; every error has field,
    code and message, and an English message carries no Chinese text that the payload did not."""

    ran: list[int] = []

    @settings(max_examples=2_000, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(malformed(name))
    def check(payload):
        ran.append(1)
        _check(name, payload, effective_policy)

    check()
    assert len(ran) >= 2_000
