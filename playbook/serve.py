"""``playbook serve``: a local web server for a built site, on 127.0.0.1 only.

Standard library only: ``playbook build`` copies this very file into every
built site as ``serve.py``, so a course folder (or its zip, unpacked) starts
with ``python3 serve.py`` on any machine with Python, no install needed.

It serves nothing outside its folder (a link pointing out of it is not
followed), answers an unknown address with the site's own 404.html (status
404) and a malformed one with 400, and never prints a traceback for what a
browser sends or for a browser that hangs up.
"""

from __future__ import annotations

import email.utils
import functools
import http.server
import os
import re
import urllib.parse
from pathlib import Path
from typing import ClassVar

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
# may keep them without asking again (the snapshot, the wheel, the lock file,
# the standard-library archive).
IMMUTABLE = re.compile(
    r"/(snapshot-[0-9a-f]{16,}\.bin|pkg/[0-9a-f]{16}/[^/]+\.whl|playbook-lock\.[0-9a-f]{12}\.json|stdlib-[0-9a-f]{16}\.zip)$"
)


def rebase_404(html: str, root: str) -> str:
    """The 404 page, whose links start at the server's root (MkDocs' rule), for a site served from ``root``.

    The service worker (sw.template.js) does the same for the page it serves offline.
    A page already moved (its ``"base"`` no longer ``"/"``) is left as it is.
    """
    if root == "/" or '"base": "/"' not in html:
        return html
    html = re.sub(r'\b(href|src)="/(?!/)', lambda m: f'{m.group(1)}="{root}', html)
    return html.replace('"base": "/"', f'"base": "{root}"').replace('"search": "/', f'"search": "{root}')


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

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    status = 0

    def _inside(self, path: str) -> bool:
        """Whether ``path``, links resolved, is in the served folder."""
        root = os.path.realpath(self.directory)
        real = os.path.realpath(path)
        return real == root or real.startswith(root.rstrip(os.sep) + os.sep)

    def send_head(self):  # type: ignore[override]
        try:
            path = self.translate_path(self.path)
            if "\x00" in path:
                self.send_error(400, "Bad request")
                return None
            if not self._inside(path):
                self.send_error(404, "File not found")
                return None
            return self._send_head(path)
        except (ValueError, OSError):  # a name the file system cannot hold (e.g. a lone surrogate)
            self.send_error(400, "Bad request")
            return None

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = int(code)
        super().send_response(code, message)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """404: the site's own 404.html, from the nearest folder up that has one; others as usual."""
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
        else:
            self._send_html(page, 404)

    def _send_html(self, page: bytes, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(page)

    def _not_found_page(self) -> bytes | None:
        try:
            url = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        except Exception:
            url = "/"
        parts = [p for p in url.split("/") if p and p not in (".", "..")]
        for depth in range(len(parts), -1, -1):
            root = "/" + "".join(p + "/" for p in parts[:depth])
            try:
                candidate = os.path.join(self.translate_path(root), "404.html")
                if self._inside(candidate) and os.path.isfile(candidate):
                    return self._rebased(candidate, root)
            except (ValueError, OSError):
                continue
        return None

    @staticmethod
    def _rebased(file: str, root: str) -> bytes:
        with open(file, encoding="utf-8") as f:
            return rebase_404(f.read(), urllib.parse.quote(root)).encode("utf-8")

    def list_directory(self, path):  # type: ignore[override]
        if not self._inside(path):
            self.send_error(404, "File not found")
            return None
        return super().list_directory(path)

    def _send_head(self, path: str):
        if self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
            if os.path.lexists(path) and not self._inside(path):
                self.send_error(404, "File not found")
                return None
        if os.path.basename(path) == "404.html" and os.path.isfile(path):  # asked for by name: moved to its folder too
            folder = urllib.parse.unquote(self.path.split("?", 1)[0]).rsplit("/", 1)[0] + "/"
            self._send_html(self._rebased(path, folder), 200)
            return None
        accept = self.headers.get("Accept-Encoding", "")
        for coding, suffix in (("br", ".br"), ("gzip", ".gz")):
            twin = path + suffix
            if _accepts(accept, coding) and os.path.isfile(twin) and os.path.isfile(path) and self._inside(twin):
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
        f = open(twin, "rb")  # noqa: SIM115  (http.server copies it out and closes it)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", coding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return f

    def end_headers(self) -> None:
        if self.status == 200 and IMMUTABLE.search(self.path.split("?", 1)[0]):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet by default
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    verbose = False

    def handle_error(self, request, client_address) -> None:  # type: ignore[override]
        """A browser that hangs up mid-answer is normal; anything else is one line, not a traceback."""
        import sys

        err = sys.exc_info()[1]
        if isinstance(err, (ConnectionError, TimeoutError)):
            return
        print(f"serve: could not answer {client_address[0]}: {type(err).__name__}: {err}", file=sys.stderr)


def make_server(site: Path, host: str = "127.0.0.1", port: int = 8000, verbose: bool = False) -> Server:
    handler = functools.partial(Handler, directory=str(site))
    server = Server((host, port), handler)
    server.verbose = verbose
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
        raise SystemExit(f"cannot listen on 127.0.0.1:{args.port} ({err.strerror}); try: python3 serve.py --port 8001") from None
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
