"""Offline: after one visit, the course works with the network cut (service worker)."""

import json

import pytest

pytestmark = pytest.mark.browser

READY = '[data-calculator="qualification"][data-state="ready"]'


def test_works_offline_after_first_visit(browser, server):
    """Visit once, cut the network, reload, navigate, recalculate: everything still works."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "qualification/")
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    page.wait_for_selector('[data-role="offline-badge"][data-status="ready"]', timeout=60_000)
    context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector(READY, timeout=60_000)
        page.check('input[name="authority"][value="yes"]')
        page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'")
        page.goto(server + "en/qualification/")
        page.wait_for_selector(READY, timeout=60_000)
        page.check('input[name="need"][value="no"]')
        page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'develop'")
        page.goto(server + "trade-show/")
        assert page.locator("h1").count() == 1
    finally:
        context.close()


def test_service_worker_precaches_runtime_and_every_page(built_site):
    """sw.js lists every page, the Pyodide runtime, the lock file and the wheel, under a content-hash cache name."""
    site = built_site.site
    sw = (site / "sw.js").read_text(encoding="utf-8")
    files = json.loads(sw.split("const FILES = ", 1)[1].split(";\n", 1)[0])
    pages = {p.relative_to(site).as_posix()[: -len("index.html")] for p in site.rglob("index.html")}
    pages = {p or "./" for p in pages}
    assert pages <= set(files)
    lock = next((site / "pyodide").glob("playbook-lock.*.json"))
    wheel = json.loads(lock.read_text(encoding="utf-8"))["packages"]["calculators"]["file_name"]
    stdlib = next((site / "pyodide").glob("stdlib-*.zip")).relative_to(site).as_posix()
    for needed in ("pyodide/pyodide.asm.wasm", stdlib, lock.relative_to(site).as_posix(), "pyodide/" + wheel):
        assert needed in files
    sizes = json.loads(sw.split("const SIZES = ", 1)[1].split(";\n", 1)[0])  # the badge's progress, in bytes
    assert len(sizes) == len(files) and sizes[files.index("pyodide/pyodide.asm.wasm")] == (site / "pyodide/pyodide.asm.wasm.br").stat().st_size
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["icons"]


def test_new_build_replaces_the_old_cache_whole(browser, tmp_path):
    """A changed course installs beside the old one, is offered as an update, and then replaces it entirely."""
    import threading

    from playbook.build import DEFAULT_COURSE, build
    from playbook.serve import make_server

    out = tmp_path / "site"
    build(None, out)
    httpd = make_server(out, port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    context = browser.new_context()
    page = context.new_page()
    caches = "caches.keys()"
    try:
        page.goto(base + "qualification/")
        page.wait_for_selector(READY, timeout=60_000)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        old = page.evaluate(caches)
        assert len(old) == 1
        changed = tmp_path / "changed.yaml"
        changed.write_text(DEFAULT_COURSE.read_text(encoding="utf-8").replace("zh: 销售手册", "zh: 新版手册"), encoding="utf-8")
        build(changed, out)
        page.reload()
        badge = page.locator('[data-role="offline-badge"][data-status="update"]')
        badge.wait_for(timeout=60_000)
        # Until the reader accepts, the old version keeps serving: no mix.
        assert "新版手册" not in page.title()
        badge.get_by_role("button").click()
        page.wait_for_function("() => document.title.includes('新版手册')", timeout=60_000)
        page.wait_for_selector(READY, timeout=60_000)
        page.check('input[name="authority"][value="yes"]')
        page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'")
        new = page.evaluate(caches)
        assert len(new) == 1 and new != old
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
