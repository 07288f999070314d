"""``playbook build``: course file -> rendered Markdown -> MkDocs -> site folder.

The site is built in a temporary folder beside the target and swapped in only
when everything succeeded, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import csp, paths
from .course import Course, load_course
from .policy import load_policy
from .offline import write_offline
from .compress import precompress
from .render import Renderer
from .runtime import vendor
from .yamlfile import SourceError

log = logging.getLogger("playbook")

DEFAULT_COURSE = paths.COURSES / "new-hire.yaml"


class BuildError(Exception):
    """The site engine failed; ``output`` holds what it said."""


@dataclass(frozen=True)
class Built:
    course: Course
    site: Path
    pages: int


def _plugins(languages: list[dict]) -> list:
    """The base config's plugins (a list is replaced, not merged, by INHERIT), with this course's languages."""
    base = yaml.safe_load(paths.BASE_CONFIG.read_text(encoding="utf-8"))["plugins"]
    search = next(p for p in base if isinstance(p, dict) and "search" in p)
    i18n = next(p for p in base if isinstance(p, dict) and "i18n" in p)
    return [search, {"i18n": {**i18n["i18n"], "languages": languages}}, {"playbook": {"context": "playbook-context.json"}}]


def write_project(course: Course, work: Path, runtime: dict[str, str]) -> Path:
    """Render ``course`` into ``work`` (docs/ + mkdocs.yml); return the config path."""
    policy = load_policy(course.policy, overrides_file=course.source)
    renderer = Renderer(course, policy)
    docs = work / "docs"
    shutil.copytree(paths.DOCS, docs)
    for rel, text in renderer.pages().items():
        (docs / rel).write_text(text, encoding="utf-8")
    context = {
        "course": course.id,
        "default_lang": course.default_lang,
        "policy": policy,
        "runtime": runtime,
    }
    (work / "playbook-context.json").write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    en_titles = {m.title[course.default_lang]: m.title["en"] for m in renderer.modules}
    en_titles.update(renderer.generated_titles(course.default_lang))
    languages = []
    for i, lang in enumerate(course.languages):
        entry = {"locale": lang, "default": i == 0, "name": "中文" if lang == "zh" else "English", "build": True,
                 "site_name": course.branding["name"][lang]}
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
            "palette": [{"scheme": "default", "primary": course.branding["primary"], "accent": course.branding["accent"]}],
        },
        "plugins": _plugins(languages),
    }
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(course_file: Path | str | None = None, out: Path | str | None = None) -> Built:
    """Build one course into ``out`` (default ``site/``); raises SourceError or BuildError."""
    course = load_course(course_file or DEFAULT_COURSE)
    out = Path(out or paths.ROOT / "site").resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".playbook-", dir=out.parent) as tmp:
        work = Path(tmp)
        runtime = vendor(work / "runtime")
        config = write_project(course, work / "project", runtime.as_config())
        staging = work / "site"
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(staging)],
            capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        if proc.returncode != 0:
            raise BuildError((proc.stdout + proc.stderr).strip())
        (work / "runtime" / "pyodide").rename(staging / "pyodide")
        # For offline.js: what boot.js needs to start Python in idle time on pages without a calculator.
        (staging / "assets" / "playbook" / "runtime.json").write_text(json.dumps(runtime.as_config()), encoding="utf-8")
        csp.apply(staging)
        shutil.copyfile(paths.ROOT / "playbook" / "serve.py", staging / "serve.py")
        write_offline(staging, course)
        precompress(staging, cache=paths.ROOT / "build" / "compress-cache")
        pages = sum(1 for _ in staging.rglob("*.html"))
        old = work / "old"
        if out.exists():
            out.rename(old)
        staging.rename(out)
    return Built(course, out, pages)


def build_all(out: Path | str | None = None, courses_dir: Path | None = None) -> list[Built]:
    """Build every course of ``courses_dir`` into ``out/<course>/``, each with ``out/<course>.zip``."""
    out = Path(out or paths.ROOT / "site" / "courses").resolve()
    files = sorted((courses_dir or paths.COURSES).glob("*.yaml"))
    if not files:
        raise SourceError(courses_dir or paths.COURSES, None, "no course files (*.yaml) found")
    courses = [load_course(f) for f in files]  # check them all before building any

    def one(course: Course) -> Built:
        result = build(course.path, out / course.id)
        _zip(result.site, out / f"{course.id}.zip", course.id)
        return result

    # MkDocs runs in a subprocess and zlib releases the GIL: courses build side by side.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(len(courses), os.cpu_count() or 1)) as pool:
        return list(pool.map(one, courses))


def _zip(site: Path, target: Path, top: str) -> None:
    """A zip a trainer can hand out: one folder, with serve.py inside to start it."""
    import zipfile

    tmp = target.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(site.rglob("*")):
            if path.is_file() and path.suffix not in (".gz", ".br"):  # serve.py sends the plain file when no twin exists
                zf.write(path, f"{top}/{path.relative_to(site).as_posix()}")
    tmp.replace(target)
