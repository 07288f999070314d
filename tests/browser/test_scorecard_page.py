"""The scorecards page in Chromium: a rep grades a key account; the golden cases in the worker."""

import pytest

from conftest import golden_cases

pytestmark = pytest.mark.browser

CARD = '[data-calculator="scorecard"][data-card="key-account"]'
START_TIMEOUT = 60_000


def shown(page, key):
    return page.get_attribute(f'{CARD} [data-field="{key}"] [data-value]', "data-value")


def test_key_account_form_grades_a_case_and_keeps_it(page, server):
    """Answering the key-account card gives a provisional A on 70% known; a knock-out turns it to E; reload keeps it."""
    page.goto(server + "en/scorecards/#key-account")
    page.wait_for_selector(CARD + '[data-state="ready"]', timeout=START_TIMEOUT)
    assert shown(page, "status") == "not_enough_facts", "the empty form's answer is there before any input"
    for name, value in (("economic_strength", "strong"), ("credit", "clean"), ("fit", "partial")):
        page.check(f'{CARD} input[name="{name}"][value="{value}"]')
    page.wait_for_function("() => document.querySelector('[data-card=key-account] [data-field=score]')?.textContent.endsWith('85.7')")
    assert shown(page, "status") == "provisional"
    assert page.text_content(f'{CARD} [data-field="grade"] code') == "A"
    assert shown(page, "known") == "0.7" and page.text_content(f'{CARD} [data-field="known"] p').strip() == "70%"
    assert page.locator(f'{CARD} [data-field="next_facts"] tbody tr').count() == 2
    page.check(f'{CARD} input[name="credit"][value="serious"]')
    page.wait_for_function("() => document.querySelector('[data-card=key-account] [data-field=status] [data-value]').dataset.value === 'knocked_out'")
    assert page.text_content(f'{CARD} [data-field="grade"] code') == "E"
    assert "Not admitted as a key account" in page.text_content(f'{CARD} [data-field="decision"]')
    page.reload()
    page.wait_for_selector(CARD + '[data-state="ready"]', timeout=START_TIMEOUT)
    assert page.is_checked(f'{CARD} input[name="credit"][value="serious"]')
    assert shown(page, "status") == "knocked_out"
    other = '[data-card="quality-customer"]'
    assert page.is_checked(f'{other} input[name="credit"][value="unknown"]'), "each card keeps its own answers"
    assert page.page_errors == []


def test_golden_cases_in_the_worker(page, server, policy):
    """The scorecard golden cases give the same answers under Pyodide as in CPython."""
    page.goto(server + "scorecards/")
    page.wait_for_selector(CARD + '[data-state="ready"]', timeout=START_TIMEOUT)
    cases = golden_cases("scorecard")
    outs = page.evaluate(
        "async ([cases, policy]) => Promise.all(cases.map((c) => window.playbook.run('scorecard', c.payload, policy)))",
        [cases, {"scorecards": policy["scorecards"]}],
    )
    for case, out in zip(cases, outs):
        assert out["ok"], (case["name"], out)
        for key, want in case["expect"].items():
            assert out["result"][key] == want, (case["name"], key)
