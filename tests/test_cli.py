"""The playbook command: calc prints run()'s JSON; bad input exits 2 with a readable message."""

import json
import subprocess
import sys

import pytest


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
    assert f"{course}:4: unknown module 'qualifcation'" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "out").exists()
