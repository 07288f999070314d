"""The site's 404 page in Chromium: online from the server, offline from the service worker, never off the origin."""

import pytest

pytestmark = pytest.mark.browser

HOMES = "() => [...document.querySelectorAll('.pb-notfound a')].map((a) => a.href)"
STYLED = "() => [...document.styleSheets].length > 0 && [...document.styleSheets].every((s) => s.cssRules.length > 0)"


def _is_the_sites_404(page, root):
    assert "Page not found" in page.text_content("h1") and "找不到这一页" in page.text_content("h1")
    assert page.evaluate(HOMES) == [root, root + "en/"]
    assert page.evaluate(STYLED), "a stylesheet of the 404 page did not load"
    switch = page.eval_on_selector_all(".md-select__link", "(links) => links.map((a) => a.href)")
    assert switch == [root, root + "en/"]


def test_404_page_online_and_offline_makes_no_off_origin_request(browser, all_courses):
    """For every course served in its own folder, 404.html and a missing address show the site's 404 page
    (styled, bilingual, language links to the course's home pages; status 404 for the missing one); once
    cached, with the network cut, a missing address gets that page from the service worker and a folder
    asked for as …/index.html opens like …/; no request leaves 127.0.0.1 throughout."""
    base, courses = all_courses
    context = browser.new_context(viewport={"width": 390, "height": 844})
    # Playwright sees no request of a shared worker: without one, Python (started in idle time) runs where it does.
    context.add_init_script("delete window.SharedWorker")
    urls: list[str] = []
    context.on("request", lambda r: urls.append(r.url))
    page = context.new_page()
    try:
        for course, _ in courses:
            root = f"{base}{course}/"
            assert page.goto(root + "404.html").status == 200
            _is_the_sites_404(page, root)
            assert page.goto(root + "no/such/page/").status == 404
            _is_the_sites_404(page, root)
        root = f"{base}{courses[0][0]}/"
        page.goto(root)
        page.wait_for_selector('[data-role="offline-badge"][data-status="ready"]', timeout=90_000)
        context.set_offline(True)
        assert page.goto(root + "still/missing").status == 404
        _is_the_sites_404(page, root)
        assert page.goto(root + "404.html").status == 200
        _is_the_sites_404(page, root)
        page.goto(root + "qualification/index.html")
        assert "找不到这一页" not in page.text_content("h1") and page.locator("[data-calculator=qualification]").count() == 1
        assert page.evaluate(STYLED)
    finally:
        context.close()
    off = [u for u in urls if not u.startswith(base) and not u.startswith(("data:", "blob:"))]
    assert off == []
