"""Precompressed twins: ``file.br`` and ``file.gz`` beside each text, WebAssembly or snapshot file of a built site.

``playbook serve`` (and the serve.py launcher) send the brotli twin with
``Content-Encoding: br`` to browsers that accept it, else the gzip twin with
``Content-Encoding: gzip``, else the plain file; other static servers can do
the same (nginx: ``brotli_static on; gzip_static on``). The bytes are
reproducible (no timestamp in the gzip header). Brotli needs the ``brotli``
package (a dependency); without it a build writes gzip twins only.

Packing is slow at the highest levels (brotli 11 takes half a minute on
Pyodide's wasm, and saves 0.36 MB there: 2.77 MB instead of 3.13, two seconds
of a slow phone link), so packed bytes are cached across builds by the sha256
of the input and the level: Pyodide is packed once per machine. The memory
snapshot changes with every change to the rules package and is sent only over
fast links: level 9 there (2 s instead of half a minute, for 10 % more bytes).
Concurrent builds (``build --all``) pack each input once. Entries no build has
used for CACHE_DAYS are removed.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from pathlib import Path

from . import paths
from .cachedir import prune, store, used

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency; serve.py runs without it
    brotli = None

# .zip and .whl: the standard-library archive and the wheel are stored, not deflated, to be
# compressed whole (a deflated zip gains less than the 10 % a twin must save, and gets none).
SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml", ".webmanifest", ".txt", ".bin", ".zip", ".whl"}
MIN_SIZE = 1024
FAST = {".bin"}  # packed at brotli level 9 (see above)
CACHE_DAYS = 30  # packed bytes no build has used for this long are removed
CACHE = paths.ROOT / "build" / "compress-cache"


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def _brotli(data: bytes, fast: bool) -> bytes:
    return brotli.compress(data, quality=9 if fast else 11, lgwin=24)


PACKERS = {".gz": lambda data, fast: _gzip(data)} | ({".br": _brotli} if brotli else {})
_packing: dict[str, threading.Lock] = {}  # cache key -> its lock, so that concurrent builds pack once
_packing_lock = threading.Lock()


def _packed(data: bytes, suffix: str, cache: Path | None, fast: bool = False) -> bytes:
    """``data`` packed for ``suffix`` (.gz or .br), from the cache when these exact bytes were packed before."""
    pack = PACKERS[suffix]
    if cache is None:
        return pack(data, fast)
    level = (".q9" if fast else ".q11") if suffix == ".br" else ""
    key = cache / (hashlib.sha256(data).hexdigest() + level + suffix)
    with _packing_lock:
        lock = _packing.setdefault(key.name, threading.Lock())
    with lock:
        if key.is_file():
            return used(key).read_bytes()
        packed = pack(data, fast)
        store(key, packed)
        return packed


def _twins(path: Path, data: bytes, cache: Path | None) -> dict[str, bytes]:
    """The twins of ``path`` worth writing: those at least 10 % smaller than ``data``."""
    twins = {suffix: _packed(data, suffix, cache, path.suffix in FAST) for suffix in PACKERS}
    return {suffix: packed for suffix, packed in twins.items() if len(packed) < len(data) * 0.9}


def wire_size(path: Path, cache: Path | None = CACHE) -> int:
    """The bytes a browser that takes brotli receives for ``path``: its smallest twin, else the file."""
    data = path.read_bytes()
    if path.suffix not in SUFFIXES or len(data) < MIN_SIZE:
        return len(data)
    return min([len(data), *map(len, _twins(path, data, cache).values())])


def precompress(site: Path, cache: Path | None = None) -> int:
    """Write the .br and .gz twins; return the bytes saved by the smallest twin. ``cache``: a folder reused across builds."""
    saved = 0
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE:
            data = path.read_bytes()
            twins = _twins(path, data, cache)
            for suffix, packed in twins.items():
                path.with_name(path.name + suffix).write_bytes(packed)
            saved += len(data) - min([len(data), *map(len, twins.values())])
    if cache is not None:
        for suffix in PACKERS:
            prune(cache, "*" + suffix, max_age_days=CACHE_DAYS)
    return saved
