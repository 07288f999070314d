"""The playbook command: calc prints run()'s JSON; bad input exits 2 with a readable message."""

import json
import shutil
import subprocess
import sys

import pytest

from playbook import cli, paths


def playbook(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "playbook.cli", *args], input=stdin, capture_output=True, text=True)


def test_calc_from_stdin_prints_the_verdict_and_cell():
    """The issue's example: money yes, authority no, need yes -> develop, MaN."""
    proc = playbook("calc", "qualification", "--input", "-", stdin='{"money":"yes","authority":"no","need":"yes"}')
    assert proc.returncode == 0, proc.stderr
    assert '"verdict": "develop"' in proc.stdout and '"cell": "MaN"' in proc.stdout
    assert json.loads(proc.stdout)["ok"] is True


@pytest.mark.parametrize("payload,field", [('{"money":1.5,"authority":"no","need":"yes"}', "money"),
                                           ('{"money":"yes","authority":"perhaps","need":"yes"}', "authority"),
                                           ('{"money":"yes","authority":"no","need":"yes","budget":2.5}', "budget")])
def test_calc_bad_value_prints_field_error_and_exits_2(payload, field):
    """A float-like or unknown value gives the field error as JSON, a readable line on stderr, exit 2."""
    proc = playbook("calc", "qualification", stdin=payload)
    assert proc.returncode == 2
    out = json.loads(proc.stdout)
    assert out["errors"][0]["field"] == field
    assert field in proc.stderr and "Traceback" not in proc.stderr


def test_calc_file_input_and_missing_file(tmp_path):
    """--input FILE reads the file; a missing file is a message, not a traceback."""
    f = tmp_path / "case.json"
    f.write_text('{"money":"no","authority":"no","need":"no","lang":"en"}', encoding="utf-8")
    assert json.loads(playbook("calc", "qualification", "--input", str(f)).stdout)["result"]["verdict"] == "abandon"
    proc = playbook("calc", "qualification", "--input", str(tmp_path / "nope.json"))
    assert proc.returncode == 2 and "cannot read" in proc.stderr and "Traceback" not in proc.stderr


def test_calc_unknown_calculator_and_broken_json():
    """An unknown calculator name and text that is not JSON both exit 2 with a message."""
    proc = playbook("calc", "nope", stdin="{}")
    assert proc.returncode == 2 and "no calculator named 'nope'" in proc.stderr
    proc = playbook("calc", "qualification", stdin="{oops")
    assert proc.returncode == 2 and "不是有效的 JSON" in proc.stderr


def test_build_with_bad_course_names_file_and_line(tmp_path):
    """A course naming an unknown module fails with file:line and the list of modules."""
    course = tmp_path / "bad.yaml"
    course.write_text("title: {zh: 测试, en: Test}\nmodules:\n  - qualification\n  - qualifcation\n", encoding="utf-8")
    proc = playbook("build", "--course", str(course), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert f"{course}:4: modules[2]: 'Module' must be one of: " in proc.stderr and 'received "qualifcation"' in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "out").exists()


BAD_COURSE = "title: {zh: 测试}\nmodules: [qualification, qualifcation]\npolicy:\n  attribution: {follow_up_days: -3}\n"


@pytest.mark.parametrize("lang,head,words", [
    ("zh", "playbook: 1 个源文件里有 3 处问题：", ["“课程标题”缺少 en 的文字", "“模块”只能是以下之一", "“回访期限”不能小于 0"]),
    ("en", "playbook: 3 problems in 1 source file:", ["'Course title' has no en text", "'Module' must be one of", "'Follow-up window' must be at least 0"]),
])
def test_build_prints_every_problem_one_line_each_in_the_readers_language(tmp_path, lang, head, words):
    """Three mistakes in a course and its overrides: a header, then one file:line line each, in PLAYBOOK_LANG's language."""
    import os

    course = tmp_path / "bad.yaml"
    course.write_text(BAD_COURSE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "playbook.cli", "build", "--course", str(course), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env={**os.environ, "PLAYBOOK_LANG": lang})
    lines = proc.stderr.splitlines()
    assert proc.returncode == 2 and lines[0] == head and len(lines) == 4, proc.stderr
    for line, where, word in zip(lines[1:], (f"{course}:1: title.en: ", f"{course}:2: modules[2]: ",
                                             f"{course}:4: policy.attribution.follow_up_days: "), words):
        assert line.startswith(f"  {where}") and word in line, line
    assert not (tmp_path / "out").exists()


def test_build_all_reports_every_problem_of_every_course_before_building(tmp_path, monkeypatch, capsys):
    """--all checks every course first: the problems of two bad courses (and none of the good one) together, nothing built."""
    courses = tmp_path / "courses"
    courses.mkdir()
    shutil.copy(paths.COURSES / "new-hire.yaml", courses / "good.yaml")
    (courses / "a.yaml").write_text(BAD_COURSE, encoding="utf-8")
    (courses / "b.yaml").write_text("title: {zh: 测试, en: Test}\nmodules: [qualification]\nbranding: {primary: rainbow}\n"
                                    "policy: {rotation: {opens: \"25:00\"}}\n", encoding="utf-8")
    monkeypatch.setattr(paths, "COURSES", courses)
    code = cli.main(["build", "--all", "--out", str(tmp_path / "out")])
    lines = capsys.readouterr().err.splitlines()
    assert code == 2 and lines[0] == "playbook: 5 problems in 2 source files:", lines
    assert [line.split(": ")[0].strip() for line in lines[1:]] == [
        f"{courses / 'a.yaml'}:{n}" for n in (1, 2, 4)] + [f"{courses / 'b.yaml'}:{n}" for n in (3, 4)]
    assert "branding.primary" in lines[4] and "policy.rotation.opens" in lines[5]
    assert not (tmp_path / "out").exists()


def test_calc_lone_surrogate_prints_valid_json_without_a_traceback():
    """"\\ud800" in a payload (UnicodeEncodeError before) comes back escaped, on stdout and stderr alike."""
    proc = subprocess.run([sys.executable, "-m", "playbook.cli", "calc", "qualification"], input=b'{"money":"\\ud800"}',
                          capture_output=True)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert json.loads(proc.stdout.decode("utf-8"))["errors"][0]["field"] == "money"


def test_calc_deeply_nested_input_is_a_field_error():
    """A 100,000-deep array (RecursionError before): one error, exit 2."""
    proc = playbook("calc", "qualification", stdin="[" * 100_000 + "]" * 100_000)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["errors"][0]["code"] == "input_too_deep"


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_calc_input_that_is_not_utf8_names_the_byte(tmp_path, source):
    """An --input file (or standard input) of invalid UTF-8 (UnicodeDecodeError before): the byte offset, exit 2."""
    data = b'{"money": "caf\xe9"}'
    f = tmp_path / "in.json"
    f.write_bytes(data)
    args = ["--input", str(f)] if source == "file" else []
    proc = subprocess.run([sys.executable, "-m", "playbook.cli", "calc", "qualification", *args],
                          input=None if source == "file" else data, capture_output=True)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err and "byte 14 (0xe9)" in err


def test_calc_into_a_closed_pipe_stops_quietly():
    """`playbook calc ... | head -c 10` (BrokenPipeError before): no traceback, no 'Exception ignored'."""
    big = json.dumps({"money": "yes", "authority": "no", "need": "yes", **{f"k{i}": 1 for i in range(3_000)}})  # more than a pipe holds
    proc = subprocess.run(f"{sys.executable} -m playbook.cli calc qualification | head -c 10", shell=True, input=big,
                          capture_output=True, text=True)
    assert len(proc.stdout) == 10 and "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_calc_giant_string_is_not_echoed_whole():
    """A 50 MB string in a choice field (52 MB on stdout and stderr before) gives a few hundred bytes."""
    proc = playbook("calc", "qualification", stdin=json.dumps({"money": "x" * 50_000_000}))
    assert proc.returncode == 2 and len(proc.stdout) < 2_000 and len(proc.stderr) < 2_000


@pytest.fixture()
def sources(tmp_path, monkeypatch):
    """Copies of the modules, policy and scorecard folders, for a build to read instead of the real ones."""
    out = {}
    for name in ("MODULES", "POLICY", "SCORECARDS"):
        shutil.copytree(getattr(paths, name), tmp_path / name.lower())
        monkeypatch.setattr(paths, name, tmp_path / name.lower())
        out[name] = tmp_path / name.lower()
    course = tmp_path / "one.yaml"
    course.write_text("title: {zh: 测试, en: Test}\nmodules: [trade-show]\n", encoding="utf-8")
    out["course"] = course
    return out


def build_fails(sources, tmp_path, capsys):
    code = cli.main(["build", "--course", str(sources["course"]), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and not (tmp_path / "out").exists(), err
    return err


@pytest.mark.parametrize("body,words", [("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
                                        ("{{ [].pop() }}", "IndexError: pop from empty list"),
                                        ("{% include 'nope.md' %}", "no template 'nope.md' to include")])
def test_build_template_errors_name_the_page_and_line(sources, tmp_path, capsys, body, words):
    """An expression that raises, or an {% include %} of a missing file, names the template's file and line."""
    page = sources["MODULES"] / "trade-show" / "zh.md"
    page.write_text("# 标题\n\n" + body + "\n", encoding="utf-8")
    err = build_fails(sources, tmp_path, capsys)
    assert f"{page}:3: " in err and words in err


@pytest.mark.parametrize("where", ["course", "policy", "scorecard", "module", "page"])
def test_build_invalid_utf8_in_any_source_names_the_file_and_byte(sources, tmp_path, capsys, where):
    """Invalid UTF-8 in a course, policy, scorecard, module.yaml or page file: file, line and byte, no traceback."""
    target = {"course": sources["course"], "policy": sources["POLICY"] / "rotation.yaml",
              "scorecard": sources["SCORECARDS"] / "key-account.yaml",
              "module": sources["MODULES"] / "trade-show" / "module.yaml", "page": sources["MODULES"] / "trade-show" / "en.md"}[where]
    data = target.read_bytes()
    target.write_bytes(data + b"# caf\xe9\n")
    err = build_fails(sources, tmp_path, capsys)
    line = data.count(b"\n") + 1
    assert f"{target}:{line}: not valid UTF-8 text: byte {len(data) + 5} (0xe9)" in err


def test_build_module_calculators_must_be_a_list(sources, tmp_path, capsys):
    """`calculators: 5` in module.yaml (TypeError before): the file, the line and what is expected."""
    module = sources["MODULES"] / "trade-show" / "module.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("calculators: [trade-show-leads]", "calculators: 5"), encoding="utf-8")
    err = build_fails(sources, tmp_path, capsys)
    assert f"{module}:4: 'calculators' must be a list of calculator names" in err
