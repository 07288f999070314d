"""Every page of every shipped course passes axe-core with no serious or critical violation, at desktop and
phone widths, with its calculators ready; and no page logs a console error.

axe-core comes from npm (node_modules/axe-core, pinned by package-lock.json) and is injected from that local
copy through the browser's debugging protocol, which the pages' content-security policy does not govern:
the site itself never loads it, and nothing is fetched from elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, page_paths

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING = ("serious", "critical")
# axe's defaults (WCAG 2 A/AA and best practices) plus WCAG 2.2's target size, which axe leaves off by default.
SETTLING = "[data-calculator]:not([data-state=ready]), [data-calculator][data-busy]"
RUN = "() => axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})"


def _report(width: int, where: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        if v["impact"] not in FAILING:
            continue
        for node in v["nodes"][:3]:
            target = " ".join(map(str, node["target"]))
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{v['impact']} {v['id']} at {width} px on {where}: {target}\n    {summary[:300]}")
        if len(v["nodes"]) > 3:
            lines.append(f"    … and {len(v['nodes']) - 3} more {v['id']} on that page")
    return lines


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_passes_axe_with_no_serious_violation(browser, all_courses, width):
    """axe over every page of new-hire, showroom and trade-show (each calculator ready): no serious or
    critical violation and no console error; a failure names the rule, the page, the element and why."""
    assert AXE.is_file(), "axe-core is missing: ./dev test installs it from package-lock.json (npm ci)"
    source = AXE.read_text(encoding="utf-8") + "\n;0"
    base, courses = all_courses
    # Reduced motion: no fade is caught half-way, so colours are measured as they settle.
    context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and console.append(f"{page.url}: {msg.text}"))
    page.on("pageerror", lambda err: console.append(f"{page.url}: {err}"))
    problems: list[str] = []
    visited = 0
    try:
        for course, site in courses:
            for path in page_paths(Path(site)):
                where = f"{course}/{path}"
                page.goto(f"{base}{where}")
                # Each calculator ready and its answer painted: what a reader meets.
                page.wait_for_selector(SETTLING, state="detached", timeout=60_000)
                page.evaluate(source)
                problems += _report(width, where, page.evaluate(RUN)["violations"])
                visited += 1
    finally:
        context.close()
    assert visited >= 60, f"only {visited} pages found in the built courses"
    assert not problems, f"{len(problems)} serious or critical axe findings:\n" + "\n".join(problems)
    assert not console, "console errors:\n" + "\n".join(console)
