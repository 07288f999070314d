"""The preview's served folder: what MkDocs wrote, moved in only once a build went through.

MkDocs builds into a folder of its own; ``publish`` then copies what changed
since the last publish into the served folder, each page with its
content-security policy (``playbook.csp``), each file replaced in one rename,
so a reader never gets half a file and a failed build changes nothing they
see. A dirty build's search index lists only the pages it rebuilt: it is
merged into the served one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import csp

SEARCH_INDEX = "search/search_index.json"


@dataclass
class Published:
    """What the served folder holds from MkDocs' folder: relative path -> (mtime, size) of the copy's source."""

    files: dict[str, tuple[int, int]] = field(default_factory=dict)


def page_url(rel: str) -> str:
    """``en/qualification/index.html`` -> ``/en/qualification/``; ``index.html`` -> ``/``."""
    return "/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.preview-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _page_of(doc: dict) -> str:
    return doc.get("location", "").split("#")[0]


def _merged_index(new: bytes, served: Path) -> bytes:
    """The served search index with the entries of the pages ``new`` indexes replaced by ``new``'s."""
    try:
        old = json.loads(served.read_text(encoding="utf-8"))
        fresh = json.loads(new)
    except (OSError, ValueError):
        return new
    rebuilt = {_page_of(d) for d in fresh.get("docs", [])}
    kept = [d for d in old.get("docs", []) if _page_of(d) not in rebuilt]
    fresh["docs"] = kept + fresh.get("docs", [])
    return json.dumps(fresh, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def publish(built: Path, served: Path, state: Published, *, dirty: bool) -> list[str]:
    """Copy what changed in ``built`` into ``served``; return the relative paths that changed there."""
    now: dict[str, tuple[int, int]] = {}
    for base, _, names in os.walk(built):
        for name in names:
            path = Path(base, name)
            st = path.stat()
            now[path.relative_to(built).as_posix()] = (st.st_mtime_ns, st.st_size)
    fresh = [rel for rel, key in now.items() if state.files.get(rel) != key]
    changed = []
    for rel in sorted(fresh):
        data = (built / rel).read_bytes()
        if rel.endswith(".html"):
            data = (csp.with_policy(data.decode("utf-8")) or data.decode("utf-8")).encode("utf-8")
        elif rel == SEARCH_INDEX and dirty:
            data = _merged_index(data, served / rel)
        target = served / rel
        try:
            same = target.read_bytes() == data
        except OSError:
            same = False
        if not same:
            _write(target, data)
            changed.append(rel)
        state.files[rel] = now[rel]
    for rel in [r for r in state.files if r not in now]:  # gone after a full build: a module left the course
        (served / rel).unlink(missing_ok=True)
        del state.files[rel]
        changed.append(rel)
    return changed
