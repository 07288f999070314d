"""Shared fixtures: the effective policy, a built default course, a local server, Chromium."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Problems with trainers' files are printed in the reader's language (playbook.lang); the tests read English,
# whatever this machine's locale (the commands they start inherit it).
os.environ["PLAYBOOK_LANG"] = "en"
GOLDEN = Path(__file__).resolve().parent / "golden"


def golden_cases(name: str) -> list[dict]:
    """The golden cases of calculator ``name``: tests/golden/<name>/*.json."""
    return [json.loads(p.read_text(encoding="utf-8")) | {"file": p.name} for p in sorted((GOLDEN / name).glob("*.json"))]


@pytest.fixture(scope="session")
def policy():
    from playbook.policy import load_policy

    return load_policy()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The default course, built once per test session like `playbook build` does."""
    from playbook.build import build

    return build(None, tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def server(built_site):
    """The built site served on 127.0.0.1 (a free port), like `playbook serve`."""
    from playbook.serve import make_server

    httpd = make_server(built_site.site, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def all_courses(tmp_path_factory):
    """Every shipped course built with --all, served together: (base URL, [(course id, site dir)])."""
    from playbook.build import build_all
    from playbook.serve import make_server

    out = tmp_path_factory.mktemp("courses")
    built = build_all(out)
    httpd = make_server(out, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", [(b.course.id, b.site) for b in built]
    httpd.shutdown()
    httpd.server_close()


def page_paths(site: Path) -> list[str]:
    """Every page of a built site, as URL paths relative to its root."""
    paths = sorted(p.relative_to(site).as_posix()[: -len("index.html")] for p in site.rglob("index.html"))
    return [p for p in paths if not p.startswith(("pyodide/", "assets/"))]


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    exe = os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium")
    if not Path(exe).exists():
        pytest.fail(f"Chromium not found at {exe}: ./dev test installs it, or set PLAYBOOK_CHROMIUM")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh browser context (empty cache and storage) and page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda err: errors.append(str(err)))
    pg.page_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
