"""Precompressed twins: ``file.br`` and ``file.gz`` beside each text, WebAssembly or snapshot file of a built site.

``playbook serve`` (and the serve.py launcher) send the brotli twin with
``Content-Encoding: br`` to browsers that accept it, else the gzip twin with
``Content-Encoding: gzip``, else the plain file; other static servers can do
the same (nginx: ``brotli_static on; gzip_static on``). The bytes are
reproducible (no timestamp in the gzip header). Brotli needs the ``brotli``
package (a dependency); without it a build writes gzip twins only.

Packing is slow at the highest levels (brotli 11 takes half a minute on
Pyodide's wasm), so packed bytes are cached across builds by the sha256 of the
input: Pyodide and an unchanged snapshot are packed once per machine. Entries
no build has used for CACHE_DAYS are removed.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from .cachedir import prune, store, used

try:
    import brotli
except ImportError:  # pragma: no cover - brotli is a dependency; serve.py runs without it
    brotli = None

SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml", ".webmanifest", ".txt", ".bin"}
MIN_SIZE = 1024
# Above this size brotli's level 11 costs tens of seconds for a few percent:
# level 9 with a 16 MB window instead.
BIG = 4 * 1024 * 1024
CACHE_DAYS = 30  # packed bytes no build has used for this long are removed


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def _brotli(data: bytes) -> bytes:
    if len(data) > BIG:
        return brotli.compress(data, quality=9, lgwin=24)
    return brotli.compress(data, quality=11)


PACKERS = {".gz": _gzip} | ({".br": _brotli} if brotli else {})


def _packed(data: bytes, suffix: str, cache: Path | None) -> bytes:
    """``data`` packed for ``suffix`` (.gz or .br), from the cache when these exact bytes were packed before."""
    pack = PACKERS[suffix]
    if cache is None:
        return pack(data)
    key = cache / (hashlib.sha256(data).hexdigest() + suffix)
    if key.is_file():
        return used(key).read_bytes()
    packed = pack(data)
    store(key, packed)
    return packed


def precompress(site: Path, cache: Path | None = None) -> int:
    """Write the .br and .gz twins; return the bytes saved by the smallest twin. ``cache``: a folder reused across builds."""
    saved = 0
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE:
            data = path.read_bytes()
            best = len(data)
            for suffix in PACKERS:
                packed = _packed(data, suffix, cache)
                if len(packed) < len(data) * 0.9:
                    path.with_name(path.name + suffix).write_bytes(packed)
                    best = min(best, len(packed))
            saved += len(data) - best
    if cache is not None:
        for suffix in PACKERS:
            prune(cache, "*" + suffix, max_age_days=CACHE_DAYS)
    return saved
