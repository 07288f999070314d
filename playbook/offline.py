"""Offline support written into a built site: a service worker, web-app manifests and icons.

The service worker precaches every file of the build under a cache named by
the build's content hash, so a new course version is installed whole beside
the old one and replaces it only when the reader accepts the update: never a
mix of old pages and a new wheel. Pages register it from
``assets/playbook/offline.js``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import paths
from .compress import wire_size
from .course import Course
from .icons import write as write_icons

SKIP = {"sw.js", "sitemap.xml.gz"}


def manifests(course: Course, icons: list[dict[str, str]]) -> dict[str, dict]:
    """Each language's web-app manifest, by its path in the site: the default language's at the root, others in their folder.

    Installing from an English page gives an English app (name, ``lang``, start page); every manifest's
    scope is the whole course, so switching language stays in the app.
    """
    out = {}
    for lang in course.languages:
        folder = "" if lang == course.default_lang else f"{lang}/"
        up = "../" * folder.count("/")
        out[f"{folder}manifest.webmanifest"] = {
            "id": f"/?playbook={course.id}&lang={lang}",  # one app per course and language, wherever it is served
            "name": course.title[lang],
            "short_name": course.branding["name"][lang],
            "description": course.audience[lang] or course.title[lang],
            "lang": lang,
            "dir": "ltr",
            "start_url": "./",
            "scope": up or "./",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": course.branding["primary"],
            "icons": [{**icon, "src": f"{up}assets/playbook/{icon['src']}"} for icon in icons],
        }
    return out


def write_offline(site: Path, course: Course) -> str:
    """Write icons, manifests and sw.js into ``site``; return the build's version hash."""
    icons = write_icons(site / "assets" / "playbook", course.branding["primary"])
    for rel, manifest in manifests(course, icons).items():
        (site / rel).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    digest = hashlib.sha256()
    urls: list[str] = ["./"]
    sizes: list[int] = [wire_size(site / "index.html")]  # what the service worker downloads, for its progress
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel in SKIP or rel.endswith((".gz", ".br")):
            continue
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        if rel.endswith("/index.html"):
            urls.append(rel[: -len("index.html")])
        elif rel != "index.html":
            urls.append(rel)
        else:
            continue
        sizes.append(wire_size(path))
    version = digest.hexdigest()[:16]
    template = (paths.ROOT / "playbook" / "sw.template.js").read_text(encoding="utf-8")
    sw = template.replace("__VERSION__", json.dumps(version)).replace("__COURSE__", json.dumps(course.id))
    sw = sw.replace("__FILES__", json.dumps(urls, ensure_ascii=False)).replace("__SIZES__", json.dumps(sizes))
    (site / "sw.js").write_text(sw, encoding="utf-8")
    return version
