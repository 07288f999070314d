"""``playbook build``: course file -> rendered Markdown -> MkDocs -> site folder.

The site is built in a temporary folder beside the target and swapped in only
when everything succeeded, so a failed build never leaves a half-written site;
the target must be new, empty or a site a previous build made (``outdir``),
so a build never deletes anything else. MkDocs runs strict (``mkdocs_run``):
any warning fails the build, one readable line per problem.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import brand, csp, outdir, paths
from .compress import precompress
from .course import Course
from .mkdocs_run import BuildError, run as run_mkdocs
from .offline import write_offline
from .outdir import OutputRefused
from .policy import checked_course, load_policy
from .render import Renderer
from .runtime import vendor
from .yamlfile import SourceError, load, raise_all

log = logging.getLogger("playbook")

DEFAULT_COURSE = paths.COURSES / "new-hire.yaml"
LOGS = paths.ROOT / "build" / "logs"
__all__ = ["BuildError", "Built", "OutputRefused", "SourceError", "build", "build_all", "project_files", "write_project"]


@dataclass(frozen=True)
class Built:
    course: Course
    site: Path
    pages: int


def _plugins(languages: list[dict]) -> list:
    """The base config's plugins (a list is replaced, not merged, by INHERIT), with this course's languages."""
    base = load(paths.BASE_CONFIG).data["plugins"]
    search = next(p for p in base if isinstance(p, dict) and "search" in p)
    i18n = next(p for p in base if isinstance(p, dict) and "i18n" in p)
    return [search, {"i18n": {**i18n["i18n"], "languages": languages}}, {"playbook": {"context": "playbook-context.json"}}]


def project_files(course: Course, runtime: dict[str, str], renderer: Renderer | None = None) -> dict[str, str]:
    """What MkDocs builds ``course`` from, besides the static files of docs/: relative path -> text.

    The rendered pages (``docs/qualification.zh.md``, ...), ``mkdocs.yml``, the plugin's context
    (``playbook-context.json``) and which template each page came from (``sources.json``).
    ``renderer``: one a long-lived process keeps (playbook serve); by default a new one.
    """
    if renderer is None:
        renderer = Renderer(course, load_policy(course.policy, overrides_file=course.source))
    policy = renderer.policy
    files = {f"docs/{rel}": text for rel, text in renderer.pages().items()}
    # Which template each page came from, so a problem MkDocs finds names the trainer's file.
    files["sources.json"] = json.dumps({rel: str(p) for rel, p in renderer.sources().items()})
    context = {
        "course": course.id,
        "default_lang": course.default_lang,
        "policy": policy,
        "runtime": runtime,
    }
    files["playbook-context.json"] = json.dumps(context, ensure_ascii=False)
    en_titles = {m.title[course.default_lang]: m.title["en"] for m in renderer.modules}
    en_titles.update(renderer.generated_titles(course.default_lang))
    en_titles[course.title[course.default_lang]] = course.title["en"]
    languages = []
    for i, lang in enumerate(course.languages):
        entry = {"locale": lang, "default": i == 0, "name": "中文" if lang == "zh" else "English", "build": True,
                 "site_name": course.branding["name"][lang],
                 # What a page without its own description (home, progress, print view) says in search results.
                 "site_description": f"{course.title[lang]}{'：' if lang == 'zh' else ': '}{course.audience[lang]}"
                                     if course.audience[lang] else course.title[lang]}
        if lang != course.default_lang:
            entry["nav_translations"] = en_titles if lang == "en" else {v: k for k, v in en_titles.items()}
        languages.append(entry)
    config = {
        "INHERIT": str(paths.BASE_CONFIG),
        "site_name": course.branding["name"][course.default_lang],
        "docs_dir": "docs",
        "nav": renderer.nav(),
        "theme": {
            "name": "material",
            "language": course.default_lang,
            "font": False,
            "custom_dir": str(paths.ROOT / "playbook" / "theme"),
            # The course's colours, made readable (playbook/brand.py), as Material's custom colours.
            "palette": [{"scheme": "default", "primary": "custom", "accent": "custom"}],
        },
        "plugins": _plugins(languages),
        "extra": {"playbook_default_lang": course.default_lang,  # for the theme (404.html, each language's manifest)
                  "playbook_brand": {"css": brand.css(course.branding["primary"], course.branding["accent"], course.branding["link"]),
                                     "theme_color": course.branding["primary"]}},
    }
    files["mkdocs.yml"] = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    return files


def write_project(course: Course, work: Path, runtime: dict[str, str], policy: dict[str, Any] | None = None) -> Path:
    """Render ``course`` under ``policy`` (default: its own, loaded) into ``work`` (docs/ + mkdocs.yml); return the config path."""
    if policy is None:
        policy = load_policy(course.policy, overrides_file=course.source)
    for note in course.notes:
        log.warning("note: %s", note)
    files = project_files(course, runtime, Renderer(course, policy))
    shutil.copytree(paths.DOCS, work / "docs")
    for rel, text in files.items():
        (work / rel).write_text(text, encoding="utf-8")
    return work / "mkdocs.yml"


def _target(out: Path | str | None, default: Path) -> tuple[Path, str]:
    """The absolute target and how the user wrote it; OutputRefused if a build may not write there."""
    shown = str(out) if out is not None else str(default)
    target = Path(out or default).resolve()
    outdir.check(target, shown)
    return target, shown


def _staging(target: Path, shown: str) -> tempfile.TemporaryDirectory:
    """A work folder beside ``target`` (same file system, so the site moves in with one rename)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.TemporaryDirectory(prefix=".playbook-", dir=target.parent)
    except OSError as err:
        raise OutputRefused(f"--out {shown}: cannot create a folder in {target.parent} ({err.strerror}). "
                            "Choose a folder you can write to, e.g. --out site") from None


def _site(course: Course, work: Path, policy: dict[str, Any] | None = None) -> tuple[Path, int]:
    """Build ``course`` into ``work/site``; return it and its page count."""
    runtime = vendor(work / "runtime")
    config = write_project(course, work / "project", runtime.as_config(), policy)
    staging = work / "site"
    sources = {rel: Path(p) for rel, p in json.loads((work / "project" / "sources.json").read_text(encoding="utf-8")).items()}
    run_mkdocs(config, staging, sources, LOGS / f"{course.id}-mkdocs.log")
    (work / "runtime" / "pyodide").rename(staging / "pyodide")
    # For offline.js: what boot.js needs to start Python in idle time on pages without a calculator.
    (staging / "assets" / "playbook" / "runtime.json").write_text(json.dumps(runtime.as_config()), encoding="utf-8")
    csp.apply(staging)
    shutil.copyfile(paths.ROOT / "playbook" / "serve.py", staging / "serve.py")
    write_offline(staging, course)
    precompress(staging, cache=paths.ROOT / "build" / "compress-cache")
    return staging, sum(1 for _ in staging.rglob("*.html"))


def build(course_file: Path | str | None = None, out: Path | str | None = None) -> Built:
    """Build one course into ``out`` (default ``site/``); raises SourceError, OutputRefused or BuildError."""
    course, policy = checked_course(course_file or DEFAULT_COURSE)  # every problem of the course and its policy at once
    target, shown = _target(out, paths.ROOT / "site")
    with _staging(target, shown) as tmp:
        work = Path(tmp)
        staging, pages = _site(course, work, policy)
        outdir.mark(staging, course.id)
        outdir.swap(staging, target, work / "old", shown)
    return Built(course, target, pages)


def build_all(out: Path | str | None = None, courses_dir: Path | None = None) -> list[Built]:
    """Build every course of ``courses_dir`` into ``out/<course>/``, each with ``out/<course>.zip``.

    The whole folder is built beside ``out`` and swapped in at the end, like one site.
    """
    target, shown = _target(out, paths.ROOT / "site" / "courses")
    files = sorted((courses_dir or paths.COURSES).glob("*.yaml"))
    if not files:
        raise SourceError(courses_dir or paths.COURSES, None, "no course files (*.yaml) found")
    checked: list[tuple[Course, dict[str, Any]]] = []
    problems: list[SourceError] = []
    for f in files:  # check them all before building any, and report every problem of every course
        try:
            checked.append(checked_course(f))
        except SourceError as err:
            problems.append(err)
    raise_all(problems)
    courses = [course for course, _ in checked]
    policies = {course.id: policy for course, policy in checked}

    with _staging(target, shown) as tmp:
        work = Path(tmp)
        whole = work / "site"  # the folder that becomes ``out``: one course folder and one zip per course
        whole.mkdir()

        def one(course: Course) -> Built:
            (work / "courses" / course.id).mkdir(parents=True)
            site, pages = _site(course, work / "courses" / course.id, policies[course.id])
            outdir.mark(site, course.id)
            site.rename(whole / course.id)
            _zip(whole / course.id, whole / f"{course.id}.zip", course.id)
            return Built(course, target / course.id, pages)

        # MkDocs runs in a subprocess and zlib releases the GIL: courses build side by side.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(len(courses), os.cpu_count() or 1)) as pool:
            built = list(pool.map(one, courses))
        outdir.mark(whole, ", ".join(c.id for c in courses))
        outdir.swap(whole, target, work / "old", shown)
    return built


def _zip(site: Path, target: Path, top: str) -> None:
    """A zip a trainer can hand out: one folder, with serve.py inside to start it."""
    import zipfile

    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(site.rglob("*")):
            # serve.py sends the plain file when no twin exists; the marker belongs to the folder, not to a copy
            if path.is_file() and path.suffix not in (".gz", ".br") and path.name != outdir.MARKER:
                zf.write(path, f"{top}/{path.relative_to(site).as_posix()}")
