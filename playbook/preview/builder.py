"""The preview's builder: one process that renders, builds and publishes a course again and again.

``playbook serve`` starts it (``python -m playbook.preview.builder COURSE WORK``)
and sends it, one JSON line at a time, the files that changed; it answers each
with one JSON line: the pages that changed in the served folder, or the
problems, each ``file:line: what``. Between requests it keeps everything a
rebuild can reuse: the course and policy (read again only when their files
change), the templates compiled and each page's rendered Markdown
(``memo.LiveRenderer``), the calculators' runtime (wheel, snapshot: made once
per process) and MkDocs itself with the theme compiled (``mkdocs_run.Warm``).

A saved chapter is re-rendered alone, written alone (a file whose text did not
change keeps its time), and MkDocs rebuilds only the pages whose Markdown is
newer than their HTML. A change that every page shows (the navigation, the
policy that calculators carry, the theme) is a full MkDocs build, still in the
same process. The print view, which holds every chapter, is held back and
built when the server asks (``flush``), once the edited page has reloaded.
The rules package and the generator's own code cannot be reloaded in a running
process: the server starts a new builder for them.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..build import project_files
from ..course import Course, load_course
from ..mkdocs_run import BuildError, Warm
from ..offline import write_offline
from ..policy import load_policy
from ..render import PRINT_PAGE, environment
from ..runtime import vendor
from ..yamlfile import SourceError
from .memo import LiveRenderer, Memo
from .publish import Published, page_url, publish

HELD = tuple(f"docs/{PRINT_PAGE}.{lang}.md" for lang in ("zh", "en"))


def shown(text: str) -> str:
    """Paths in a message relative to the project, as a trainer types them."""
    return text.replace(str(paths.ROOT) + os.sep, "")


@dataclass
class Answer:
    ok: bool
    pages: list[str] = field(default_factory=list)  # URLs of the pages that changed: "/qualification/"
    everything: bool = False  # a style sheet, script or the theme changed: every open page reloads
    problems: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # the templates rendered again
    held: bool = False  # the print view waits for a ``flush``
    seconds: float = 0.0
    full: bool = False


class Builder:
    def __init__(self, course_file: Path, work: Path) -> None:
        self.course_file = Path(course_file).resolve()
        self.project, self.built, self.site = work / "project", work / "mkdocs", work / "site"
        self.runtime_dir = work / "runtime"
        self.warm = Warm()
        self.env = environment()
        self.memo = Memo()
        self.published = Published()
        self.course: Course | None = None
        self.policy: dict | None = None
        self.runtime: dict | None = None
        self.written: dict[str, str] = {}
        self.full_needed = True
        self.reload = True
        self.static: dict[str, tuple[int, int]] = {}

    # ------------------------------------------------------------------ one request
    def update(self, changed: list[str], flush: bool = False) -> Answer:
        start = time.perf_counter()
        try:
            answer = self._update([Path(p) for p in changed], flush)
        except BuildError as err:
            answer = Answer(False, problems=[shown(p) for p in err.problems])
        except SourceError as err:
            problems = getattr(err, "problems", None) or [err]
            answer = Answer(False, problems=[shown(str(p)) for p in problems])
        answer.seconds = round(time.perf_counter() - start, 3)
        return answer

    def _update(self, changed: list[Path], flush: bool) -> Answer:
        if self.reload or any(self._is_course_or_policy(p) for p in changed):
            self.reload = True  # until both read without a problem
            course = load_course(self.course_file)
            self.policy = load_policy(course.policy, overrides_file=course.source)
            self.course, self.reload = course, False
        theme = any(p == paths.BASE_CONFIG or paths.ROOT / "playbook" / "theme" in p.parents for p in changed)
        if self.runtime is None:
            shutil.rmtree(self.runtime_dir, ignore_errors=True)
            self.runtime = vendor(self.runtime_dir).as_config()
            self._runtime_into_site()
        static = self._sync_static()
        renderer = LiveRenderer(self.course, self.policy, self.env, self.memo)
        files = project_files(self.course, self.runtime, renderer)
        meta_changed = any(files[k] != self.written.get(k) for k in ("mkdocs.yml", "playbook-context.json"))
        full = self.full_needed or meta_changed or theme
        held = not (full or flush)
        for rel, text in files.items():
            if held and rel in HELD:
                continue
            if self.written.get(rel) != text:
                path = self.project / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                self.written[rel] = text
        waiting = any(self.written.get(rel) != files.get(rel) for rel in HELD if rel in files)
        if full:  # every file is then new, compared byte by byte with what is served
            shutil.rmtree(self.built, ignore_errors=True)
        sources = {rel: Path(p) for rel, p in json.loads(files["sources.json"]).items()}
        self.warm.build(self.project / "mkdocs.yml", self.built, sources,
                        paths.ROOT / "build" / "logs" / f"{self.course.id}-mkdocs.log", dirty=not full)
        self.full_needed = False
        changed_files = publish(self.built, self.site, self.published, dirty=not full)
        if full:
            write_offline(self.site, self.course)  # the manifest and icon (the preview serves no service worker)
        pages = [page_url(rel) for rel in changed_files if rel.endswith(".html") and rel != "404.html"]
        assets = any(rel.startswith("assets/") for rel in changed_files) or static
        return Answer(True, pages=pages, everything=assets or theme, rendered=list(self.memo.rendered), held=waiting,
                      full=full)

    def _is_course_or_policy(self, path: Path) -> bool:
        return path == self.course_file or paths.POLICY in path.parents or paths.SCORECARDS in path.parents

    def _sync_static(self) -> bool:
        """Copy the files of docs/ that changed into the project; whether any did."""
        seen, any_changed = set(), False
        for base, _, names in os.walk(paths.DOCS):
            for name in names:
                src = Path(base, name)
                rel = "docs/" + src.relative_to(paths.DOCS).as_posix()
                seen.add(rel)
                st = src.stat()
                key = (st.st_mtime_ns, st.st_size)
                if self.static.get(rel) != key:
                    target = self.project / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, target)
                    any_changed = any_changed or rel in self.static
                    self.static[rel] = key
        for rel in [r for r in self.static if r not in seen]:
            (self.project / rel).unlink(missing_ok=True)
            del self.static[rel]
            any_changed = True
        return any_changed

    def _runtime_into_site(self) -> None:
        """Pyodide, the wheel and the snapshot, linked into the served folder.

        Their names carry their hashes: the files of an older runtime stay, so the pages
        still served from before a change of the rules keep working until the new ones replace them.
        """
        shutil.copytree(self.runtime_dir / "pyodide", self.site / "pyodide", copy_function=_link_or_copy,
                        dirs_exist_ok=True)
        (self.site / "assets" / "playbook").mkdir(parents=True, exist_ok=True)
        (self.site / "assets" / "playbook" / "runtime.json").write_text(json.dumps(self.runtime), encoding="utf-8")


def _link_or_copy(src: str, dst: str) -> None:
    """``dst`` made ``src``'s twin in one rename (left alone when it is already)."""
    if os.path.exists(dst) and filecmp.cmp(src, dst, shallow=False):
        return
    tmp = dst + ".preview-tmp"
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copy2(src, tmp)
    os.replace(tmp, dst)


def main(argv: list[str]) -> int:
    course_file, work = Path(argv[0]), Path(argv[1])
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # what MkDocs, a plugin or a library prints goes to the log, never into the answers
    builder = Builder(course_file, work)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = builder.update(request.get("changed", []), request.get("flush", False))
        except Exception as err:  # a bug of ours: one line for the trainer, the traceback in the log
            traceback.print_exc()
            answer = Answer(False, problems=[f"the preview stopped on {type(err).__name__}: {err} (see the terminal log)"])
            builder.full_needed = True
        answers.write(json.dumps(answer.__dict__, ensure_ascii=False) + "\n")
        answers.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
