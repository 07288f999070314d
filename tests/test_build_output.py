"""Where `playbook build --out` may write: only a new or empty folder, or a site a previous build made, unchanged."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.outdir import MARKER, OutputRefused, check

ROOT = Path(__file__).resolve().parent.parent


def tree(path: Path) -> str:
    """A digest of every name, kind and byte under ``path`` (or of the file itself)."""
    digest = hashlib.sha256()
    items = [path] if path.is_file() else sorted(path.rglob("*"))
    for p in items:
        digest.update(str(p.relative_to(path) if p != path else p.name).encode() + b"\0")
        digest.update(p.read_bytes() if p.is_file() else b"<dir>")
    return digest.hexdigest()


def playbook(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "playbook.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_build_refuses_a_file_a_folder_of_other_files_and_the_current_folder_leaving_them_byte_identical(tmp_path):
    """--out at report.docx, at a folder of the user's files and at `.`: exit 2, a message saying how to
    proceed, no traceback, and every one of them byte-identical afterwards (the build deleted them before)."""
    report = tmp_path / "report.docx"
    report.write_bytes(b"PK\x03\x04 the user's report")
    mine = tmp_path / "mine"
    (mine / "notes").mkdir(parents=True)
    (mine / "plan.txt").write_text("Q3 plan", encoding="utf-8")
    (mine / "notes" / "a.md").write_text("# notes", encoding="utf-8")
    here = tmp_path / "here"
    here.mkdir()
    (here / "keep.txt").write_text("keep", encoding="utf-8")
    cases = [(str(report), tmp_path, "is a file"), (str(mine), tmp_path, "no playbook build made it"), (".", here, "current folder")]
    before = {p: tree(p) for p in (report, mine, here)}
    for out, cwd, words in cases:
        proc = playbook("build", "--out", out, cwd=cwd)
        assert proc.returncode == 2, proc.stderr
        assert words in proc.stderr and "Traceback" not in proc.stderr
        assert "--out" in proc.stderr.split(words, 1)[1], "the message says what to do instead"
    assert {p: tree(p) for p in (report, mine, here)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here", "mine", "report.docx"]


@pytest.mark.parametrize("rel,words", [(".", "holds the project's own files"), ("docs/site", "inside the project's sources"),
                                       ("playbook_src/out", "inside the project's sources"), ("..", "holds the project's own files")])
def test_build_refuses_the_source_tree(rel, words):
    """The project folder, a folder holding it and anything inside its sources are refused."""
    with pytest.raises(OutputRefused) as err:
        check((ROOT / rel).resolve(), rel)
    assert words in str(err.value)


def test_build_refuses_a_folder_it_cannot_create_with_a_message():
    """--out /proc/x is one line saying it cannot create the folder there, not an OSError traceback."""
    proc = playbook("build", "--out", "/proc/x")
    assert proc.returncode == 2 and "cannot create a folder in /proc" in proc.stderr and "Traceback" not in proc.stderr


def test_rebuild_over_a_previous_site_works_and_refuses_one_changed_since(built_site, tmp_path):
    """A site a build made is replaced by the next build; once a user added or changed a file in it, it is not."""
    from playbook.build import build

    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    (site / "stale-from-old-build.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputRefused) as err:
        build(None, site)
    assert "stale-from-old-build.txt" in str(err.value) and (site / "stale-from-old-build.txt").exists()
    (site / "stale-from-old-build.txt").unlink()
    (site / "index.html").write_text("edited by hand", encoding="utf-8")
    with pytest.raises(OutputRefused) as err:
        build(None, site)
    assert "changed since" in str(err.value) and (site / "index.html").read_text(encoding="utf-8") == "edited by hand"
    shutil.copyfile(built_site.site / "index.html", site / "index.html")
    (site / "old-page").mkdir()  # an empty folder the user left: still not the build's
    with pytest.raises(OutputRefused):
        build(None, site)
    (site / "old-page").rmdir()
    built = build(None, site)
    assert built.site == site and (site / MARKER).is_file() and (site / "qualification" / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "no work folder is left behind"


def test_something_added_while_building_is_not_deleted(built_site, tmp_path, monkeypatch):
    """A file dropped into the old site during the build makes the swap put the old site back, file and all."""
    from playbook import build as build_module
    from playbook.build import build

    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    real = build_module._site

    def slow_site(course, work, *policy):
        out = real(course, work, *policy)
        (site / "dropped-meanwhile.txt").write_text("mine", encoding="utf-8")
        return out

    monkeypatch.setattr(build_module, "_site", slow_site)
    with pytest.raises(OutputRefused):
        build(None, site)
    assert (site / "dropped-meanwhile.txt").read_text(encoding="utf-8") == "mine"
    assert (site / MARKER).is_file() and (site / "index.html").is_file()


def test_build_all_refuses_a_folder_of_other_files(tmp_path):
    """--all checks its folder like a single build does, before building anything."""
    (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
    proc = playbook("build", "--all", "--out", str(tmp_path))
    assert proc.returncode == 2 and "no playbook build made it" in proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_empty_folder_and_new_path_are_fine(tmp_path):
    """An empty folder or a path that does not exist yet may be built into."""
    (tmp_path / "empty").mkdir()
    check(tmp_path / "empty")
    check(tmp_path / "new" / "deeper")
    link = tmp_path / "dangling"
    os.symlink(tmp_path / "nowhere", link)
    with pytest.raises(OutputRefused):
        check(link)
