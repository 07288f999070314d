"""MkDocs, run so that every warning fails the build and every problem is one readable line.

``mkdocs build --strict --quiet`` counts warnings only when they are logged,
and ``--quiet`` stops them being logged: such a build passes with unknown
calculators and broken presets. Here MkDocs runs in a process of its own
(``python -m playbook.mkdocs_run CONFIG SITE REPORT LOG``) with a handler
on the root logger that records every warning and error, from MkDocs, its
plugins and engine_own alike; the full log (with any traceback) goes to LOG, the
problems to REPORT as JSON. ``run`` reads the report and raises
``BuildError`` with one line per problem, naming the trainer's source file
and line when the problem names a rendered page, and, when the theme or a
plugin crashed, one line with the path of the full log.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

# "qualification.en.md:12: what" (our plugin) and "Doc file 'qualification.en.md' ..." (MkDocs).
_AT_LINE = re.compile(r"^(?P<page>[^\s:'\"]+\.md):(?P<line>\d+): (?P<what>.*)$", re.DOTALL)
_DOC_FILE = re.compile(r"Doc file '(?P<page>[^']+\.md)'")


class BuildError(Exception):
    """The site engine refused or failed; ``problems`` are readable lines, ``log`` the full log if one was kept."""

    def __init__(self, problems: list[str], log: Path | None = None) -> None:
        self.problems, self.log = problems, log
        super().__init__("\n".join(problems))


def run(config: Path, site: Path, sources: dict[str, Path], log_keep: Path) -> None:
    """Build ``site`` from ``config``; BuildError on any warning, error or crash.

    ``sources`` maps a rendered page (``qualification.en.md``) to the
    template it came from; ``log_keep`` is where the full log is kept when
    MkDocs crashed.
    """
    work = config.parent
    report, log = work / "mkdocs-report.json", work / "mkdocs.log"
    proc = subprocess.run(
        [sys.executable, "-m", "playbook.mkdocs_run", str(config), str(site), str(report), str(log)],
        capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    _judge(report, log, proc.returncode, proc.stdout + proc.stderr, sources, log_keep)


class Warm:
    """MkDocs kept loaded for the repeated builds of one project, in the calling process.

    ``playbook serve`` builds its preview in a process of its own and calls this there: the
    same rules as ``run`` (every warning is a problem, a crash is one line), but MkDocs, the
    theme's compiled templates and the search's word lists stay loaded between builds, and a
    ``dirty`` build renders only the pages whose Markdown is newer than their HTML (what
    ``mkdocs serve --dirty`` does, without reloading the configuration each time).
    """

    def __init__(self) -> None:
        self.kept = _Kept()

    def build(self, config: Path, site: Path, sources: dict[str, Path], log_keep: Path, *, dirty: bool = False) -> None:
        work = config.parent
        report, log = work / "mkdocs-report.json", work / "mkdocs.log"
        code = _one(str(config), str(site), str(report), str(log), dirty=dirty, kept=self.kept)
        _judge(report, log, code, "", sources, log_keep)


def _judge(report: Path, log: Path, returncode: int, output: str, sources: dict[str, Path], log_keep: Path) -> None:
    """Nothing when the build went through; else BuildError, one line per problem."""
    work = report.parent
    try:
        outcome = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # the process died before it could say why
        tail = output.strip().splitlines()
        outcome = {"problems": [], "crash": tail[-1] if tail else f"exit status {returncode}"}
        log.write_text(output, encoding="utf-8")
    if returncode == 0 and not outcome["problems"] and not outcome["crash"]:
        return
    docs = work / "docs"
    problems, kept, during = outcome["problems"], None, ""
    if outcome["crash"]:
        # MkDocs reports the page it was building as an error of its own: that goes into the crash's one line.
        engine_own = [p for p in problems if p["logger"] == "mkdocs.commands.build" and p["level"] == "ERROR"]
        problems = [p for p in problems if p not in engine_own]
        page = next((m.group(1) for p in engine_own if (m := re.search(r"'([^']+\.md)'", p["message"]))), None)
        during = f" while building {sources.get(page, page)}" if page else ""
    lines = [_readable(p, docs, sources) for p in problems]
    if outcome["crash"]:
        kept = _keep(log, log_keep)
        lines.append(f"the site engine stopped{during}: {outcome['crash']} (full log: {kept})")
    raise BuildError(lines or [f"the site engine failed with exit status {returncode}"], kept)


def _keep(log: Path, target: Path) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, target)
        return target
    except OSError:
        import tempfile

        fd, name = tempfile.mkstemp(prefix="playbook-mkdocs-", suffix=".log")
        os.close(fd)
        shutil.copyfile(log, name)
        return Path(name)


def _readable(problem: dict, docs: Path, sources: dict[str, Path]) -> str:
    """One line: ``source:line: what`` when the problem names a page, else the message."""
    message = " ".join(problem["message"].split())
    m = _AT_LINE.match(message)
    if m:
        page, line, what = m.group("page"), int(m.group("line")), m.group("what")
        return f"{_where(page, line, docs, sources)}: {what}"
    m = _DOC_FILE.search(message)
    if m:
        page = m.group("page")
        link = re.search(r"link '([^']+)'", message)
        source = sources.get(page)
        if source is None:
            return f"{page} (a page made from the chapters, such as the print view): {message}"
        hits = _lines_with(source, link.group(1)) if link else []
        return f"{source}:{hits[0]}: {message}" if len(hits) == 1 else f"{source}: {message}"
    return message


def _lines_with(source: Path, text: str) -> list[int]:
    try:
        return [n for n, s in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1) if text in s]
    except (OSError, UnicodeDecodeError):
        return []


def _where(page: str, line: int, docs: Path, sources: dict[str, Path]) -> str:
    """The template line a rendered page's line came from (``locate.source_line``)."""
    from .locate import source_line

    source = sources.get(page)
    if source is None:
        return f"{page}:{line}"
    try:
        from mkdocs.utils.meta import get_data

        # MkDocs counts lines after the page's front matter (its description), as get_data leaves them
        rendered = get_data((docs / page).read_text(encoding="utf-8"))[0].splitlines()
        template = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        rendered, template = [], []
    found = source_line(rendered, line, template)
    return f"{source}:{found}" if found else f"{source} (line {line} of the rendered page {page})"


_DIRTY_NOTICE = "A 'dirty' build is being performed"


class _Collector(logging.Handler):
    """Every warning and error, from any logger."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[dict[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "py.warnings":
            return
        try:
            text = record.getMessage()
        except Exception:  # a plugin's malformed log call is still a problem
            text = str(record.msg)
        if text.startswith(_DIRTY_NOTICE):  # what MkDocs says of every dirty build: asked for, not a problem
            return
        self.problems.append({"logger": record.name, "level": record.levelname, "message": text})


class _Kept:
    """What ``Warm`` keeps between builds: the last full build's configuration."""

    config: Any = None
    path: str = ""


def _keep_theme_env(config: Any) -> None:
    """One Jinja2 environment for the theme, its templates compiled once and its file list read once."""
    theme, made = config.theme, config.theme.get_env
    kept: list = []

    def get_env():
        if not kept:
            env = made()
            listed = env.loader.list_templates()
            env.loader.list_templates = lambda: listed
            kept.append(env)
        return kept[0]

    theme.get_env = get_env


def _one(config: str, site: str, report: str, log: str, dirty: bool = False, kept: _Kept | None = None) -> int:
    """One build, strict: every warning and error recorded in REPORT, the full log in LOG."""
    collector = _Collector()
    full = logging.FileHandler(log, encoding="utf-8")
    full.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(collector)
    root.addHandler(full)
    crash = None
    try:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort, ConfigurationError

        try:
            if dirty and kept is not None and kept.config is not None and kept.path == config:
                _dirty_build(build, kept.config)
            else:
                loaded = load_config(config_file=config, site_dir=site, strict=True)
                if kept is not None:
                    _keep_theme_env(loaded)
                    # kept even when the build finds problems: the next build re-renders the pages they are on
                    kept.config, kept.path = loaded, config
                build(loaded)
        except Abort:  # strict mode counted our warnings, or a plugin's BuildError was logged: both are in problems
            if not collector.problems:
                crash = "MkDocs aborted without saying why"
        except ConfigurationError as err:
            crash = f"the site configuration is not valid: {' '.join(str(err).split())}"
    except Exception as err:  # a theme or plugin crashed: one line here, the traceback in the log
        full.stream.write(traceback.format_exc())
        crash = f"{type(err).__name__}: {' '.join(str(err).split())[:300]}"
        if kept is not None:
            kept.config, kept.path = None, ""  # the next build starts afresh
    finally:
        full.flush()
        root.removeHandler(collector)
        root.removeHandler(full)
        full.close()
    problems = collector.problems
    Path(report).write_text(json.dumps({"problems": problems, "crash": crash}, ensure_ascii=False), encoding="utf-8")
    return 2 if crash else (1 if problems else 0)


def _dirty_build(build: Any, config: Any) -> None:
    """Rebuild with the configuration kept from the last full build: only pages whose Markdown is newer."""
    i18n = config.plugins.get("i18n")
    if i18n is not None:  # back to where a build starts: the default language, no search entries yet
        i18n.current_language, i18n.search_entries, i18n.building = None, [], False
    config["strict"] = False  # our handler counts the warnings; MkDocs would count its own notice of a dirty build
    argv = sys.argv
    sys.argv = [argv[0], "--dirty"]  # mkdocs-static-i18n builds the other languages dirty only when it sees this
    try:
        build(config, dirty=True)
    finally:
        sys.argv = argv


def main(argv: list[str]) -> int:
    config, site, report, log = argv
    return _one(config, site, report, log)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
