"""What the open preview pages hear from the builder: a page changed, a mistake, fixed.

Each page's script (``live.js``) listens on ``/__playbook/events`` with its
address and the moment it started loading; it is told to reload when its page
(or a style sheet, a script, the theme) changed after that moment, so a
rebuild that finished while the page was still loading is not missed, and a
page that is current never reloads.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str  # "reload" | "problems" | "fixed"
    pages: frozenset[str] = frozenset()
    everything: bool = False
    problems: tuple[str, ...] = ()


def page_key(url_path: str) -> str:
    """``/en/qualification/index.html`` and ``/en/qualification/`` are one page."""
    path = url_path.split("?", 1)[0].split("#", 1)[0] or "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"


class Hub:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._events: list[Event] = []
        self._changed_at: dict[str, float] = {}
        self._everything_at = 0.0
        self.problems: tuple[str, ...] = ()
        self.closed = False

    def _add(self, event: Event) -> None:
        self._events.append(event)
        del self._events[:-100]
        self._cond.notify_all()

    def published(self, pages: list[str], everything: bool) -> None:
        """A rebuild went through: these pages (URL paths) changed in the served folder."""
        now = time.time()
        with self._cond:
            for page in pages:
                self._changed_at[page_key(page)] = now
            if everything:
                self._everything_at = now
            if self.problems:
                self.problems = ()
                self._add(Event(self._seq(), "fixed"))
            if pages or everything:
                self._add(Event(self._seq(), "reload", frozenset(page_key(p) for p in pages), everything))

    def failed(self, problems: list[str]) -> None:
        with self._cond:
            self.problems = tuple(problems)
            self._add(Event(self._seq(), "problems", problems=self.problems))

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    def _seq(self) -> int:
        return (self._events[-1].seq + 1) if self._events else 1

    def current(self) -> int:
        with self._cond:
            return self._events[-1].seq if self._events else 0

    def stale(self, page: str, since: float) -> bool:
        """Whether ``page``, loaded from ``since`` (seconds since the epoch), is older than what is served."""
        with self._cond:
            return max(self._changed_at.get(page_key(page), 0.0), self._everything_at) > since

    def wait(self, after: int, timeout: float) -> list[Event]:
        """The events after sequence number ``after``; waits up to ``timeout`` for one."""
        with self._cond:
            self._cond.wait_for(lambda: self.closed or (self._events and self._events[-1].seq > after), timeout)
            return [e for e in self._events if e.seq > after]
