"""The build caches under ``build/``: an entry is touched each time a build uses it, and old ones go.

Without this the caches only grow: a new memory snapshot (31 MB) for every
change to the rules package, new compressed twins for every changed page.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


def store(path: Path, data: bytes) -> None:
    """Write a cache entry whole or not at all (``build --all`` builds side by side)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def used(path: Path) -> Path:
    """Mark ``path`` as used by this build (its modification time is now)."""
    os.utime(path)
    return path


def prune(folder: Path, pattern: str, keep: int | None = None, max_age_days: float | None = None) -> list[Path]:
    """Remove the files of ``folder`` matching ``pattern`` beyond the ``keep`` most recently used,
    and those unused for more than ``max_age_days``; return what was removed."""
    if not folder.is_dir():
        return []
    entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    kept = entries if keep is None else entries[:keep]
    old = entries[len(kept):]
    if max_age_days is not None:
        cutoff = time.time() - max_age_days * 86400
        old += [p for p in kept if p.stat().st_mtime < cutoff]
    for path in old:
        path.unlink(missing_ok=True)  # another build may have removed it first
    return old
