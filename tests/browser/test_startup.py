"""Start-up: Python comes from the build's memory snapshot, and starts the normal way when that fails."""

import functools
import io
import json
import threading

import pytest

from playbook.serve import Handler
from playbook.snapshot import pack_pages, unpack_pages

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
    image = bytearray(unpack_pages(packed))
    other_build = image.copy()
    other_build[16:48] = bytes(32)  # Pyodide's BUILD_ID field of the snapshot header
    key = runtime["snapshotKey"].encode()
    assert key in image
    stale = bytes(image).replace(key, key[::-1])  # a valid snapshot, made for another wheel
    cases = {
        "intact": (packed, "snapshot"),
        "truncated": (packed[: len(packed) // 2], "full"),
        "other build": (pack_pages(bytes(other_build)), "full"),
        "other wheel": (pack_pages(stale), "full"),
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
