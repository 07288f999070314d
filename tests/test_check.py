"""`playbook check`: each kind of mistake in a fixture course is one line with file:line; every shipped course passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playbook import paths
from playbook.check import check_course

ZH = """\
# 甲

## 第一节

- 一
- 二
- 三

回访期限是 7 天。

| 列 | 值 |
|---|---|
| 甲 | 是 |
| 乙 | 否 |

- [ ] 检查一
- [ ] 检查二

```calculator qualification
```

## 第二节

共有 12 张名片。详见[丙章](gamma.md)，也请查{{ term("撞单") }}和{{ term("飞单") }}。

来源 Source: §S1
"""
EN = """\
# Alpha

## Part one

- one
- two

The follow-up window is {{ policy.attribution.follow_up_days }} days.

| Column | Value |
|---|---|
| A | yes |

- [ ] check one

```calculator funnel
```

## Part two

There are 13 cards. See {{ term("ownership clash") }}.

来源 Source: §S1
"""
BETA_ZH = "# 乙\n\n## 一\n\n文字。\n\n## 二\n\n文字。\n"
BETA_EN = "# Beta\n\n## One\n\nText.\n"
CHECKS = """\
questions:
  - id: two-right
    kind: concept
    ask: {zh: 哪个对, en: "Which is right?"}
    choices:
      - {zh: 甲, en: A, right: true}
      - {zh: 乙, en: B, right: true}
    explain: {zh: 因为。, en: Because.}
"""


def _module(src: Path, name: str, zh: str, en: str, calcs: str = "[]") -> Path:
    folder = src / "modules" / name
    folder.mkdir(parents=True)
    (folder / "module.yaml").write_text(
        f"title: {{zh: {name}, en: {name}}}\nsummary: {{zh: 一章。, en: A chapter.}}\ncalculators: {calcs}\n", encoding="utf-8")
    (folder / "zh.md").write_text(zh, encoding="utf-8")
    (folder / "en.md").write_text(en, encoding="utf-8")
    return folder


@pytest.fixture()
def fixture_src(tmp_path, monkeypatch):
    """A training-source folder with one course of three modules, set up as PLAYBOOK_SRC would."""
    src = tmp_path / "src"
    for name in ("policy", "scorecards", "site"):
        shutil.copytree(paths.SRC / name, src / name)
    shutil.copytree(paths.MODULES / "glossary", src / "modules" / "glossary")
    alpha = _module(src, "alpha", ZH, EN, "[qualification, funnel]")
    (alpha / "checks.yaml").write_text(CHECKS, encoding="utf-8")
    _module(src, "beta", BETA_ZH, BETA_EN)
    _module(src, "gamma", BETA_EN, BETA_EN)  # not in the course
    (src / "courses").mkdir()
    (src / "courses" / "fixture.yaml").write_text(
        "title: {zh: 练习, en: Practice}\nmodules: [alpha, beta, glossary]\n", encoding="utf-8")
    for attr, sub in (("SRC", ""), ("MODULES", "modules"), ("COURSES", "courses"), ("POLICY", "policy"),
                      ("SCORECARDS", "scorecards")):
        monkeypatch.setattr(paths, attr, src / sub if sub else src)
    return src


EXPECTED = [  # (file, line, words the line says)
    ("alpha/checks.yaml", 5, "mark exactly one choice 'right: true' (found 2)"),
    ("alpha/en.md", 3, "2 list items, the Chinese page (zh.md:3) 3"),
    ("alpha/en.md", 3, "1 checklist items, the Chinese page (zh.md:3) 2"),
    ("alpha/en.md", 3, "2 table rows, the Chinese page (zh.md:3) 3"),  # the header row counts in both
    ("alpha/en.md", 3, "calculators ['funnel'], the Chinese page ['qualification']"),
    ("alpha/en.md", 21, "only in English: 13; only in Chinese: 12 (zh.md:24)"),
    ("alpha/zh.md", 9, "'7 天' is typed in, but it is the policy's attribution.follow_up_days"),
    ("alpha/zh.md", 24, "the link to 'gamma.md' is broken: a module this course does not have"),
    ("alpha/zh.md", 24, "the glossary term '飞单' is used here but the glossary does not define it"),
    ("beta/zh.md", 7, "heading '二' has no English counterpart"),
]


def test_each_kind_of_problem_is_one_line_with_its_file_and_line(fixture_src):
    """Parity (lists, tables, checklists, calculators, numbers, headings), a typed policy figure, a broken link,
    an undefined glossary term and an inconsistent question: each found, each one line naming file and line."""
    lines = [str(p) for p in check_course(fixture_src / "courses" / "fixture.yaml")]
    assert len(lines) == len(EXPECTED), "\n".join(lines)
    for (file, line, words), text in zip(EXPECTED, lines):
        assert text.startswith(f"{fixture_src / 'modules' / file}:{line}: ") and words in text, text
        assert "\n" not in text


def test_the_command_prints_the_problems_and_exits_1(fixture_src):
    """`playbook check --course F` prints one line per problem on stdout and exits 1 (0 on a clean course)."""
    env = {**os.environ, "PLAYBOOK_SRC": str(fixture_src)}
    run = subprocess.run([sys.executable, "-m", "playbook.cli", "check", "--course",
                          str(fixture_src / "courses" / "fixture.yaml")], capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert len(run.stdout.splitlines()) == len(EXPECTED) and "10 problems in 1 course" in run.stderr


def test_every_shipped_course_passes():
    """CI: `playbook check --all` finds nothing in the shipped courses, and exits 0."""
    run = subprocess.run([sys.executable, "-m", "playbook.cli", "check", "--all"], capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, ""), run.stdout
    assert "no problems in 3 courses" in run.stderr
