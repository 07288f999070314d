"""Policy sections declared by the rules: every value labelled and explained, every problem of a file at once, in zh or en."""

from __future__ import annotations

import json
import shutil

import pytest

import calculators
from playbook import paths
from playbook.course import load_course
from playbook.lang import reader_lang
from playbook.policy import checked_course, load_policy, policy_reference
from playbook.yamlfile import SourceError, SourceErrors

DERIVED = {("attribution", "figures"), ("attribution", "rules")}


def leaves(tree, prefix=()):
    """Key paths of the plain values in a cleaned section (bilingual texts count as one value)."""
    if isinstance(tree, dict) and set(tree) != {"zh", "en"}:
        for key, value in tree.items():
            yield from leaves(value, (*prefix, key))
    else:
        yield prefix


def test_every_policy_value_is_declared_with_label_help_and_default(policy):
    """Each value in playbook_src/policy/*.yaml has a catalog entry: zh and en label and help, its kind, its default."""
    catalog = calculators.policy_catalog(policy)
    assert set(catalog) == {"attribution", "forecast", "rotation", "scorecards"}
    for section in ("attribution", "forecast", "rotation"):
        entries = {e["path"]: e for e in catalog[section]["values"]}
        assert catalog[section]["calculators"], section
        for key in leaves(policy[section]):
            if key[:1] and (section, key[0]) in DERIVED:
                continue
            path = ".".join(map(str, key))
            entry = entries.get(path) or entries.get(path.rsplit(".", 1)[0])  # a list of agencies is one value
            assert entry is not None, (section, path)
            for lang in ("zh", "en"):
                assert entry["label"][lang].strip() and entry["help"][lang].strip(), (section, path)
            assert entry["label"]["zh"] != entry["label"]["en"] or entry["kind"] == "bilingual", (section, path)
            assert entry["kind"] and "value" not in entry
    by_path = {e["path"]: e for e in catalog["attribution"]["values"]}
    days = by_path["follow_up_days"]
    assert (days["kind"], days["min"], days["unit"]["zh"], days["default"]) == ("integer", 0, "天", policy["attribution"]["follow_up_days"])
    assert by_path["absent_agent"]["choices"][0]["value"] == "helper_share"
    assert by_path["fines.dumping.max"]["kind"] == "money" and by_path["fines.dumping.max"]["default"] == "500.00"
    json.dumps(catalog)


def test_the_reference_gives_defaults_and_the_course_value():
    """policy_reference(course overrides): the policy files' value as default, the course's as value."""
    catalog = policy_reference({"attribution": {"follow_up_days": 10}, "forecast": {"stages": {"proposal": {"probability": "0.35"}}}})
    days = next(e for e in catalog["attribution"]["values"] if e["path"] == "follow_up_days")
    assert (days["default"], days["value"]) == (7, 10)
    rate = next(e for e in catalog["forecast"]["values"] if e["path"] == "stages.proposal.probability")
    assert (rate["default"], rate["value"], rate["kind"]) == ("0.4", "0.35", "probability")


BOUNDED = {"integer", "decimal", "money", "probability", "date"}


def test_every_reference_entry_says_what_a_form_or_a_reference_page_needs():
    """Given a course, every entry of every section has its path, zh/en label and help, unit, bounds or choices, default and value."""
    catalog = policy_reference({"rotation": {"opens": "08:30"}})
    for section, described in catalog.items():
        assert described["title"]["zh"] and described["title"]["en"] and described["summary"]["en"], section
        for entry in described["values"]:
            where = (section, entry["path"])
            assert {"path", "kind", "label", "help", "unit", "default", "value"} <= set(entry), where
            assert all(entry[k][lang].strip() for k in ("label", "help") for lang in ("zh", "en")), where
            if entry["kind"] in BOUNDED:
                assert entry["min"] is not None and entry["max"] is not None, where
            if entry["kind"] == "choice":
                assert entry["choices"] and all(c["label"]["zh"] and c["label"]["en"] for c in entry["choices"]), where
            if entry["kind"] == "list":
                assert entry["item"] and all(i["label"]["en"] for i in entry["item"]), where
    opens = next(e for e in catalog["rotation"]["values"] if e["path"] == "opens")
    assert (opens["default"], opens["value"]) == ("09:00", "08:30")
    agencies = next(e for e in catalog["rotation"]["values"] if e["path"] == "agencies")
    assert (agencies["min_items"], agencies["item"][0]["kind"], agencies["value"]) == (2, "text", ["A", "B"])


def copy_policy(tmp_path):
    for f in paths.POLICY.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text.replace(old, new)


def line_of(text, start):
    return next(i for i, s in enumerate(text.splitlines(), start=1) if s.startswith(start))


def test_every_problem_in_the_policy_files_is_reported_at_once(tmp_path):
    """Three mistakes in two policy files give three problems, each with its own file and line, in file order."""
    folder = copy_policy(tmp_path)
    attribution = edit(folder / "attribution.yaml", "follow_up_days: 7 ", "follow_up_days: -7 ")
    attribution = edit(folder / "attribution.yaml", "helper_share: 0.20", "helper_share: 1.20")
    rotation = edit(folder / "rotation.yaml", 'closes: "18:00"', 'closes: "18:70"')
    with pytest.raises(SourceErrors) as err:
        load_policy(policy_dir=folder)
    found = [(p.path.name, p.line, p.what.split(":")[0]) for p in err.value.problems]
    assert found == [("attribution.yaml", line_of(attribution, "follow_up_days"), "follow_up_days"),
                     ("attribution.yaml", line_of(attribution, "helper_share"), "helper_share"),
                     ("rotation.yaml", line_of(rotation, "closes"), "closes")]
    assert str(err.value).count("\n") == 2


def test_problems_come_in_the_readers_language(tmp_path):
    """The same mistake reads in Chinese for a Chinese reader, with the value's Chinese label."""
    folder = copy_policy(tmp_path)
    edit(folder / "attribution.yaml", "follow_up_days: 7 ", "follow_up_days: -7 ")
    with pytest.raises(SourceError) as err:
        load_policy(policy_dir=folder, lang="zh")
    assert err.value.what == "follow_up_days: “回访期限”不能小于 0，收到的是 -7。"
    with pytest.raises(SourceError) as err:
        load_policy(policy_dir=folder, lang="en")
    assert err.value.what == "follow_up_days: 'Follow-up window' must be at least 0; received -7."


def test_reader_language_comes_from_the_setting_or_the_locale():
    """PLAYBOOK_LANG wins; else a zh locale reads Chinese; else English."""
    assert reader_lang({"PLAYBOOK_LANG": "zh", "LANG": "en_US.UTF-8"}) == "zh"
    assert reader_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert reader_lang({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert reader_lang({}) == "en"


def test_a_course_and_its_overrides_are_checked_together(tmp_path):
    """A course file with its own mistakes still has its policy overrides checked: one run names them all."""
    course = tmp_path / "c.yaml"
    course.write_text("title: {zh: 测试}\nmodules: [qualification, qualification]\npolicy:\n"
                      "  attribution: {follow_up_days: -3, helpr_share: 0.3}\n  rotation:\n    opens: \"14:00\"\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as err:
        checked_course(course)
    found = [(p.line, p.what.split(":")[0]) for p in err.value.problems]
    assert found == [(1, "title.en"), (2, "modules[2]"), (4, "policy.attribution.helpr_share"),
                     (4, "policy.attribution.follow_up_days"), (5, "policy.rotation.switch")]
    assert all(p.path == course for p in err.value.problems)
    with pytest.raises(SourceErrors):
        load_course(course)


def test_a_shipped_course_loads_with_its_policy():
    """Every shipped course and its policy pass the declared checks."""
    for path in sorted(paths.COURSES.glob("*.yaml")):
        course, policy = checked_course(path)
        assert course.id == path.stem and set(policy) >= {"attribution", "forecast", "rotation", "scorecards"}


@pytest.mark.parametrize("lang,expected", [
    ("zh", "policy: “政策调整”应是一组有名称的值：每个政策部分下面写“名称: 值”，例如 attribution: {follow_up_days: 10}；现在是 [1, 2]。"),
    ("en", "policy: 'Policy overrides' should be a set of named values: under each policy section, name: value, "
           "e.g. attribution: {follow_up_days: 10}; found [1, 2]."),
])
def test_a_course_policy_that_is_not_a_set_of_values_names_the_file_and_line(tmp_path, lang, expected):
    """A course's policy: that is a list is refused by the calculators' one policy-overrides field, at its file and line."""
    course = tmp_path / "c.yaml"
    course.write_text("title: {zh: 课, en: Course}\nmodules: [reception]\npolicy: [1, 2]\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_course(course, lang=lang)
    assert (err.value.path, err.value.line, err.value.what) == (course, 3, expected)


def test_the_course_file_and_the_calculators_read_policy_overrides_with_one_field():
    """The course shape's policy: is calculators.policy.PolicyOverridesField, the field the attribution calculator tries values with."""
    from calculators.policy import PolicyOverridesField
    from playbook.course import course_shape

    course_field = next(k for k in course_shape(["reception"]).keys if k.name == "policy")
    assert type(course_field) is PolicyOverridesField and course_field.section == ""
    assert type(calculators.REGISTRY["commission-split"].field_named("policy")) is PolicyOverridesField


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_policy_values_that_are_not_a_set_say_what_is_expected_without_jargon(policy, lang):
    """A page's policy values that are not a set of named values get a message in plain words (no JSON, no object)."""
    out = calculators.run("commission-split", {"commission": "100", "events": [], "policy": "[1, 2", "lang": lang}, policy)
    error = next(e for e in out["errors"] if e["field"] == "policy")
    assert error["code"] == "field_not_object"
    assert "JSON" not in error["message"] and "object" not in error["message"] and "对象" not in error["message"]
    assert ("每项政策一个数值" if lang == "zh" else "one value for each policy item") in error["message"]
