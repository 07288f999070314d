"""Course versions in the browser: a course's policy drives its calculators."""

import json

import pytest

from conftest import GOLDEN

pytestmark = pytest.mark.browser


def test_ten_day_window_course_keeps_the_claim_a_seven_day_course_loses(page, all_courses):
    """Eight days without contact: lapsed under new-hire's 7-day window, still claimed under showroom's 10."""
    base, _ = all_courses
    case = json.loads((GOLDEN / "attribution" / "14-window-8-days-lapsed.json").read_text(encoding="utf-8"))
    shares = {}
    for course in ("new-hire", "showroom"):
        page.goto(f"{base}{course}/showroom-rules/")
        page.wait_for_selector('[data-calculator="commission-split"][data-state="ready"]', timeout=60_000)
        out = page.evaluate(
            "payload => window.playbook.run('commission-split', payload, JSON.parse("
            "document.querySelector('[data-calculator] script[data-role=config]').textContent).policy)",
            case["payload"],
        )
        shares[course] = out["result"]["shares"]
    assert shares["new-hire"] == {"B": "1000.00"}
    assert shares["showroom"] == {"B": "800.00", "A": "200.00"}
