"""The MAN page in Chromium, used as a person uses it."""

import json

import pytest

from conftest import golden_cases

pytestmark = pytest.mark.browser

READY = '[data-calculator="qualification"][data-state="ready"]'
START_TIMEOUT = 60_000  # Pyodide's first start on a slow CI core


def verdict(page):
    return page.get_attribute('[data-calculator="qualification"] [data-field="verdict"] .pb-badge', "data-value")


def test_prerendered_answer_then_live_answers(page, server):
    """The example's answer is on the page before Python starts; changed inputs then answer live."""
    page.goto(server + "qualification/")
    # First paint: the build-time answer is already in the HTML, while the engine loads.
    assert page.get_attribute("[data-calculator=qualification]", "data-state") == "loading"
    assert verdict(page) == "develop"
    assert page.text_content('[data-field="cell"] code') == "MaN"
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    page.check('input[name="authority"][value="yes"]')
    page.wait_for_function("document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'track'")
    assert page.text_content('[data-field="cell"] code') == "MAN"
    page.check('input[name="need"][value="unknown"]')
    page.wait_for_function("document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'verify'")
    assert page.locator('[data-field="next_questions"] li').count() == 3
    assert page.page_errors == []


def test_field_error_is_shown_next_to_the_field_and_input_kept(page, server):
    """A bad amount gets a localised message beside its field; the text stays; fixing it clears the error."""
    page.goto(server + "en/qualification/")
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    page.click('[data-group="money"] details summary')
    page.fill('input[name="budget"]', "12.345")
    error = page.locator('[data-error-for="budget"]')
    error.wait_for(state="visible")
    assert "at most two decimal places" in error.text_content()
    assert page.input_value('input[name="budget"]') == "12.345"
    page.fill('input[name="budget"]', "12,345")
    error.wait_for(state="hidden")
    page.reload()
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    assert page.input_value('input[name="budget"]') == "12,345"


def test_english_page_answers_in_english(page, server):
    """The /en/ page renders and recalculates in English."""
    page.goto(server + "en/qualification/")
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    page.check('input[name="money"][value="no"]')
    page.check('input[name="authority"][value="no"]')
    page.check('input[name="need"][value="no"]')
    page.wait_for_function("document.querySelector('[data-field=verdict] .pb-badge').dataset.value === 'abandon'")
    assert page.text_content('[data-field="verdict"] .pb-badge') == "Drop"
    assert page.text_content('[data-field="action"] p').startswith("Not a prospect")


def test_golden_cases_give_the_same_answers_in_the_browser(page, server):
    """Every golden case, run by the wheel under Pyodide, gives the CPython answer."""
    import calculators

    page.goto(server + "qualification/")
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    cases = golden_cases("qualification")
    answers = page.evaluate("cases => Promise.all(cases.map(c => window.playbook.run('qualification', c.payload)))", cases)
    for case, answer in zip(cases, answers):
        assert answer == json.loads(json.dumps(calculators.run("qualification", case["payload"]))), case["file"]
        for key, value in case["expect"].items():
            assert answer["result"][key] == value, (case["file"], key)


def test_no_request_leaves_the_local_origin(page, server):
    """Across the home page and both MAN pages, every request goes to 127.0.0.1."""
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    for path in ("", "qualification/", "en/", "en/qualification/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    page.wait_for_selector(READY, timeout=START_TIMEOUT)
    assert urls, "no request recorded"
    off = [u for u in urls if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert off == []
    assert any(u.endswith(".whl") for u in urls), "the wheel was not fetched"


def test_page_without_calculator_starts_no_python(page, server):
    """The home page fetches neither Pyodide nor the wheel."""
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(server)
    page.wait_for_load_state("networkidle")
    assert not [u for u in urls if "pyodide" in u or u.endswith(".whl")]


def test_opened_from_disk_explains_how_to_serve(page, built_site):
    """From file:// the text shows and the calculator says to run playbook serve."""
    page.goto((built_site.site / "qualification" / "index.html").as_uri())
    note = page.locator('[data-role="file-note"]')
    note.wait_for(state="visible")
    assert "playbook serve" in note.text_content()
    assert verdict(page) == "develop"
