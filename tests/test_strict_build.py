"""MkDocs runs so that every warning fails the build, one readable line per problem with the trainer's file and line."""

import shutil
from pathlib import Path

import pytest

from playbook import cli, paths
from playbook.mkdocs_run import BuildError, run

BLOCKS = """

```calculator qualifcation
```

```calculator qualification
{oops}
```

```calculator qualification
{"money": "maybe"}
```

[a link to nowhere](nope.md)
"""


@pytest.fixture()
def modules(tmp_path, monkeypatch):
    copy = tmp_path / "modules"
    shutil.copytree(paths.MODULES, copy)
    monkeypatch.setattr(paths, "MODULES", copy)
    return copy


def test_calculator_blocks_and_broken_links_fail_the_build_with_source_and_line(modules, tmp_path, capsys):
    """An unknown name, a preset that is not JSON, a preset with field errors (all built with exit 0 before) and a
    broken link each fail the build: one line each, naming the module's template and the line in it."""
    page = modules / "trade-show" / "zh.md"
    start = page.read_text(encoding="utf-8").count("\n") + 1
    page.write_text(page.read_text(encoding="utf-8") + BLOCKS, encoding="utf-8")
    course = tmp_path / "one.yaml"
    course.write_text("title: {zh: 测试, en: Test}\nmodules: [trade-show]\n", encoding="utf-8")
    code = cli.main(["build", "--course", str(course), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and not (tmp_path / "out").exists()
    lines = [line.strip() for line in err.splitlines()[1:]]
    assert f"{page}:{start + 2}: unknown calculator 'qualifcation'" in "\n".join(lines)
    assert f"{page}:{start + 5}: the preset of calculator 'qualification' is not JSON" in "\n".join(lines)
    assert f"{page}:{start + 9}: the preset of calculator 'qualification' gives errors" in "\n".join(lines)
    assert any(line.startswith(f"{page}:{start + 13}: ") and "nope.md" in line for line in lines)
    assert err.splitlines()[0].startswith("playbook: the site build failed (")


def test_a_theme_crash_is_one_line_with_the_path_of_a_full_log(tmp_path):
    """A template that raises inside the theme: one line naming the page and the error, plus where the full log is."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hi\n", encoding="utf-8")
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "main.html").write_text('{% extends "base.html" %}{% block content %}{{ 1 / 0 }}{% endblock %}',
                                                  encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ntheme:\n  name: material\n  custom_dir: theme\n", encoding="utf-8")
    kept = tmp_path / "logs" / "crash.log"
    with pytest.raises(BuildError) as err:
        run(config, tmp_path / "site", {"index.md": Path("modules/x/zh.md")}, kept)
    assert err.value.problems == [
        f"the site engine stopped while building modules/x/zh.md: ZeroDivisionError: division by zero (full log: {kept})"]
    log = kept.read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError" in log


def test_a_plugin_that_is_not_installed_is_one_line(tmp_path):
    """A configuration MkDocs refuses is reported in its own words, on one line."""
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nplugins: [nosuch]\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        run(config, tmp_path / "site", {}, tmp_path / "crash.log")
    assert len(err.value.problems) == 1 and "nosuch" in err.value.problems[0]
