"""Nothing a rep typed is lost: reload, export/import, share link, reset that asks first."""

import json

import pytest

pytestmark = pytest.mark.browser

READY = '[data-calculator="qualification"][data-state="ready"]'
CELL = "document.querySelector('[data-field=cell] code').textContent"


def fill_case(page):
    page.check('input[name="money"][value="no"]')
    page.check('input[name="authority"][value="yes"]')
    page.click('[data-group="need"] details summary')
    page.fill('input[name="need_quantity"]', "12")
    page.wait_for_function(f"() => {CELL} === 'mAN'")


def test_export_then_import_in_a_fresh_browser(browser, server, tmp_path):
    """An exported file, imported in another browser profile, restores the inputs and the answer."""
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    page.goto(server + "en/qualification/")
    page.wait_for_selector(READY, timeout=60_000)
    fill_case(page)
    with page.expect_download() as dl:
        page.click('[data-action="export"]')
    path = tmp_path / "case.json"
    dl.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["calculator"] == "qualification" and data["inputs"]["need_quantity"] == "12"
    ctx.close()

    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(server + "en/qualification/")
    page.wait_for_selector(READY, timeout=60_000)
    assert page.evaluate(CELL) == "MaN"
    page.set_input_files('input[name="__import"]', str(path))
    page.wait_for_function(f"() => {CELL} === 'mAN'")
    assert page.input_value('input[name="need_quantity"]') == "12"
    bad = tmp_path / "bad.json"
    bad.write_text('{"calculator": "other", "inputs": {}}', encoding="utf-8")
    page.set_input_files('input[name="__import"]', str(bad))
    note = page.locator(".pb-tools__note")
    note.wait_for(state="visible")  # the file is read asynchronously
    assert "not exported from the 'MAN prospect qualification' calculator" in note.text_content()  # its title, not its id
    bad.write_text("a note, not JSON", encoding="utf-8")
    page.set_input_files('input[name="__import"]', str(bad))
    page.wait_for_function("() => document.querySelector('.pb-tools__note').textContent.includes('not one a calculator exported')")
    assert note.text_content() == "Cannot import: this file is not one a calculator exported"  # no JavaScript error text, no JSON
    assert page.evaluate(CELL) == "mAN"
    ctx.close()


def test_share_link_opens_the_same_calculation_elsewhere(browser, server):
    """The share link carries the inputs after # and opens the same answer in another profile."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(server + "qualification/")
    page.wait_for_selector(READY, timeout=60_000)
    fill_case(page)
    page.click('[data-action="share"]')
    link = page.input_value('[data-role="share-link"]')
    assert link.startswith(server + "qualification/#") and "need_quantity" in link
    ctx.close()

    ctx = browser.new_context()
    page = ctx.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(link)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function(f"() => {CELL} === 'mAN'")
    assert page.input_value('input[name="need_quantity"]') == "12"
    assert not [u for u in requested if "need_quantity" in u], "inputs must never reach a server"
    ctx.close()


def test_reset_asks_first(page, server):
    """Reset asks before clearing; declining keeps the inputs, accepting restores the example."""
    page.goto(server + "qualification/")
    page.wait_for_selector(READY, timeout=60_000)
    fill_case(page)
    page.once("dialog", lambda d: d.dismiss())
    page.click('[data-action="reset"]')
    assert page.evaluate(CELL) == "mAN"
    page.once("dialog", lambda d: d.accept())
    page.click('[data-action="reset"]')
    page.wait_for_function(f"() => {CELL} === 'MaN'")
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    assert page.evaluate(CELL) == "MaN" and page.input_value('input[name="need_quantity"]') == ""
