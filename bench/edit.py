"""Save a chapter's zh.md, see the reloaded page show it: `playbook serve` against `mkdocs serve --dirty`.

Both serve the same course in the same run, each in Chromium: `playbook serve`
from a copy of the training sources, `mkdocs serve --dirty` from the very
Markdown and config the generator writes for that course (with Pyodide copied
in, so the pages load the same). Each edit adds a line `EDIT-<n>` under the
chapter's title (in the template for ours, in the rendered page for MkDocs);
the time is taken in the page: from the moment the file was written to the
first frame of the reloaded page that shows the line. Edits alternate between
the two, with a pause between them so that nothing is still building.
Two courses: the default one (31 pages) and a generated one of 150 chapter
pages (75 modules copied from the shipped ones, in two languages).
Usage: python bench/edit.py [--runs N] [--course default|150|both]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="playbook-bench-edit-"))
SRC = WORK / "src"
os.environ["PLAYBOOK_SRC"] = str(SRC)  # before playbook is imported: the bench edits a copy, never playbook_src/
sys.path.insert(0, str(ROOT / "bench"))

from _common import CHROMIUM, FLAGS  # noqa: E402

PAUSE = 3.0  # seconds after restoring a file, before waiting for the server to be quiet
RECORD = """(() => {
  const note = () => {
    const m = /EDIT-(\\d+)-(\\w+)/.exec(document.body ? document.body.textContent : "");
    if (!m) return;
    requestAnimationFrame(() => localStorage.setItem(`bench-${m[2]}-${m[1]}`, String(performance.timeOrigin + performance.now())));
  };
  document.readyState === "loading" ? addEventListener("DOMContentLoaded", note) : note();
})();"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_sources(pages: int | None) -> str:
    """The training sources copied to SRC; with ``pages``, a course of that many chapter pages. Returns its course id."""
    shutil.rmtree(SRC, ignore_errors=True)
    shutil.copytree(ROOT / "playbook_src", SRC)
    if pages is None:
        return "new-hire"
    import yaml

    shipped = sorted(p.name for p in (SRC / "modules").iterdir() if (p / "module.yaml").is_file() and p.name not in ("scorecards", "policy-reference"))
    names = []
    for i in range(pages // 2):
        base = shipped[i % len(shipped)]
        name = f"m{i + 1:02d}-{base}"
        shutil.copytree(SRC / "modules" / base, SRC / "modules" / name)
        meta = yaml.safe_load((SRC / "modules" / name / "module.yaml").read_text(encoding="utf-8"))
        meta["title"] = {lang: f"{meta['title'][lang]} {i + 1}" for lang in ("zh", "en")}
        (SRC / "modules" / name / "module.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
        names.append(name)
    course = {"title": {"zh": "一百五十页", "en": "Hundred and fifty pages"}, "modules": names}
    (SRC / "courses" / "generated.yaml").write_text(yaml.safe_dump(course, allow_unicode=True), encoding="utf-8")
    return "generated"


def edited_module(course_id: str) -> str:
    if course_id == "new-hire":
        return "qualification"
    return next(p.name for p in sorted((SRC / "modules").iterdir()) if p.name.endswith("-qualification")
                and int(p.name[1:3]) > 30)


def baseline_project(course_id: str) -> Path:
    """The Markdown, config and context `playbook build` would give MkDocs, with Pyodide among the static files."""
    from playbook.build import project_files
    from playbook.course import load_course
    from playbook.runtime import vendor

    project = WORK / f"mkdocs-{course_id}"
    shutil.rmtree(project, ignore_errors=True)
    runtime = vendor(WORK / "runtime")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(WORK / "runtime" / "pyodide", project / "docs" / "pyodide")
    for rel, text in project_files(load_course(SRC / "courses" / f"{course_id}.yaml"), runtime.as_config()).items():
        (project / rel).write_text(text, encoding="utf-8")
    return project


class Server:
    def __init__(self, name: str, argv: list[str], ready: str, cwd: Path | None = None) -> None:
        self.name = name
        self.out = open(WORK / f"{name}.log", "w", encoding="utf-8")  # noqa: SIM115  (the server writes it until stop())
        self.proc = subprocess.Popen(argv, stdout=self.out, stderr=subprocess.STDOUT, cwd=cwd, env=os.environ.copy())
        self.log = WORK / f"{name}.log"
        deadline = time.monotonic() + 900
        while not re.search(ready, self.log.read_text(encoding="utf-8", errors="replace")):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{name} did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.2)

    def settle(self) -> None:
        """Until its log has been quiet for a while and MkDocs finished every build it started."""
        quiet = 0.0
        size = -1
        deadline = time.monotonic() + 300  # a build that never reports its end must not hang the benchmark
        while quiet < 2.5:
            text = self.log.read_text(encoding="utf-8", errors="replace")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.log.name}: did not settle within 300 s (a build started and never ended):\n{text[-2000:]}")
            busy = text.count("Building documentation...") > text.count("Documentation built")
            if len(text) == size and not busy:
                quiet += 0.5
            else:
                quiet, size = 0.0, len(text)
            time.sleep(0.5)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.out.close()


def insert_after_title(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    # under the chapter's title: the first line that starts with "# " (a rendered page may open with front matter)
    m = re.search(r"^# .*$", text, re.M)
    path.write_text(text[: m.end()] + f"\n\n{line}\n" + text[m.end():], encoding="utf-8")


def measure(page, file: Path, tag: str, n: int, server: Server) -> float:
    original = file.read_text(encoding="utf-8")
    try:
        t0 = time.time() * 1000
        insert_after_title(file, f"EDIT-{n}-{tag}")
        key = f"bench-{tag}-{n}"
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                seen = page.evaluate("(k) => localStorage.getItem(k)", key)
            except Exception:  # between two loads
                seen = None
            if seen:
                return (float(seen) - t0) / 1000
            time.sleep(0.02)
        raise SystemExit(f"{tag}: the edit never showed")
    finally:
        server.settle()
        file.write_text(original, encoding="utf-8")
        time.sleep(PAUSE)
        server.settle()


def open_page(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("h1")
    return page


def start_mkdocs(project: Path) -> tuple[Server, int]:
    port = free_port()
    server = Server("mkdocs", [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml")], r"Serving on", cwd=project)
    return server, port


def one_course(pages: int | None, runs: int, browser) -> dict:
    course_id = copy_sources(pages)
    module = edited_module(course_id)
    project = baseline_project(course_id)
    ours_port = free_port()
    ours = Server("playbook", [sys.executable, "-m", "playbook.cli", "serve", "--course",
                               str(SRC / "courses" / f"{course_id}.yaml"), "--port", str(ours_port)], r"rebuilt in .*\(full\)")
    results = {"playbook": [], "mkdocs": []}
    try:
        ours_page = open_page(browser, f"http://127.0.0.1:{ours_port}/{module}/")
        ours.settle()
        for n in range(runs):
            order = ("playbook", "mkdocs") if n % 2 == 0 else ("mkdocs", "playbook")
            for tag in order:
                if tag == "playbook":
                    seconds = measure(ours_page, SRC / "modules" / module / "zh.md", tag, n, ours)
                else:
                    theirs, port = start_mkdocs(project)
                    try:
                        page = open_page(browser, f"http://127.0.0.1:{port}/{module}/")
                        theirs.settle()
                        seconds = measure(page, project / "docs" / f"{module}.zh.md", tag, n, theirs)
                        page.context.close()
                    finally:
                        theirs.stop()
                results[tag].append(seconds)
                print(f"  {course_id} run {n + 1}: {tag:<8} {seconds:6.3f} s", flush=True)
    finally:
        ours.stop()
    total = sum(1 for _ in (project / "docs").glob("*.md"))
    return {"course": course_id, "pages": total, "edited": module, **results}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--course", choices=("default", "150", "both"), default="both")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    load = [os.getloadavg()]
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            if args.course in ("default", "both"):
                rows.append(one_course(None, args.runs, browser))
            if args.course in ("150", "both"):
                rows.append(one_course(150, args.runs, browser))
            browser.close()
    finally:
        load.append(os.getloadavg())
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(WORK, ignore_errors=True)
    print(f"\nsave -> reloaded page shows it, median of {args.runs} (seconds); load average before "
          f"{load[0][0]:.2f}, after {load[1][0]:.2f} (1 min), {os.cpu_count()} cores")
    print(f"{'course':<12} {'pages':>5} {'playbook':>9} {'mkdocs --dirty':>15} {'ratio':>6}")
    for r in rows:
        ours, theirs = statistics.median(r["playbook"]), statistics.median(r["mkdocs"])
        print(f"{r['course']:<12} {r['pages']:>5} {ours:>9.3f} {theirs:>15.3f} {ours / theirs:>6.2f}")
    print(json.dumps({r["course"]: {"pages": r["pages"], "playbook": r["playbook"], "mkdocs": r["mkdocs"]} for r in rows}))


if __name__ == "__main__":
    main()
