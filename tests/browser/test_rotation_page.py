"""The duty-rotation calculator on the reception page, in Chromium."""

import pytest

pytestmark = pytest.mark.browser

READY = '[data-calculator="rotation"][data-state="ready"]'
PHONE = "() => document.querySelector('[data-calculator=rotation] [data-field=phone_now] p').textContent"


def test_phone_duty_flips_at_the_half_day_switch_and_errors_name_the_row(page, server):
    """13:29 and 13:30 give different agencies; an unknown agent in an event names its row."""
    page.goto(server + "en/reception/")
    page.wait_for_selector(READY, timeout=60_000)
    page.fill('[name="moment"]', "13:45")
    page.wait_for_function(f"() => ({PHONE})().endsWith('(B)')")
    page.fill('[name="moment"]', "13:29")
    page.locator('table[data-rows="events"] tbody tr').last.locator('[data-action="remove-row"]').click()
    page.wait_for_function(f"() => ({PHONE})().endsWith('(A)')")
    page.locator('table[data-rows="events"] tbody tr').first.locator('[name="events.agent"]').fill("Nobody")
    error = page.locator('[data-error-for="events"]')
    error.wait_for(state="visible")
    assert "row 1" in error.text_content() and "Nobody" in error.text_content()
