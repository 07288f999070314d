"""A content-security policy for every page: the site's own origin only.

Written into each page's <head> as a meta element, with the sha256 of that
page's inline scripts (the theme has a few small ones), plus
'wasm-unsafe-eval', which Pyodide needs to compile WebAssembly. Data blocks
(``<script type="application/json">``) are not executed and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)

BASE = (
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
)


def policy_for(html: str) -> str:
    """The policy for one page: its inline scripts' hashes, nothing from elsewhere."""
    hashes = []
    for m in INLINE.finditer(html):
        attrs = m.group("attrs")
        if "src=" in attrs or "application/json" in attrs or not m.group("body").strip():
            continue
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    script = " ".join(["script-src 'self' 'wasm-unsafe-eval'", *sorted(set(hashes))])
    return "; ".join([BASE[0], script, *BASE[1:]])


def with_policy(html: str) -> str | None:
    """``html`` with its policy as the first element of its head; None when it declares one already."""
    if 'http-equiv="Content-Security-Policy"' in html:
        return None
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)


def apply(site: Path) -> int:
    """Add the policy to every HTML page of ``site``; return how many pages."""
    count = 0
    for page in site.rglob("*.html"):
        if page.parts[len(site.parts)] == "pyodide":
            continue
        html = with_policy(page.read_text(encoding="utf-8"))
        if html is None:
            continue
        page.write_text(html, encoding="utf-8")
        count += 1
    return count
