"""A Pyodide memory snapshot made at build time: the interpreter with the rules package imported.

Restoring it in the browser replaces Pyodide's start-up (booting CPython,
importing its core, installing and importing the wheel) with one copy into
WebAssembly memory. It uses Pyodide's private snapshot API, which is tied to
the exact Pyodide build, so:

- the snapshot is made in Node by ``playbook/snapshot.mjs`` from the very files
  the site vendors (pinned by package-lock.json);
- its file name carries a key over the Pyodide files, the wheel's sha256, the
  lock file and the script, so a stale snapshot is never taken for a fresh one;
  the worker checks the key again inside the restored interpreter;
- the worker falls back to a normal start whenever the snapshot fails to load
  (missing, truncated, another build, wrong key), and the calculator answers
  anyway;
- snapshots are cached under ``build/snapshot-cache/`` by key: rebuilding
  without changing the rules package costs nothing; the CACHE_KEEP most
  recently used are kept.

No Node (or a Pyodide that cannot snapshot) means no snapshot: the build logs
why and the site starts the normal way; ``PLAYBOOK_NO_SNAPSHOT=1`` builds
without one on purpose.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .cachedir import prune, store, used

log = logging.getLogger("playbook")

SCRIPT = Path(__file__).resolve().parent / "snapshot.mjs"
# The files whose bytes the snapshot depends on (BUILD_ID lives in pyodide.mjs).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
CACHE = paths.ROOT / "build" / "snapshot-cache"
CACHE_KEEP = 3  # images (31 MB each): the current one and a couple to switch back to


# The shipped file leaves out the all-zero pages of the memory image (about half
# of it): less to decode and copy in the browser. Layout, little-endian:
#   MAGIC, u32 full size, u32 page size, u32 page count, u32 page index * count, page bytes * count
MAGIC = b"PBSNAP1\0"
PAGE = 4096


def pack_pages(image: bytes) -> bytes:
    """The memory image without its all-zero pages (see MAGIC)."""
    kept = [i for i in range(0, (len(image) + PAGE - 1) // PAGE) if image[i * PAGE:(i + 1) * PAGE].strip(b"\0")]
    head = MAGIC + struct.pack(f"<III{len(kept)}I", len(image), PAGE, len(kept), *kept)
    return head + b"".join(image[i * PAGE:(i + 1) * PAGE] for i in kept)


def unpack_pages(data: bytes) -> bytes:
    """The full memory image again (what the worker does in JavaScript)."""
    if data[:8] != MAGIC:
        raise ValueError("not a packed snapshot")
    size, page, count = struct.unpack_from("<III", data, 8)
    pages = struct.unpack_from(f"<{count}I", data, 20)
    image = bytearray(size)
    at = 20 + 4 * count
    for i in pages:
        chunk = data[at:at + min(page, size - i * page)]
        image[i * page:i * page + len(chunk)] = chunk
        at += len(chunk)
    return bytes(image)


@dataclass(frozen=True)
class Snapshot:
    file_name: str  # relative to the pyodide folder
    key: str
    size: int  # of the memory image, once unpacked


def snapshot_key(pyodide_dir: Path, wheel_sha256: str, lock_text: str) -> str:
    digest = hashlib.sha256()
    for name in PYODIDE_FILES:
        digest.update(name.encode() + b"\0" + hashlib.sha256((pyodide_dir / name).read_bytes()).digest())
    digest.update(wheel_sha256.encode() + b"\0" + lock_text.encode() + b"\0" + SCRIPT.read_bytes())
    return digest.hexdigest()[:20]


def make_snapshot(pyodide_dir: Path, lock_path: Path, wheel_path: Path, key: str, cache: Path | None = CACHE) -> bytes | None:
    """The snapshot's bytes (from the cache when this key was made before); None when it cannot be made."""
    cached = cache / f"{key}.bin" if cache else None
    if cached and cached.is_file():
        data = used(cached).read_bytes()
    else:
        data = _run_node(pyodide_dir, lock_path, wheel_path, key)
        if data is None:
            return None
        if cached:
            store(cached, data)
    if cache:
        prune(cache, "*.bin", keep=CACHE_KEEP)
    return data


def _run_node(pyodide_dir: Path, lock_path: Path, wheel_path: Path, key: str) -> bytes | None:
    """A new snapshot, made by snapshot.mjs in Node; None (with a warning) when it cannot be made."""
    node = shutil.which("node")
    if not node:
        log.warning("no Pyodide snapshot (node not found): calculators start the normal way")
        return None
    with tempfile.TemporaryDirectory(prefix="playbook-snapshot-") as tmp:
        out = Path(tmp) / "snapshot.bin"
        proc = subprocess.run(
            [node, str(SCRIPT), str(pyodide_dir), str(lock_path), str(wheel_path), key, str(out)],
            capture_output=True, text=True, timeout=300,
        )
        if proc.returncode != 0 or not out.is_file():
            log.warning("no Pyodide snapshot (node failed): %s", (proc.stderr or proc.stdout).strip()[-2000:])
            return None
        return out.read_bytes()


def write_snapshot(pyodide_dir: Path, lock_name: str, wheel_rel: str, wheel_sha256: str,
                   cache: Path | None = CACHE) -> Snapshot | None:
    """Write ``snapshot-<key>.bin`` into the vendored ``pyodide_dir``; None when there is none."""
    if os.environ.get("PLAYBOOK_NO_SNAPSHOT"):  # to compare, or to rule the snapshot out
        return None
    lock_text = (pyodide_dir / lock_name).read_text(encoding="utf-8")
    key = snapshot_key(pyodide_dir, wheel_sha256, lock_text)
    data = make_snapshot(pyodide_dir, pyodide_dir / lock_name, pyodide_dir / wheel_rel, key, cache)
    if data is None:
        return None
    name = f"snapshot-{key}.bin"
    (pyodide_dir / name).write_bytes(pack_pages(data))
    return Snapshot(name, key, len(data))
