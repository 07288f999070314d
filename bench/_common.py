"""Shared by the benchmarks: build a course, serve it on 127.0.0.1, drive Chromium."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CHROMIUM = os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium")


@contextmanager
def served_site():
    """Build the default course into a temporary folder and serve it; yields (site_dir, base_url)."""
    from playbook.build import build
    from playbook.serve import make_server

    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        built = build(None, Path(tmp) / "site")
        httpd = make_server(built.site, port=0)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield built.site, f"http://127.0.0.1:{httpd.server_address[1]}/"
        finally:
            httpd.shutdown()
            httpd.server_close()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def percentile(xs: list[float], q: float) -> float:
    ordered = sorted(xs)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


_BEST_IN_WORKER = """async ([name, payload, policy, repeat]) => {
  let bestMs = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const out = await window.playbook.run(name, payload, policy);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  return bestMs;
}"""


def best_in_worker(page, name: str, payload: dict, policy: dict, repeat: int) -> float:
    """Best of ``repeat`` round trips of ``run(name, payload)`` through the page's Pyodide worker, in ms."""
    return page.evaluate(_BEST_IN_WORKER, [name, payload, policy, repeat])
