"""``playbook serve``: a course previewed while it is edited, with live reload.

Three parts, each small:

- the **builder** (``builder.py``), a process of its own that renders, builds
  and publishes the course again after each change, rebuilding only what the
  change affects;
- the **server** (``server.py``), which sends the served folder and, to every
  page as it is sent, a small script (``live.js``) that listens to a stream of
  events (``hub.py``): this page changed, a mistake, fixed;
- the **watcher** (``watch.py``) over the course file, the modules, the policy,
  the scorecards, the static files, the theme and the rules package.

Nothing of this is written into a built site: ``playbook build`` never sees
it. The preview is built in a temporary folder, removed when the server stops.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .. import paths
from .hub import Hub
from .server import make_preview_server
from .watch import Watcher

FLUSH_AFTER = 1.0  # seconds of quiet after a rebuild before the print view follows
# A change here needs a new builder process: Python cannot reload the rules or the generator in place.
RESTART = (paths.ROOT / "calculators", paths.ROOT / "playbook")


class BuilderProcess:
    """The builder (``builder.py``) in its process: a request a line, an answer a line.

    What the builder prints goes to ``builder.log`` in the work folder: the process writes it on a
    descriptor of its own, and this side holds no file open between builds.
    """

    def __init__(self, course_file: Path, work: Path) -> None:
        self.course_file, self.work = course_file, work
        self.log = work / "builder.log"
        self.proc: subprocess.Popen | None = None

    def ask(self, request: dict) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            if self.proc is not None:
                self.stop()  # it ended on its own: its pipes are closed before another starts
            with open(self.log, "a", encoding="utf-8") as log:  # the new process keeps its own copy
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "playbook.preview.builder", str(self.course_file), str(self.work)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, encoding="utf-8",
                    env={**os.environ, "PYTHONUNBUFFERED": "1"},
                )
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except (OSError, ValueError):
            line = ""
        if line:
            return json.loads(line)
        self.stop()
        return {"ok": False, "pages": [], "everything": False, "held": False, "seconds": 0, "full": True,
                "rendered": [], "problems": [f"the preview's builder stopped (its log: {self.log})"]}

    def stop(self) -> None:
        if self.proc is not None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
            self.proc.stdout.close()
            self.proc = None


def _report(answer: dict, out=sys.stdout) -> None:
    if answer["ok"]:
        what = ", ".join(answer["rendered"][:4]) + (" …" if len(answer["rendered"]) > 4 else "")
        pages = len(answer["pages"])
        print(f"[{time.strftime('%H:%M:%S')}] rebuilt in {answer['seconds']:.2f} s"
              f"{' (full)' if answer['full'] else ''}: {pages} page{'s' if pages != 1 else ''} changed"
              f"{f' ({what})' if what else ''}", file=out, flush=True)
    else:
        n = len(answer["problems"])
        print(f"[{time.strftime('%H:%M:%S')}] {n} problem{'s' if n != 1 else ''}; the page shows them, "
              "and the last good version stays served:", file=out, flush=True)
        for line in answer["problems"]:
            print(f"  {line}", file=out, flush=True)


def _watched(course_file: Path) -> tuple[list[Path], list[Path]]:
    folders = [paths.SRC, paths.DOCS, paths.ROOT / "playbook", paths.ROOT / "calculators"]
    files = [paths.BASE_CONFIG, course_file]
    return folders, files


def preview(course_file: Path, port: int = 8000, verbose: bool = False, ready: threading.Event | None = None) -> int:
    """Serve ``course_file`` at http://127.0.0.1:PORT/, rebuilding after every change, until Ctrl+C."""
    course_file = Path(course_file).resolve()
    work = Path(tempfile.mkdtemp(prefix="playbook-preview-"))
    site = work / "site"
    site.mkdir()
    hub = Hub()
    try:
        server = make_preview_server(site, hub, port=port, verbose=verbose)
    except OSError as err:
        shutil.rmtree(work, ignore_errors=True)
        print(f"playbook serve: cannot listen on 127.0.0.1:{port} ({err.strerror}); try --port 8001", file=sys.stderr)
        return 2
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folders, files = _watched(course_file)
    watcher = Watcher(folders, files)
    builder = BuilderProcess(course_file, work)
    shown = course_file.relative_to(paths.ROOT) if course_file.is_relative_to(paths.ROOT) else course_file
    print(f"previewing {shown} at http://127.0.0.1:{server.server_address[1]}/ "
          "(pages reload when you save; Ctrl+C to stop)", flush=True)
    try:
        _loop(builder, watcher, hub, ready)
    except KeyboardInterrupt:
        pass
    finally:
        hub.close()
        watcher.stop()
        builder.stop()
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _loop(builder: BuilderProcess, watcher: Watcher, hub: Hub, ready: threading.Event | None) -> None:
    def run(request: dict) -> dict:
        answer = builder.ask(request)
        if answer["ok"]:
            hub.published(answer["pages"], answer["everything"])
        else:
            hub.failed(answer["problems"])
        _report(answer)
        return answer

    answer = run({"changed": []})
    if ready is not None:
        ready.set()
    held = answer.get("held", False)
    while True:
        changed = watcher.changes(timeout=FLUSH_AFTER if held else None)
        if not changed:
            if held:  # quiet since the last rebuild: now the print view
                held = run({"changed": [], "flush": True}).get("held", False)
            continue
        if any(any(folder in p.parents for folder in RESTART) for p in changed if p.suffix in (".py", ".mjs")
               or p.name == "sw.template.js"):
            builder.stop()  # the next request starts a builder with the new code
            answer = run({"changed": []})
        else:
            answer = run({"changed": sorted(str(p) for p in changed)})
        held = answer.get("held", False)
