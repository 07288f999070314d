"""The policy reference: every declared policy value with its meaning, default, this course's value and where it is used."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import jinja2

import calculators
from playbook import paths
from playbook.policy import checked_course
from playbook.policy_table import MODULE
from playbook.policy_uses import Reading, derived_from, find_uses
from playbook.render import Renderer

SHOWROOM = paths.COURSES / "showroom.yaml"


def _leaves(catalog: dict) -> list[str]:
    return [f"{name}.{v['path']}" for name, s in catalog.items() for v in s["values"] if v["kind"] not in ("mapping", "table")]


def test_a_template_reading_through_a_name_or_a_loop_is_seen():
    """A value read through `{% set a = policy.x %}` is noted by its full path; a loop over a mapping reads all of it."""
    reads: set = set()
    policy = Reading({"attribution": {"follow_up_days": 7, "fines": {"min": 1, "max": 2}}, "rotation": {"opens": "09:00"}}, reads)
    jinja2.Template("{% set a = policy.attribution %}{{ a.follow_up_days }}{% for k, v in a.fines.items() %}{{ v }}{% endfor %}"
                    ).render(policy=policy)
    assert reads == {("attribution", "follow_up_days"), ("attribution", "fines")}


def test_derived_figures_are_traced_to_the_values_they_are_made_from():
    """The rules say what each derived figure is made of: the helper's percent from helper_share, the split's from both shares."""
    _course, policy = checked_course(SHOWROOM)
    made = derived_from(calculators.POLICY_SECTIONS["attribution"], policy["attribution"])
    assert made[("figures", "helper_percent")] == {("helper_share",)}
    assert made[("figures", "follow_up_days")] == {("follow_up_days",)}
    assert made[("figures", "second_percent")] == {("unrecognised_split", "second_agent"), ("unrecognised_split", "first_agent")}


def test_pages_that_state_a_value_are_found_by_rendering_them():
    """follow_up_days is stated on the rules page (directly) and in the glossary (as a figure); the zone's name on no page."""
    course, policy = checked_course(SHOWROOM)
    uses = find_uses(course, policy)
    assert uses.pages("attribution", ("follow_up_days",)) == ["showroom-rules", "glossary"]
    assert uses.pages("attribution", ("time_zone", "name")) == []
    assert uses.calculators["commission-split"] == {"showroom-rules"}


def test_the_command_prints_every_value_with_default_course_value_and_pages():
    """`playbook policy --course showroom.yaml` lists each declared value once, with the course's 10 days marked changed."""
    run = subprocess.run([sys.executable, "-m", "playbook.cli", "policy", "--course", str(SHOWROOM)],
                         capture_output=True, text=True, env={**os.environ, "PLAYBOOK_LANG": "en"})
    assert run.returncode == 0, run.stderr
    out = run.stdout
    course, _ = checked_course(SHOWROOM)
    from playbook.policy import policy_reference

    keys = _leaves(policy_reference(course.policy, course.source))
    assert keys and all(out.count(f"  {key}  ") == 1 for key in keys)
    block = out[out.index("  attribution.follow_up_days  "):].split("\n\n")[0]
    assert "Default: 7 days" in block and "This course: 10 days (changed by this course)" in block
    assert "Used on: showroom-rules, glossary" in block


def test_the_trainers_page_is_the_same_table_and_no_learner_course_has_it(tmp_path):
    """Module policy-reference renders the table with linked pages in zh and en; the shipped courses and a new
    course file leave it off (listed, commented out)."""
    course, policy = checked_course(SHOWROOM)
    course = dataclasses.replace(course, modules=(*course.modules, MODULE))
    pages = Renderer(course, policy).pages()
    en, zh = pages[f"{MODULE}.en.md"], pages[f"{MODULE}.zh.md"]
    row = next(line for line in en.splitlines() if "`attribution.follow_up_days`" in line)
    assert "| 7 days | **10 days** (changed by this course) |" in row and "(showroom-rules.md)" in row
    assert "`attribution.follow_up_days`" in zh and "**10 天**（本课程改过）" in zh
    for path in paths.COURSES.glob("*.yaml"):
        assert MODULE not in checked_course(path)[0].modules
    from playbook.scaffold import new_course

    fresh = new_course("fresh", tmp_path)
    assert f"# - {MODULE}" in fresh.read_text(encoding="utf-8") and MODULE not in checked_course(fresh)[0].modules


def test_a_copy_of_the_reference_page_under_another_name_renders_once(tmp_path):
    """A trainer's module showing policy_reference() under its own name builds: the pass that finds uses does not render it into itself."""
    import shutil

    modules = tmp_path / "modules"
    shutil.copytree(paths.SRC / "modules", modules)
    shutil.copytree(modules / MODULE, modules / "trainer-notes")
    course, policy = checked_course(SHOWROOM)
    course = dataclasses.replace(course, modules=(*course.modules, "trainer-notes"))
    pages = Renderer(course, policy, modules).pages()
    row = next(line for line in pages["trainer-notes.en.md"].splitlines() if "`attribution.follow_up_days`" in line)
    assert "**10 days**" in row and "(showroom-rules.md)" in row
