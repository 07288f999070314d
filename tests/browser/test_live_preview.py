"""`playbook serve`: a saved edit rebuilds and the open page reloads; a broken edit shows where, over the last good page."""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from playbook import paths

pytestmark = pytest.mark.browser

COURSE = """title: {zh: 预览测试, en: Preview test}
modules: [prospect-basics, qualification]
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    """`playbook serve` over a copy of the training sources, its terminal read line by line."""

    def __init__(self, src: Path, port: int) -> None:
        self.src, self.url = src, f"http://127.0.0.1:{port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "playbook.cli", "serve", "--course", str(src / "courses" / "preview.yaml"),
             "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PLAYBOOK_SRC": str(src)},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.proc.stdout], daemon=True).start()

    def wait_for(self, pattern: str, timeout: float = 180) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in: {''.join(self.seen)}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    for name in ("modules", "policy", "scorecards", "site"):
        shutil.copytree(paths.SRC / name, src / name)
    (src / "courses").mkdir()
    (src / "courses" / "preview.yaml").write_text(COURSE, encoding="utf-8")
    p = Preview(src, _free_port())
    p.wait_for(r"rebuilt in .* \(full\)")
    yield p
    p.stop()


def _text(page) -> str:
    """The page's text, or '' while it is between two loads."""
    try:
        return page.evaluate("() => document.body ? document.body.innerText : ''")
    except Exception:
        return ""


def _until(check, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not check():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.1)


def test_an_edit_reloads_the_page_and_a_mistake_is_shown_over_the_last_good_one(browser, preview):
    """Save zh.md: the open page reloads by itself with the change; save a broken template: the page keeps the
    last good text and shows the file and line, as the terminal does; fix it: the message goes, the fix shows."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.on("console", lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    try:
        page.goto(preview.url + "prospect-basics/")
        page.wait_for_selector("h1")
        page.evaluate("() => { window.notReloaded = true; }")
        zh = preview.src / "modules" / "prospect-basics" / "zh.md"
        original = zh.read_text(encoding="utf-8")
        lines = original.splitlines(keepends=True)

        zh.write_text("".join(lines[:1] + ["\n第一次修改的句子。\n"] + lines[1:]), encoding="utf-8")
        _until(lambda: "第一次修改的句子" in _text(page))
        assert page.evaluate("() => window.notReloaded === undefined")  # a reload, not a patch
        preview.wait_for(r"rebuilt in .*: 1 page changed \(prospect-basics/zh\.md")

        broken_line = 3
        zh.write_text("".join(lines[:1] + ["\n{{ policy.attribution.no_such_value }}\n"] + lines[1:]), encoding="utf-8")
        alert = page.wait_for_selector(".pb-preview-problems[role=alert]", timeout=60_000)
        where = f"modules/prospect-basics/zh.md:{broken_line}"
        assert where in alert.inner_text()
        assert "第一次修改的句子" in _text(page)  # the last good page stays
        preview.wait_for("1 problem")
        assert where in preview.wait_for(re.escape(where))
        other = context.new_page()  # a page opened while the mistake is there hears of it at once
        other.goto(preview.url)
        assert where in other.wait_for_selector(".pb-preview-problems", timeout=30_000).inner_text()
        other.close()

        zh.write_text("".join(lines[:1] + ["\n改正以后的句子。\n"] + lines[1:]), encoding="utf-8")
        _until(lambda: "改正以后的句子" in _text(page))
        assert page.query_selector(".pb-preview-problems") is None
        assert problems == []
        zh.write_text(original, encoding="utf-8")
    finally:
        context.close()
