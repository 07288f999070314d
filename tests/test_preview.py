"""The preview's parts that need no browser: nothing of it in a built site; which open pages reload; the builder's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playbook.preview import BuilderProcess
from playbook.preview.hub import Hub, page_key


def test_a_built_site_has_nothing_of_the_preview(built_site):
    """`playbook build` ships no live-reload script, style or event stream: they exist only in the preview's answers."""
    site = built_site.site
    assert not [p for p in site.rglob("*") if p.name in ("live.js", "live.css")]
    pages = [p for p in site.rglob("*.html") if "pyodide" not in p.parts]
    assert pages and not [p for p in pages if "__playbook" in p.read_text(encoding="utf-8")]


def test_a_page_reloads_only_when_it_or_everything_changed_after_it_loaded():
    """A page loaded before its rebuild is stale; a page loaded after it is not; a style sheet makes every page stale."""
    hub = Hub()
    before = 1.0
    hub.published(["/en/qualification/"], everything=False)
    assert hub.stale("/en/qualification/index.html", before)
    assert not hub.stale("/en/prospecting/", before)
    events = hub.wait(0, timeout=0)
    assert [(e.kind, sorted(e.pages)) for e in events] == [("reload", ["/en/qualification/"])]
    hub.failed(["x.md:3: oops"])
    hub.published([], everything=True)
    assert hub.stale("/", before)
    assert [e.kind for e in hub.wait(events[-1].seq, timeout=0)] == ["problems", "fixed", "reload"]
    assert page_key("/en") == "/en/" and page_key("/sw.js") == "/sw.js"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open files are listed in /proc/self/fd on Linux")
def test_the_builder_holds_no_file_open_between_builds(tmp_path):
    """The preview's builder process writes builder.log on its own descriptor: this side holds it open neither between
    builds nor after a builder died and another started (each a ResourceWarning, an error in these tests)."""
    course = tmp_path / "mine.yaml"
    course.write_text("modules: [qualifcation]\n", encoding="utf-8")
    builder = BuilderProcess(course, tmp_path)

    def held() -> list[str]:
        return [fd for fd in os.listdir("/proc/self/fd") if os.path.realpath(f"/proc/self/fd/{fd}") == str(builder.log)]

    try:
        answer = builder.ask({"changed": []})
        assert not answer["ok"] and "qualifcation" in " ".join(answer["problems"])
        assert builder.log.exists() and held() == []
        builder.proc.kill()
        builder.proc.wait()
        assert builder.ask({"changed": []})["problems"] == answer["problems"] and held() == []
    finally:
        builder.stop()
    assert held() == []
