"""Precompressed twins: ``file.gz`` beside each text or WebAssembly file of a built site.

``playbook serve`` (and the serve.py launcher) send the twin with
``Content-Encoding: gzip`` to browsers that accept it; other static servers
can do the same (nginx: ``gzip_static on``). The bytes are reproducible
(no timestamp in the gzip header).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

SUFFIXES = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml", ".webmanifest", ".txt"}
MIN_SIZE = 1024


def _packed(data: bytes, cache: Path | None) -> bytes:
    """gzip of ``data``, from the cache when these exact bytes were packed before (Pyodide is, every build)."""
    if cache is None:
        return gzip.compress(data, compresslevel=6, mtime=0)
    key = cache / (hashlib.sha256(data).hexdigest() + ".gz")
    if key.is_file():
        return key.read_bytes()
    packed = gzip.compress(data, compresslevel=6, mtime=0)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = key.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(packed)
    tmp.replace(key)
    return packed


def precompress(site: Path, cache: Path | None = None) -> int:
    """Write the .gz twins; return the bytes saved. ``cache``: a folder reused across builds."""
    saved = 0
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE:
            data = path.read_bytes()
            packed = _packed(data, cache)
            if len(packed) < len(data) * 0.9:
                path.with_name(path.name + ".gz").write_bytes(packed)
                saved += len(data) - len(packed)
    return saved
