"""The preview's web server: the served folder as ``playbook serve`` sends it, plus live reload.

Everything ``playbook.serve`` does (nothing outside the folder, the site's 404
page, no traceback), and under ``/__playbook/`` the preview's own files:
``live.js`` (added to every page as it is sent, never written into the site),
``live.css`` and ``events``, a stream of server-sent events from the ``Hub``.
Same-origin scripts and an EventSource are all the pages' content-security
policy needs to allow: no inline script, no eval. ``/sw.js`` is a worker that
keeps nothing offline and removes one a built site left at this address, so
a cached copy never hides a change.
"""

from __future__ import annotations

import functools
import io
import json
import urllib.parse
from pathlib import Path

from ..serve import Handler, Server
from .hub import Hub, page_key

HERE = Path(__file__).resolve().parent
PREFIX = "/__playbook/"
TAG = b'<script src="/__playbook/live.js" defer></script>'
FILES = {"live.js": "text/javascript", "live.css": "text/css"}
WAITING = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>正在生成课程 · Building the course</title></head><body><p>正在生成课程……<br><span lang="en">Building the course…</span></p></body></html>"""


def with_live(html: bytes) -> bytes:
    """The page with the live-reload script in its head (or at its start, for a page without one)."""
    at = html.find(b"</head>")
    return html[:at] + TAG + html[at:] if at >= 0 else TAG + html


class PreviewHandler(Handler):
    hub: Hub

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path).path
        if url == PREFIX + "events":
            self._events()
            return
        super().do_GET()

    def send_head(self):  # type: ignore[override]
        url = urllib.parse.urlsplit(self.path).path
        if url.startswith(PREFIX):
            name = url[len(PREFIX):]
            if name in FILES:
                return self._bytes((HERE / name).read_bytes(), FILES[name])
            self.send_error(404, "File not found")
            return None
        if url == "/sw.js":
            return self._bytes((HERE / "sw.js").read_bytes(), "text/javascript")
        if not (Path(self.directory) / "index.html").is_file():  # the first build is still running, or failed
            return self._bytes(with_live(WAITING.encode("utf-8")), "text/html; charset=utf-8")
        try:
            path = self.translate_path(self.path)
        except (ValueError, OSError):
            return super().send_head()
        if url.endswith("/"):
            path += "/index.html"
        if path.endswith(".html") and self._inside(path) and Path(path).is_file() and not url.endswith("/404.html"):
            return self._bytes(with_live(Path(path).read_bytes()), "text/html; charset=utf-8")
        if not url.startswith("/pyodide/"):
            # A style sheet saved twice in one second has one Last-Modified: always send what is there now.
            del self.headers["If-Modified-Since"]
            self.revalidate = True
        return super().send_head()

    def end_headers(self) -> None:
        if getattr(self, "revalidate", False) and self.status == 200:
            self.send_header("Cache-Control", "no-cache")
        self.revalidate = False
        super().end_headers()

    def _send_html(self, page: bytes, status: int) -> None:  # the 404 page: live too
        super()._send_html(with_live(page), status)

    def _bytes(self, data: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(data)

    def _events(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        page = query.get("page", ["/"])[0]
        try:
            since = float(query.get("since", ["0"])[0]) / 1000
        except ValueError:
            since = 0.0
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        hub = self.hub
        seen = hub.current()
        try:
            if hub.stale(page, since):
                self._send("reload", {})
            elif hub.problems:
                self._send("problems", {"problems": list(hub.problems)})
            else:
                self.wfile.write(b": connected\n\n")
                self.wfile.flush()
            while not hub.closed:
                events = hub.wait(seen, timeout=15)
                if not events:
                    self.wfile.write(b": still here\n\n")  # finds a reader that went away
                    self.wfile.flush()
                    continue
                seen = events[-1].seq
                for event in events:
                    if event.kind == "reload" and (event.everything or page_key(page) in event.pages):
                        self._send("reload", {})
                    elif event.kind == "problems":
                        self._send("problems", {"problems": list(event.problems)})
                    elif event.kind == "fixed":
                        self._send("fixed", {})
        except (ConnectionError, TimeoutError, ValueError):
            return

    def _send(self, kind: str, data: dict) -> None:
        self.wfile.write(f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode())
        self.wfile.flush()


def make_preview_server(site: Path, hub: Hub, port: int = 8000, verbose: bool = False) -> Server:
    handler = functools.partial(type("Bound", (PreviewHandler,), {"hub": hub}), directory=str(site))
    server = Server(("127.0.0.1", port), handler)
    server.verbose = verbose
    server.daemon_threads = True
    return server
