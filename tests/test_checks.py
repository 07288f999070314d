"""Self-check questions: the format, answers computed by the rules under each course's policy, pages, switches."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote

import pytest

import calculators
from calculators.i18n import localised
from playbook import paths
from playbook.checks import CheckErrors, checks_file, grade_course, load_checks, validate_course
from playbook.course import available_modules, load_course
from playbook.policy import load_policy
from playbook.render import Renderer, load_module
from playbook.yamlfile import SourceError

ROOT = Path(__file__).resolve().parent.parent
COURSES = sorted((ROOT / "playbook_src" / "courses").glob("*.yaml"))


def course_and_policy(path):
    course = load_course(path)
    return course, load_policy(course.policy, overrides_file=course.source)


def rules_value(result, path):
    for part in path.split("."):
        result = result[int(part)] if isinstance(result, list) else result[part]
    return result


@pytest.mark.parametrize("course_file", COURSES, ids=lambda p: p.stem)
def test_every_scenario_has_exactly_one_right_choice_under_its_course(course_file):
    """In every shipped course, each scenario's answer (run now, under that course's policy) matches exactly one choice."""
    course, policy = course_and_policy(course_file)
    graded = grade_course(course, policy)
    scenarios = [g for gs in graded.values() for g in gs if g.question.kind == "scenario"]
    assert scenarios, "every course has scenario questions"
    for g in scenarios:
        q = g.question
        for lang in ("zh", "en"):  # names in a payload, and the choices naming them, may be written per language
            out = calculators.run(q.calculator, {**localised(q.payload, lang), "lang": lang}, policy)
            assert out["ok"], (q.key, out)
            value = rules_value(out["result"], q.answer)
            given = [str(v) for v in value] if isinstance(value, list) else [str(value)]  # clauses: the one in the trail
            hits = [i for i, c in enumerate(q.choices) if str(localised(c.value, lang)) in given]
            assert hits == [g.right], (course.id, q.key, lang, value)
        assert g.why["zh"] and g.why["en"], f"{q.key}: the explanation shows the calculator's reasons"
    assert validate_course(course, policy) == []


def test_every_module_has_enough_questions_in_both_languages():
    """At least 4 questions per chapter and 8 for qualification and showroom-rules, every text in zh and en (the
    trainers' policy reference is no chapter a learner is asked about)."""
    from playbook.policy_table import MODULE as TRAINERS

    policy = load_policy()
    for module in (m for m in available_modules() if m != TRAINERS):
        questions, problems = load_checks(checks_file(module), module)
        assert problems == [], problems
        assert len(questions) >= (8 if module in ("qualification", "showroom-rules") else 4), module
        for q in questions:
            for lang in ("zh", "en"):
                assert q.ask[lang] and all(c.text[lang] for c in q.choices), q.key
                assert q.kind == "scenario" or q.explain[lang], q.key
    assert any(q.kind == "scenario" for m in ("qualification", "showroom-rules") for q in load_checks(checks_file(m), m)[0])
    assert policy  # the shipped policy loads


def test_a_longer_follow_up_window_turns_the_ten_day_gap_answer(tmp_path):
    """With a 12-day window, a 10-day gap leaves the customer the first agent's: right choice and figures both change."""
    base_course, base_policy = course_and_policy(ROOT / "playbook_src" / "courses" / "new-hire.yaml")
    long_file = tmp_path / "long-window.yaml"
    long_file.write_text("title: {zh: 长回访期, en: Long window}\nmodules: [showroom-rules]\n"
                         "policy:\n  attribution:\n    follow_up_days: 12\n", encoding="utf-8")
    long_course, long_policy = course_and_policy(long_file)
    before = {g.question.id: g for g in grade_course(base_course, base_policy)["showroom-rules"]}
    after = {g.question.id: g for g in grade_course(long_course, long_policy)["showroom-rules"]}
    turned = [qid for qid in before if before[qid].right != after[qid].right]
    assert "ten-day-gap" in turned
    b, a = before["ten-day-gap"], after["ten-day-gap"]
    assert "new customer" in b.choices["en"][b.right] and "Still A's" in a.choices["en"][a.right]
    assert "新客户" in b.choices["zh"][b.right] and "仍然是 A 的客户" in a.choices["zh"][a.right]
    assert any("10 days before" in line and "more than 7" in line for line in b.why["en"])
    assert not any("lapses" in line for line in a.why["en"]) and any("still valid" in line for line in a.why["en"])
    assert "window is 7 days" in b.explain["en"][0] and "window is 12 days" in a.explain["en"][0]
    assert "期限是 12 天" in a.explain["zh"][0]
    assert a.version != b.version, "a changed answer is a changed question: old answers no longer count"


def write_module(base: Path, checks: str) -> Path:
    mods = base / "modules"
    demo = mods / "demo"
    demo.mkdir(parents=True)
    (demo / "module.yaml").write_text("title: {zh: 演示, en: Demo}\nsummary: {zh: 演示, en: Demo}\n", encoding="utf-8")
    (demo / "zh.md").write_text("# 演示\n\n正文。\n\n---\n\n来源 Source: §S8\n", encoding="utf-8")
    (demo / "en.md").write_text("# Demo\n\nText.\n\n---\n\n来源 Source: §S8\n", encoding="utf-8")
    (demo / "checks.yaml").write_text(checks, encoding="utf-8")
    course = base / "demo.yaml"
    course.write_text("title: {zh: 演示, en: Demo}\nmodules: [demo]\n", encoding="utf-8")
    return mods


WRONG = """\
questions:
  - id: budget-gap
    kind: scenario
    calculator: qualification
    story: {zh: 预算比报价少一大截。, en: The budget is far below the price.}
    ask: {zh: 结论是什么？, en: "What is the verdict?"}
    payload: {money: "yes", authority: "yes", need: "yes", budget: "100000", price: "360000"}
    answer: verdict
    choices:
      - value: track
        zh: 跟进
        en: Track
        right: true
      - value: verify
        zh: 先核实
        en: Verify first
"""


def test_a_wrong_expected_answer_stops_the_build_with_file_and_line(tmp_path, policy):
    """A trainer's `right: true` that the rules contradict stops the build: file:line, the rules give B, the question says A."""
    mods = write_module(tmp_path, WRONG)
    course = load_course(tmp_path / "demo.yaml", modules_dir=mods)
    with pytest.raises(SourceError) as err:
        Renderer(course, policy, modules_dir=mods).pages()
    assert isinstance(err.value, CheckErrors)
    assert err.value.path == mods / "demo" / "checks.yaml" and err.value.line == 13
    assert "the rules give B (Verify first), the question says A (Track)" in str(err.value)
    assert str(err.value).startswith(f"{mods / 'demo' / 'checks.yaml'}:13: question 'budget-gap':")


def test_a_wrong_expected_answer_fails_playbook_build(tmp_path, monkeypatch, capsys):
    """Through the command line: exit status 2, the file and line on stderr, no traceback, the old site kept."""
    from playbook import cli

    mods = tmp_path / "modules"
    shutil.copytree(paths.MODULES, mods)
    text = (mods / "showroom-rules" / "checks.yaml").read_text(encoding="utf-8")
    bad = text.replace("        zh: B，A 的那次登记不算数\n        en: B's; A's registration does not count\n        right: true\n",
                       "        zh: B，A 的那次登记不算数\n        en: B's; A's registration does not count\n")
    bad = bad.replace("        zh: A，A 登记在先\n        en: A's; A registered first\n",
                      "        zh: A，A 登记在先\n        en: A's; A registered first\n        right: true\n")
    assert bad != text
    (mods / "showroom-rules" / "checks.yaml").write_text(bad, encoding="utf-8")
    monkeypatch.setattr(paths, "MODULES", mods)
    line = next(n for n, row in enumerate(bad.splitlines(), start=1) if "A's; A registered first" in row) + 1
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    from playbook.outdir import mark

    mark(out, "an earlier build")  # a site a build made: the one kind of folder a build may replace
    course = tmp_path / "c.yaml"
    course.write_text("title: {zh: 案场, en: Showroom}\nmodules: [showroom-rules]\n", encoding="utf-8")
    assert cli.main(["build", "--course", str(course), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"showroom-rules/checks.yaml:{line}: question 'no-real-phone': the rules give B" in err
    assert "the question says A (A's; A registered first)" in err and "Traceback" not in err
    assert (out / "keep.txt").read_text(encoding="utf-8") == "old"


BROKEN = """\
questions:
  - id: one
    kind: concept
    ask: {zh: 问题？}
    choices:
      - {zh: 甲, en: A, right: true}
      - {zh: 乙, en: B}
    explain: {zh: 因为。, en: Because.}
  - id: one
    kind: concept
    ask: {zh: 问题？, en: "Question?"}
    choices:
      - {zh: 甲, en: A}
      - {zh: 乙, en: B}
    explain: {zh: 因为。, en: Because.}
  - id: three
    kind: scenario
    calculator: qualifcation
    story: {zh: 故事。, en: A story.}
    ask: {zh: 问题？, en: "Question?"}
    payload: {money: "yes"}
    answer: verdict
    colour: red
    choices:
      - {value: track, zh: 跟进, en: Track}
      - {value: track, zh: 再跟进, en: Track again}
"""


def test_every_mistake_in_a_checks_file_is_named_at_once(tmp_path):
    """One load reports every problem, each with its line and what was expected."""
    path = tmp_path / "checks.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    questions, problems = load_checks(path, "demo")
    assert questions == []
    lines = sorted(p.line for p in problems)
    assert lines == [4, 9, 12, 18, 23, 26], [str(p) for p in problems]
    text = "\n".join(str(p) for p in problems)
    assert "'ask': expected zh and en text" in text
    assert "the id is used twice (also on line 2)" in text
    assert "mark exactly one choice 'right: true' (found 0)" in text
    assert "unknown calculator 'qualifcation'" in text and "unknown key 'colour'" in text
    assert "two choices have the value 'track'" in text


def test_a_calculator_that_refuses_the_payload_is_named(tmp_path, policy):
    """A scenario whose payload the calculator refuses names the question's payload line and the calculator's message."""
    mods = write_module(tmp_path, WRONG.replace('budget: "100000"', 'budget: "a lot"'))
    course = load_course(tmp_path / "demo.yaml", modules_dir=mods)
    problems = validate_course(course, policy, modules_dir=mods)
    assert len(problems) == 1 and problems[0].line == 7
    assert "the calculator 'qualification' refuses the payload" in problems[0].what


def test_course_switches_questions_off_per_module(tmp_path, policy):
    """`checks: {module: false}` removes that module's questions; `checks: false` removes them all; a stranger module is named."""
    course = tmp_path / "c.yaml"
    course.write_text("title: {zh: a, en: b}\nmodules: [qualification, showroom-rules]\nchecks: {showroom-rules: false}\n",
                      encoding="utf-8")
    pages = Renderer(load_course(course), policy).pages()
    assert "data-question=" not in pages["showroom-rules.zh.md"]
    assert 'data-question="qualification/parents-pay"' in pages["qualification.en.md"]
    assert "pb-goals--recap" in pages["showroom-rules.zh.md"], "the boxes stay"
    course.write_text("title: {zh: a, en: b}\nmodules: [qualification]\nchecks: false\n", encoding="utf-8")
    assert "data-question=" not in Renderer(load_course(course), policy).pages()["qualification.zh.md"]
    course.write_text("title: {zh: a, en: b}\nmodules: [qualification]\nchecks:\n  showroom-rules: false\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_course(course)
    assert err.value.line == 4 and "checks.showroom-rules: 'A module of this course' must be one of: qualification" in err.value.what


def test_a_scenario_about_a_card_switched_off_is_left_out(tmp_path):
    """A course without the key-account card keeps the other scorecard questions and drops that card's."""
    course = tmp_path / "c.yaml"
    course.write_text("title: {zh: a, en: b}\nmodules: [scorecards]\npolicy: {scorecards: {key-account: false}}\n",
                      encoding="utf-8")
    c, policy = course_and_policy(course)
    ids = [g.question.id for g in grade_course(c, policy)["scorecards"]]
    assert "serious-defaults" not in ids and "one-criterion-open" in ids and "unknown-is-not-no" in ids


def test_module_page_markup(built_site):
    """Each question: data-question, radios in labels, the right letter, a live feedback line, the explanation and the try link."""
    html = (built_site.site / "showroom-rules" / "index.html").read_text(encoding="utf-8")
    block = html.split('data-question="showroom-rules/ten-day-gap"', 1)[1].split('<div class="pb-check" ', 1)[0]
    assert len(re.findall(r'<label class="pb-choice"><input type="radio" name="pb-q-showroom-rules-ten-day-gap"', block)) == 2
    assert block.startswith(' data-kind="scenario" data-right="B" data-version="')
    assert 'aria-live="polite"' in block and 'data-role="explain" hidden' in block
    href = re.search(r'data-role="try" data-calc-key="commission-split" href="([^"]+)"', block).group(1)
    assert href.startswith("#calc=commission-split&amp;v=")
    values = json.loads(parse_qs(unquote(href.split("#", 1)[1].replace("&amp;", "&")))["v"][0])
    question = next(q for q in load_checks(checks_file("showroom-rules"), "showroom-rules")[0] if q.id == "ten-day-gap")
    assert values == question.payload
    assert "10 天，超过 7 天" in block, "the explanation is the calculator's own reason, under this course's policy"
    assert html.count('data-question="showroom-rules/') == 11
    assert html.index("pb-goals--objectives") < html.index("pb-goals--recap") < html.index('id="self-check"')
    assert html.index('id="self-check"') < html.index("来源 Source:")


def test_try_link_goes_to_the_page_with_the_calculator(built_site):
    """A scenario in a module without its calculator links to the course page that has it."""
    html = (built_site.site / "account-research" / "index.html").read_text(encoding="utf-8")
    assert 'data-calc-key="qualification" href="../qualification/#calc=qualification&amp;v=' in html
    html = (built_site.site / "en" / "scorecards" / "index.html").read_text(encoding="utf-8")
    assert 'data-calc-key="scorecard.key-account" href="#calc=scorecard.key-account&amp;v=' in html


def test_every_chapter_opens_with_objectives_and_ends_with_a_summary(built_site):
    """Every module has 2-4 objectives and a summary in both languages, in the same boxes on every page."""
    for module in built_site.course.modules:
        m = load_module(module)
        assert 2 <= len(m.objectives["zh"]) == len(m.objectives["en"]) <= 4, module
        assert 2 <= len(m.recap["zh"]) == len(m.recap["en"]) <= 5, module
        for prefix, lang in (("", "zh"), ("en/", "en")):
            html = (built_site.site / prefix / module / "index.html").read_text(encoding="utf-8")
            h1 = html.index("<h1")
            box = html.index('class="admonition abstract pb-goals pb-goals--objectives"')
            assert h1 < box < html.index("<h2") and m.objectives[lang][0].replace("'", "&#x27;").replace('"', "&quot;") in html
            assert 'class="admonition abstract pb-goals pb-goals--recap"' in html
            assert f'data-pb-module="{module}"' in html


def test_bad_objectives_name_the_module_file_and_line(tmp_path):
    """A module.yaml with one objective, or lists of different lengths, is refused with its line."""
    mods = tmp_path / "modules"
    (mods / "demo").mkdir(parents=True)
    (mods / "demo" / "module.yaml").write_text(
        "title: {zh: 演示, en: Demo}\nsummary: {zh: 演示, en: Demo}\nobjectives:\n  zh: [只有一条]\n  en: [Only one]\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_module("demo", mods)
    assert err.value.line == 3 and "lists of 2 to 4 points" in err.value.what


def test_progress_page_lists_every_chapter_and_question_as_built(built_site):
    """The progress page is in the nav in both languages and carries each module's questions with their versions."""
    for prefix, title in (("", "我的进度"), ("en/", "My progress")):
        html = (built_site.site / prefix / "progress" / "index.html").read_text(encoding="utf-8")
        assert f">{title}<" in html
        data = json.loads(re.search(r'<script type="application/json" data-role="progress-data">(.*?)</script>', html, re.S).group(1))
        assert [m["name"] for m in data["modules"]] == list(built_site.course.modules)
        page = (built_site.site / prefix / "showroom-rules" / "index.html").read_text(encoding="utf-8")
        sr = next(m for m in data["modules"] if m["name"] == "showroom-rules")
        for q in sr["questions"]:
            assert f'id="check-{q["id"]}" data-question="showroom-rules/{q["id"]}" data-kind=' in page
            assert f'data-version="{q["version"]}"' in page
    index = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert 'href="progress/"' in index


def test_print_view_has_the_boxes_but_no_questions(built_site):
    """The one-page print view keeps objectives and summaries, and leaves the interactive questions out."""
    html = (built_site.site / "print" / "index.html").read_text(encoding="utf-8")
    assert html.count("pb-goals--objectives") == len(built_site.course.modules)
    assert "data-question=" not in html and "data-pb-module=" not in html


def test_new_course_scaffold_shows_the_switch(tmp_path):
    """`playbook new-course` explains how to switch questions off, and the switch it shows is valid."""
    from playbook.scaffold import new_course

    path = new_course("demo", tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "checks: {showroom-rules: false}" in text and "checks.yaml" in text
    text = text.replace("checks: true", "checks: {qualification: false}")
    path.write_text(text, encoding="utf-8")
    assert load_course(path).checks == {"qualification": False}


def test_the_readme_example_is_a_valid_checks_file(tmp_path, policy):
    """The checks.yaml example in the README loads and grades: the 10-day gap is B's under the default 7-day window."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Self-check questions and progress", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "checks.yaml"
    path.write_text(example, encoding="utf-8")
    questions, problems = load_checks(path, "showroom-rules")
    assert problems == [] and [q.kind for q in questions] == ["scenario", "concept"]
    from playbook.checks import grade

    assert grade(questions[0], policy).letter == "B"
    assert grade(questions[0], load_policy({"attribution": {"follow_up_days": 12}})).letter == "A"
