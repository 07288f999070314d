"""Offline support written into a built site: a service worker and a web-app manifest.

The service worker precaches every file of the build under a cache named by
the build's content hash, so a new course version is installed whole beside
the old one and replaces it only when the reader accepts the update: never a
mix of old pages and a new wheel. Pages register it from
``assets/playbook/offline.js``.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path

from . import paths
from .compress import wire_size
from .course import Course

SKIP = {"sw.js", "sitemap.xml.gz"}
COLOURS = {
    "red": "#ef5350", "pink": "#e91e63", "purple": "#ab47bc", "deep-purple": "#7e57c2", "indigo": "#3f51b5",
    "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6", "teal": "#009485", "green": "#4cae4f",
    "light-green": "#8bc34b", "lime": "#cbdc38", "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724",
    "deep-orange": "#ff6e42", "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "black": "#000000",
}


def _icon_svg(course: Course) -> str:
    colour = COLOURS.get(course.branding["primary"], "#3f51b5")
    letter = escape(course.branding["name"][course.default_lang][:1] or "P")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" rx="96" fill="{colour}"/>'
        f'<text x="256" y="340" font-size="280" text-anchor="middle" fill="#fff" font-family="sans-serif">{letter}</text>'
        "</svg>"
    )


def write_offline(site: Path, course: Course) -> str:
    """Write icon, manifest and sw.js into ``site``; return the build's version hash."""
    (site / "assets" / "playbook" / "icon.svg").write_text(_icon_svg(course), encoding="utf-8")
    manifest = {
        "name": course.title[course.default_lang],
        "short_name": course.branding["name"][course.default_lang],
        "lang": course.default_lang,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": COLOURS.get(course.branding["primary"], "#3f51b5"),
        "icons": [{"src": "assets/playbook/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    (site / "manifest.webmanifest").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
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
