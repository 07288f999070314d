"""Start-up: Python comes from the build's memory snapshot, and starts the normal way when that fails."""

import json

import pytest

from playbook.snapshot import pack_pages, unpack_pages

pytestmark = pytest.mark.browser

CALC = '[data-calculator="qualification"]'


def _answers(page, base: str) -> str:
    page.goto(base + "qualification/")
    page.wait_for_selector(CALC + '[data-state="ready"]', timeout=60_000)
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("() => document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'")
    return page.get_attribute(CALC, "data-started")


def _serve(body: bytes):
    return lambda route: route.fulfill(status=200, body=body, headers={"Content-Type": "application/octet-stream"})


def test_broken_or_stale_snapshot_falls_back_to_a_normal_start(browser, server, built_site):
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
    for name, (body, expected) in cases.items():
        context = browser.new_context(service_workers="block")
        context.route("**/" + runtime["snapshot"], _serve(body))
        try:
            assert _answers(context.new_page(), server) == expected, name
        finally:
            context.close()
