"""Which files changed: the folders a preview depends on, watched by the operating system (watchdog).

Editors save in several steps (a temporary file, a rename, a second write):
``Watcher.changes`` waits until the folders have been quiet for ``QUIET``
seconds and returns every file touched, once. Editor droppings (``.swp``,
``~``, ``.#name``) and Python's caches are ignored.
"""

from __future__ import annotations

import queue
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

QUIET = 0.03  # seconds without a new event before a batch of changes is taken
LONGEST = 0.5  # a batch is taken after this long even if events keep coming


def ignored(path: Path) -> bool:
    name = path.name
    return (name.startswith((".#", ".~")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".pyc", ".preview-tmp"))
            or "__pycache__" in path.parts or name == "4913")  # vim's probe file


class _Handler(FileSystemEventHandler):
    def __init__(self, out: queue.Queue) -> None:
        self.out = out

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or event.is_directory:
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                path = Path(raw if isinstance(raw, str) else raw.decode())
                if not ignored(path):
                    self.out.put(path)


class Watcher:
    def __init__(self, folders: list[Path], files: list[Path] = ()) -> None:
        self._queue: queue.Queue[Path] = queue.Queue()
        self._observer = Observer()
        handler = _Handler(self._queue)
        self._files = {f.resolve() for f in files}
        for folder in dict.fromkeys(f.resolve() for f in folders):
            if folder.is_dir():
                self._observer.schedule(handler, str(folder), recursive=True)
        for parent in {f.parent for f in self._files}:  # single files: their folder, not its subfolders
            self._observer.schedule(handler, str(parent), recursive=False)
        self._folders = [f.resolve() for f in folders]
        self._observer.start()

    def _wanted(self, path: Path) -> bool:
        return path in self._files or any(folder in path.parents for folder in self._folders)

    def changes(self, timeout: float | None = None) -> set[Path]:
        """The files changed since the last call, once the folders are quiet; empty after ``timeout``."""
        try:
            first = self._queue.get(timeout=timeout)
        except queue.Empty:
            return set()
        batch, started = {first}, time.monotonic()
        while time.monotonic() - started < LONGEST:
            try:
                batch.add(self._queue.get(timeout=QUIET))
            except queue.Empty:
                break
        wanted = {p for p in batch if self._wanted(p)}
        return wanted or self.changes(timeout=0)

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)
