"""``playbook serve``: a local web server for a built site, on 127.0.0.1 only.

Standard library only: ``playbook build`` copies this very file into every
built site as ``serve.py``, so a course folder (or its zip, unpacked) starts
with ``python3 serve.py`` on any machine with Python, no install needed.
"""

from __future__ import annotations

import email.utils
import functools
import http.server
import os
import re
from pathlib import Path

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".webmanifest": "application/manifest+json",
    ".bin": "application/octet-stream",
}


# Files named by their content's hash never change under that name: browsers
# may keep them without asking again (the snapshot, the wheel, the lock file).
IMMUTABLE = re.compile(r"/(snapshot-[0-9a-f]{16,}\.bin|pkg/[0-9a-f]{16}/[^/]+\.whl|playbook-lock\.[0-9a-f]{12}\.json)$")


def _accepts(header: str, coding: str) -> bool:
    """Whether an Accept-Encoding header allows ``coding`` (q=0 refuses it)."""
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == coding:
            q = params.strip().lower()
            return not (q.startswith("q=") and q[2:].strip() in ("0", "0.0", "0.00", "0.000"))
    return False


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, with the right types for Pyodide, and precompressed twins:
    ``.br`` (brotli) or ``.gz`` when the browser takes them, else the plain file."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accept = self.headers.get("Accept-Encoding", "")
        for coding, suffix in (("br", ".br"), ("gzip", ".gz")):
            twin = path + suffix
            if _accepts(accept, coding) and os.path.isfile(twin) and os.path.isfile(path):
                break
        else:
            return super().send_head()
        stat = os.stat(twin)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return None
            except (TypeError, ValueError, OverflowError):
                pass
        f = open(twin, "rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", coding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return f

    def end_headers(self) -> None:
        if IMMUTABLE.search(self.path.split("?", 1)[0]):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet by default
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


def make_server(site: Path, host: str = "127.0.0.1", port: int = 8000, verbose: bool = False) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def main() -> None:
    """Serve the folder this file sits in (the launcher copied into a built site)."""
    import argparse
    import webbrowser

    ap = argparse.ArgumentParser(description="Serve this playbook course at http://127.0.0.1:PORT/")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    args = ap.parse_args()
    site = Path(__file__).resolve().parent
    try:
        server = make_server(site, port=args.port)
    except OSError as err:
        raise SystemExit(f"cannot listen on 127.0.0.1:{args.port} ({err.strerror}); try: python3 serve.py --port 8001")
    url = f"http://127.0.0.1:{args.port}/"
    print(f"Playbook course at {url}  (Ctrl+C to stop)")
    if not args.no_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
