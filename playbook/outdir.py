"""Where a build may write its site: nothing a user owns is ever replaced.

A build writes its site beside the target and swaps it in at the end. The
target may be a path that does not exist yet, an empty folder, or a folder
a previous build made and nobody changed since: such a folder holds a marker
file (``MARKER``) listing every file the build wrote, with its sha256.
Anything else is refused with a message saying how to proceed, before any
work is done and again at the swap: a file, a folder holding anything the
marker does not list as it was written, the current folder (or one holding
it), and the project's own sources.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import paths

MARKER = ".playbook-build"
_SOURCES = ("playbook_src", "docs", "calculators", "playbook", "tests", "bench", ".git", "node_modules", ".venv")


class OutputRefused(Exception):
    """The build will not write where it was asked to; the message says why and what to do instead."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _files(folder: Path) -> tuple[dict[str, str], list[str], list[str]]:
    """Under ``folder``: every file by relative path with its sha256, every folder, and entries that are neither."""
    files: dict[str, str] = {}
    folders: list[str] = []
    odd: list[str] = []
    for base, dirs, names in os.walk(folder):
        for name in dirs:
            rel = Path(os.path.relpath(os.path.join(base, name), folder)).as_posix()
            (odd if os.path.islink(os.path.join(base, name)) else folders).append(rel)
        for name in names:
            path = os.path.join(base, name)
            rel = Path(os.path.relpath(path, folder)).as_posix()
            if rel == MARKER:
                continue
            if os.path.islink(path) or not os.path.isfile(path):
                odd.append(rel)
                continue
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
            files[rel] = digest.hexdigest()
    return files, folders, odd


def mark(site: Path, what: str) -> None:
    """Write the marker of a finished build into ``site`` (``what``: the course or courses it holds)."""
    files, folders, _ = _files(site)
    body = {"made_by": "playbook build", "holds": what, "files": files, "folders": folders}
    (site / MARKER).write_text(json.dumps(body, indent=0, sort_keys=True), encoding="utf-8")


def _listing(names: list[str], total: int) -> str:
    shown = ", ".join(sorted(names)[:4])
    return shown + (f" and {total - 4} more" if total > 4 else "")


def _changes(folder: Path) -> str | None:
    """What in a marked folder is not as the build left it (None: all of it is)."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        recorded, recorded_folders = dict(marker["files"]), set(marker["folders"])
    except (OSError, ValueError, KeyError, TypeError):
        return f"its {MARKER} file cannot be read"
    files, folders, odd = _files(folder)
    extra = sorted(set(files) - set(recorded)) + sorted(f + "/" for f in set(folders) - recorded_folders) + odd
    changed = sorted(rel for rel in files if rel in recorded and files[rel] != recorded[rel])
    if extra:
        return f"files the build did not write were added to it: {_listing(extra, len(extra))}"
    if changed:
        return f"files were changed since the build wrote them: {_listing(changed, len(changed))}"
    return None


def check(out: Path, shown: str | None = None) -> None:
    """Refuse ``out`` (an absolute path) unless a build may replace it; ``shown`` is how the user wrote it."""
    shown = shown or str(out)
    root = paths.ROOT
    if _inside(root, out):
        raise OutputRefused(f"--out {shown} holds the project's own files: a build replaces its folder whole. "
                            f"Choose a folder of its own, e.g. --out {root / 'site'}")
    for name in _SOURCES:
        if _inside(out, root / name):
            raise OutputRefused(f"--out {shown} is inside the project's sources ({name}/). "
                                f"Build somewhere else, e.g. --out {root / 'site'}")
    if _inside(out, paths.SRC) or _inside(paths.SRC, out):
        raise OutputRefused(f"--out {shown} {'is inside' if _inside(out, paths.SRC) else 'holds'} the training sources "
                            f"({paths.SRC}). Build somewhere else, e.g. --out {root / 'site'}")
    cwd = Path.cwd().resolve()
    if _inside(cwd, out):
        raise OutputRefused(f"--out {shown} is the current folder{'' if cwd == out else ' or holds it'}: a build replaces "
                            "its folder whole, so it needs a folder of its own. Try --out site")
    if out.is_symlink() and not out.exists():
        raise OutputRefused(f"--out {shown} is a link to something that does not exist. Choose another path")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"--out {shown} is a file, not a folder; nothing was changed. "
                            f"Choose a folder name that does not exist yet, e.g. --out {shown}-site")
    if out.is_dir():
        entries = os.listdir(out)
        if not entries:
            return
        if MARKER not in entries:
            raise OutputRefused(
                f"--out {shown} already holds {_listing(entries, len(entries))}, and no playbook build made it "
                "(it has no " + MARKER + " file); nothing was changed. Choose a new or empty folder, e.g. "
                f"--out {Path(shown) / 'site'}. If it is a site an older version built, delete it yourself first.")
        problem = _changes(out)
        if problem:
            raise OutputRefused(f"--out {shown} was made by a playbook build, but {problem}; nothing was changed. "
                                "Move those files out of it, or choose another --out")


def swap(staging: Path, out: Path, trash: Path, shown: str | None = None) -> None:
    """Put the finished ``staging`` site at ``out``; the old site (checked again) goes to ``trash``."""
    if out.is_dir() and not out.is_symlink() and not os.listdir(out):
        out.rmdir()
    elif out.exists():
        out.rename(trash)
        try:
            check(trash, shown or str(out))
        except OutputRefused:
            trash.rename(out)  # something was added while the site was building: leave it all as it was
            raise
    staging.rename(out)
