"""An emulated network link for a local server: a phone's network, on 127.0.0.1.

Every byte a response writes goes through one token bucket shared by all
connections, so a page, its shared or dedicated worker and the service worker
share the bandwidth as they do on a real link (a browser's own throttling
misses the requests of shared workers); every response waits one round trip
before its first byte. Used by ``bench/network.py`` and the slow-start browser
test; not by ``playbook serve``.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 4096  # bytes per turn on the link: connections interleave at this grain


@dataclass
class Link:
    """Bandwidth in bytes per second (None: unlimited) and a round trip in seconds; counts what was sent."""

    rate: float | None = None
    rtt: float = 0.0
    sent: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _free_at: float = 0.0

    @classmethod
    def mbit(cls, mbit_per_s: float, rtt_ms: float) -> Link:
        return cls(mbit_per_s * 1e6 / 8, rtt_ms / 1000)

    def take(self, n: int) -> None:
        """Wait until ``n`` more bytes may leave (first come, first served), and count them."""
        with self._lock:
            self.sent += n
            if not self.rate:
                return
            now = time.perf_counter()
            self._free_at = max(now, self._free_at) + n / self.rate
            wake = self._free_at
        delay = wake - time.perf_counter()
        if delay > 0:
            time.sleep(delay)


def over(handler: type[http.server.BaseHTTPRequestHandler], link: Link) -> type:
    """``handler`` with its responses sent over ``link``."""

    class OverLink(handler):  # type: ignore[valid-type, misc]
        def setup(self) -> None:
            super().setup()
            raw = self.wfile

            class Writer:
                def write(self, data) -> int:
                    view = memoryview(data)
                    for at in range(0, len(view), CHUNK):
                        piece = view[at:at + CHUNK]
                        link.take(len(piece))
                        raw.write(piece)
                    return len(view)

                def __getattr__(self, name):
                    return getattr(raw, name)

            self.wfile = Writer()

        def parse_request(self) -> bool:
            if link.rtt:
                time.sleep(link.rtt)  # the request's way there and the first byte's way back
            return super().parse_request()

    return OverLink


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser dropped a download (the worker drops an early snapshot that did not pay)
        super().handle_error(request, client_address)


def serve(site: Path, link: Link, handler: type | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on 127.0.0.1 (a free port) over ``link``, in a thread; returns (server, base URL)."""
    from .serve import Handler

    httpd = _Server(("127.0.0.1", 0), functools.partial(over(handler or Handler, link), directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
