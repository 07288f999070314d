"""Start-up: Python comes from the build's memory snapshot where that pays, and starts the normal way
when it does not or when the snapshot fails; a slow start shows how far it is."""

import functools
import io
import json
import re
import threading
import time

import pytest

from conftest import golden_cases
from playbook.link import Link, serve
from playbook.serve import Handler
from playbook.snapshot import fresh_memory, pack_pages, unpack_pages

pytestmark = pytest.mark.browser

CALC = '[data-calculator="qualification"]'


def _answers(page, base: str) -> str:
    page.goto(base + "qualification/")
    page.wait_for_selector(CALC + '[data-state="ready"]', timeout=60_000)
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'")
    return page.get_attribute(CALC, "data-started")


class Tampering(Handler):
    """The site as `playbook serve` sends it, but the snapshot's bytes are the test's."""

    snapshot: tuple[str, bytes] = ("", b"")

    def send_head(self):  # type: ignore[override]
        path, body = self.snapshot
        if self.path.split("?", 1)[0] != "/" + path:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)


def test_broken_or_stale_snapshot_falls_back_to_a_normal_start(browser, built_site):
    """The intact snapshot is used; a truncated one, one from another Pyodide build, or one made for another wheel falls back to a normal start and the calculator still answers."""
    site = built_site.site
    html = (site / "qualification" / "index.html").read_text(encoding="utf-8")
    runtime = json.loads(html.split('data-role="config">', 1)[1].split("</script>", 1)[0])["runtime"]
    packed = (site / runtime["snapshot"]).read_bytes()
    fresh = fresh_memory((site / "pyodide" / "pyodide.asm.wasm").read_bytes())
    image = bytearray(unpack_pages(packed, fresh))
    other_build = image.copy()
    other_build[16:48] = bytes(32)  # Pyodide's BUILD_ID field of the snapshot header
    key = runtime["snapshotKey"].encode()
    assert key in image
    stale = bytes(image).replace(key, key[::-1])  # a valid snapshot, made for another wheel
    cases = {
        "intact": (packed, "snapshot"),
        "truncated": (packed[: len(packed) // 2], "full"),
        "other build": (pack_pages(bytes(other_build), fresh), "full"),
        "other wheel": (pack_pages(stale, fresh), "full"),
    }
    from http.server import ThreadingHTTPServer

    # Served, not routed: Playwright's routing does not reach a shared worker's requests.
    handler = type("Handler", (Tampering,), {})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        for name, (body, expected) in cases.items():
            handler.snapshot = (runtime["snapshot"], body)
            context = browser.new_context(service_workers="block")  # a fresh interpreter each time
            try:
                assert _answers(context.new_page(), base) == expected, name
            finally:
                context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_next_calculator_page_keeps_the_running_interpreter(browser, server):
    """Where a shared worker may outlive its page, the next calculator page reconnects to the running Python instead of starting another."""
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        _answers(page, server)
        if not page.evaluate("window.playbookEngine.shared"):
            pytest.skip("this browser gives shared workers no extendedLifetime: each page starts its own")
        assert page.get_attribute(CALC, "data-connections") == "1"
        page.goto(server + "en/qualification/")
        page.wait_for_selector(CALC + '[data-state="ready"]', timeout=60_000)
        assert page.get_attribute(CALC, "data-connections") == "2"
        page.check('input[name="need"][value="no"]')
        page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'develop'")
    finally:
        context.close()


# Every layout shift of the page (Chromium's Layout Instability API), from its first paint on.
SHIFTS = """window.layoutShifts = [];
new PerformanceObserver((list) => window.layoutShifts.push(...list.getEntries())).observe({ type: "layout-shift", buffered: true });"""


def test_a_slow_start_shows_how_far_it_is_and_still_answers(browser, built_site):
    """Over a slow link the worker starts Python the normal way; meanwhile the status line says how much has
    downloaded, over a bar; once live the bar is gone, nothing below the status moved, and a golden case answers."""
    import calculators

    httpd, base = serve(built_site.site, Link.mbit(12, 40))  # a few seconds of download, shared by every request
    context = browser.new_context(service_workers="block", viewport={"width": 390, "height": 844})  # a phone
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS)
        page.goto(base + "qualification/")
        page.wait_for_selector(CALC + ' [data-role="progress"]', timeout=30_000)
        shown_at = page.evaluate("performance.now()")
        status = page.text_content(CALC + ' [data-role="status"]')
        assert re.search(r"正在下载计算引擎：\d+%（\d+\.\d / \d+\.\d MB）", status), status
        result_top = f"() => document.querySelector('{CALC} [data-role=result]').getBoundingClientRect().top + scrollY"
        before = page.evaluate(result_top)
        assert page.get_attribute(CALC + ' [data-field="verdict"] .pb-badge', "data-value") == "develop"  # the example
        page.wait_for_selector(CALC + '[data-state="ready"]', timeout=120_000)
        assert page.locator('[data-role="progress"]').count() == 0
        assert page.text_content(CALC + ' [data-role="status"]').startswith("已就绪")
        assert page.evaluate(result_top) == before
        assert page.evaluate("(since) => window.layoutShifts.filter((e) => e.startTime > since).length", shown_at) == 0
        assert page.get_attribute(CALC, "data-started") == "full"
        case = golden_cases("qualification")[0]
        answer = page.evaluate("(payload) => window.playbook.run('qualification', payload)", case["payload"])
        assert answer == json.loads(json.dumps(calculators.run("qualification", case["payload"])))
        assert {k: answer["result"][k] for k in case["expect"]} == case["expect"]
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()


def test_saving_for_offline_waits_for_the_calculator_and_counts_up(browser, built_site):
    """The course is saved for offline use only once Python is up (the two would share the link), and the offline
    badge counts the saving up to "ready offline", politely announced, in the header bar on a phone: over no text."""
    requests: list[tuple[float, str]] = []

    class Logged(Handler):
        def send_head(self):  # type: ignore[override]
            requests.append((time.perf_counter(), self.path))
            return super().send_head()

    httpd, base = serve(built_site.site, Link.mbit(40, 20), Logged)  # the whole course in a couple of seconds
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base + "qualification/")
        page.wait_for_selector(CALC + '[data-state="ready"]', timeout=60_000)
        ready_at = time.perf_counter()
        badge = page.locator('[data-role="offline-badge"]')
        page.wait_for_selector('[data-role="offline-badge"][data-status="saving"]', timeout=30_000)
        assert re.fullmatch(r"正在保存离线版 \d+%", badge.text_content()) and badge.get_attribute("role") == "status"
        box, bar = badge.bounding_box(), page.locator(".md-header").bounding_box()
        assert badge.evaluate("b => !!b.closest('.md-header')") and box["width"] > 0
        assert box["y"] >= bar["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.wait_for_selector('[data-role="offline-badge"][data-status="ready"]', timeout=120_000)
        registered = [t for t, path in requests if path.startswith("/sw.js")]
        assert registered and min(registered) > ready_at
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
