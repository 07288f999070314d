"""The `attribution` policy section: values only in playbook_src/policy/attribution.yaml, checked by the rules."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

import calculators
from calculators.attribution import CLAUSE_IDS
from calculators.attribution.policy import check
from calculators.base import InputErrors
from calculators.i18n import message
from playbook import paths
from playbook.policy import load_policy
from playbook.yamlfile import SourceError, load

YAML = paths.POLICY / "attribution.yaml"


@pytest.fixture(scope="module")
def raw():
    return load(YAML).data


def problems(section):
    """The (path, code) of each problem; every one must also format as a message in zh and en, naming its value."""
    with pytest.raises(InputErrors) as err:
        check(section)
    for _, code, params in err.value.problems:
        label = params.pop("_label")
        zh, en = (message(code, lang, label=label[lang], **params) for lang in ("zh", "en"))
        assert zh != en and label["zh"] in zh and label["en"] in en
    return [(path, code) for path, code, _ in err.value.problems]


def test_registered_and_loaded_with_the_documented_figures(policy):
    """load_policy() checks attribution.yaml with the registered check; the figures are the source's."""
    assert "attribution" in calculators.POLICY_CHECKS
    a = policy["attribution"]
    assert a["follow_up_days"] == 7
    assert a["helper_share"] == "0.20"
    assert a["unrecognised_split"] == {"second_agent": "0.80", "first_agent": "0.20"}
    assert a["group_purchase_units"] == 5
    assert a["fines"] == {"not_asking": "20.00", "dumping": {"min": "100.00", "max": "500.00"}}
    assert a["time_zone"] == {"name": "Asia/Shanghai", "utc_offset": "+08:00", "label": {"zh": "北京时间", "en": "China Standard Time"}}
    assert a["dismissal_after"] == 3
    assert a["named_agent_ignores_validity"] is False and a["absent_agent"] == "helper_share"
    assert all(set(r) == {"source", "title", "zh", "en"} and r["title"]["zh"] and r["title"]["en"] for r in a["rules"].values())
    assert list(a["clauses"]) == list(CLAUSE_IDS) == list(a["rules"])
    json.dumps(a)


def test_check_is_idempotent(policy):
    """Checking an already-cleaned section (e.g. after a JSON trip to the browser) changes nothing."""
    cleaned = policy["attribution"]
    assert check(json.loads(json.dumps(cleaned))) == cleaned


def test_rule_texts_are_filled_from_the_figures(raw):
    """Rule texts carry the figures through placeholders, so a changed figure changes the text."""
    changed = copy.deepcopy(raw)
    changed["follow_up_days"] = 10
    changed["helper_share"] = 0.25
    out = check(changed)
    assert "10" in out["rules"]["follow-up-window"]["en"] and "7" not in out["rules"]["follow-up-window"]["en"]
    assert "25%" in out["rules"]["busy-owner"]["zh"] and "75%" in out["rules"]["busy-owner"]["zh"]
    assert not any("{" in r[lang] or "}" in r[lang] for r in out["rules"].values() for lang in ("zh", "en"))


def test_window_of_zero_and_shares_at_the_ends_are_allowed(raw):
    """A 0-day window, a helper share of 0 or 1 and a 1/0 split are all valid."""
    for change in ({"follow_up_days": 0}, {"helper_share": 0}, {"helper_share": "1"},
                   {"unrecognised_split": {"second_agent": 1, "first_agent": 0}}):
        check({**raw, **change})


@pytest.mark.parametrize("change,path,code", [
    ({"follow_up_days": -1}, "policy.follow_up_days", "below_min"),
    ({"follow_up_days": 7.5}, "policy.follow_up_days", "not_an_integer"),
    ({"follow_up_days": True}, "policy.follow_up_days", "not_an_integer"),
    ({"helper_share": 1.2}, "policy.helper_share", "probability_range"),
    ({"helper_share": "abc"}, "policy.helper_share", "not_a_probability"),
    ({"unrecognised_split": {"second_agent": 0.8, "first_agent": 0.3}}, "policy.unrecognised_split", "shares_sum"),
    ({"unrecognised_split": {"second_agent": 0.8}}, "policy.unrecognised_split.first_agent", "schema_missing"),
    ({"group_purchase_units": 0}, "policy.group_purchase_units", "below_min"),
    ({"fines": {"not_asking": 20, "dumping": {"min": 600, "max": 500}}}, "policy.fines.dumping.min", "fine_order"),
    ({"fines": {"not_asking": -20, "dumping": {"min": 100, "max": 500}}}, "policy.fines.not_asking", "below_min"),
    ({"fines": {"not_asking": "20.001", "dumping": {"min": 100, "max": 500}}}, "policy.fines.not_asking", "sub_fen"),
    ({"time_zone": {"name": "Asia/Shanghai", "utc_offset": "8"}}, "policy.time_zone.utc_offset", "not_an_offset"),
    ({"time_zone": {"name": "", "utc_offset": "+08:00"}}, "policy.time_zone.name", "required"),
    ({"time_zone": "Asia/Shanghai"}, "policy.time_zone", "schema_not_mapping"),
    ({"helper_sharre": 0.2}, "policy.helper_sharre", "schema_unknown_key"),
    ({"dismissal_after": 0}, "policy.dismissal_after", "below_min"),
    ({"named_agent_ignores_validity": "yes"}, "policy.named_agent_ignores_validity", "not_a_flag"),
    ({"absent_agent": "split"}, "policy.absent_agent", "invalid_choice"),
    ({"time_zone": {"name": "Asia/Shanghai", "utc_offset": "+08:00", "label": {"zh": "北京时间"}}},
     "policy.time_zone.label.en", "schema_missing_language"),
])
def test_each_bad_value_is_named_by_its_path(raw, change, path, code):
    """A bad value is reported with the policy path of its key and a specific code."""
    assert (path, code) in problems({**raw, **change})


def test_clauses_must_match_the_engine(raw):
    """A missing clause, an unknown clause, an empty text and an unknown placeholder are each reported."""
    clauses = dict(raw["clauses"])
    del clauses["forfeit"]
    clauses["coffee"] = {"zh": "喝茶", "en": "tea"}
    clauses["ruling"] = {**clauses["ruling"], "en": " "}
    clauses["dumping"] = {**clauses["dumping"], "zh": "罚款 {fine_dumping_maximum} 元"}
    clauses["owner-deal"] = {**clauses["owner-deal"], "en": "unbalanced { brace"}
    clauses["conflict"] = {**clauses["conflict"], "title": {"zh": "撞单"}}
    found = problems({**raw, "clauses": clauses})
    assert ("policy.clauses.forfeit", "schema_missing") in found
    assert ("policy.clauses.coffee", "schema_unknown_key") in found
    assert ("policy.clauses.ruling.en", "required") in found
    assert ("policy.clauses.dumping.zh", "template_placeholder") in found
    assert ("policy.clauses.owner-deal.en", "template_braces") in found
    assert ("policy.clauses.conflict.title.en", "schema_missing_language") in found


def test_all_problems_come_back_together(raw):
    """Two bad values give two problems in one error."""
    found = problems({**raw, "follow_up_days": -1, "helper_share": 2})
    assert {p for p, _ in found} == {"policy.follow_up_days", "policy.helper_share"}


def test_course_override_error_names_the_course_file_line(tmp_path):
    """A bad course override is reported against the course file, at the key's line, naming the key."""
    from playbook.yamlfile import load as load_yaml

    course = tmp_path / "course.yaml"
    course.write_text("title: x\npolicy:\n  attribution:\n    follow_up_days: -3\n", encoding="utf-8")
    doc = load_yaml(course)
    with pytest.raises(SourceError) as err:
        load_policy(doc.data["policy"], doc)
    assert err.value.path == course and err.value.line == 4 and "follow_up_days" in err.value.what


def test_bad_policy_file_error_names_the_file_line(tmp_path):
    """A bad value in attribution.yaml itself is reported with that file and line."""
    shutil.copy(YAML, tmp_path / "attribution.yaml")
    text = (tmp_path / "attribution.yaml").read_text(encoding="utf-8").replace("helper_share: 0.20", "helper_share: 1.20")
    (tmp_path / "attribution.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_policy(policy_dir=tmp_path)
    line = next(i for i, s in enumerate(text.splitlines(), start=1) if s.startswith("helper_share"))
    assert err.value.line == line and "helper_share" in err.value.what


def test_policy_figures_live_only_in_the_yaml():
    """The rules package holds no literal copy of a policy figure (shares, days, units, fines, time zone)."""
    import ast

    # 100 is left out: it turns shares into percents; 3 (dismissal) too: it numbers a regex group
    forbidden = {0.2, 0.8, 7, 5, 20, 500, "0.2", "0.20", "0.8", "0.80", "7", "5", "20", "100", "500", "3",
                 "Asia/Shanghai", "+08:00", "UTC+08:00", "北京时间"}
    root = Path(calculators.__file__).parent / "attribution"
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and id(node) not in docstrings and not isinstance(node.value, bool):
                assert node.value not in forbidden, (path.name, node.lineno, node.value)
