"""Reading the playbook: Chinese search, the language switch, checklists that keep their ticks."""

import pytest

pytestmark = pytest.mark.browser


def test_chinese_search_finds_a_chinese_word(page, server):
    """Searching a Chinese word from the trade-show page lists the page that holds it; on this calculator
    page the search index is downloaded and built only once the reader opens the search (or later, in idle time)."""
    page.goto(server + "trade-show/")
    page.wait_for_selector("[data-calculator][data-state=ready]")
    fetched = "() => performance.getEntriesByType('resource').some((e) => e.name.includes('/workers/search.'))"
    downloaded = "() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/search/search_index.json'))"
    assert page.evaluate(fetched) is False and page.evaluate(downloaded) is False
    page.click("label.md-search__icon, .md-search__input")
    page.wait_for_function(fetched)  # the loop below retries while the index builds
    page.wait_for_function(downloaded)
    hit = page.locator(".md-search-result__item", has_text="名片").first
    for attempt in range(3):  # a reader who types before the index is built types again
        page.fill("input.md-search__input", "名片")
        page.press("input.md-search__input", "End")  # the theme reads the query on key-up
        try:
            hit.wait_for(timeout=10_000)
            break
        except Exception:
            if attempt == 2:
                raise
    assert page.locator(".md-search-result__item a[href*='trade-show']").count() >= 1

def test_language_switch_keeps_the_page(page, server):
    """Switching zh -> en on a chapter lands on the same chapter in English, and back."""
    page.goto(server + "trade-show/")
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='en']")
    page.wait_for_url("**/en/trade-show/")
    assert "Trade Show" in page.text_content("h1")
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='zh']")
    page.wait_for_url(server + "trade-show/")


def test_checklist_ticks_survive_a_reload_and_the_language_switch(page, server):
    """Ticked checklist items stay ticked after a reload, and show ticked on the English page too."""
    page.goto(server + "trade-show/")
    boxes = page.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() >= 10
    boxes.nth(0).click(force=True)
    boxes.nth(3).click(force=True)
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked()
    page.reload()
    assert [boxes.nth(i).is_checked() for i in range(5)] == [True, False, False, True, False]
    page.goto(server + "en/trade-show/")
    en = page.locator(".task-list-item input[type=checkbox]")
    assert en.nth(0).is_checked() and en.nth(3).is_checked() and not en.nth(1).is_checked()


def _search(page, query: str):
    """Open the search, type ``query`` until results come (the index builds when the search opens); the result links."""
    page.click("label.md-search__icon, .md-search__input")
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    for attempt in range(3):
        page.fill("input.md-search__input", query)
        page.press("input.md-search__input", "End")  # the theme reads the query on key-up
        try:
            links.first.wait_for(timeout=10_000)
            break
        except Exception:
            if attempt == 2:
                raise
    shown, still = 0, 0
    while still < 3:  # the theme lists ten pages, then four more each time the list is scrolled to its end
        for top in ("0", "el.scrollHeight"):
            page.eval_on_selector(".md-search__scrollwrap", f"el => {{ el.scrollTop = {top}; }}")
            page.wait_for_timeout(150)
        still = still + 1 if links.count() == shown else 0
        shown = links.count()
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_search_lists_the_readers_language_first_and_never_the_print_view(page, server, lang):
    """A word found in both languages ("MAN") lists the pages in the page's language first, then the others;
    the one-page print view, which repeats every chapter, is never among them."""
    page.goto(server + ("en/prospecting/" if lang == "en" else "prospecting/"))
    hrefs = _search(page, "MAN")
    mine = [("/en/" in h) == (lang == "en") for h in hrefs]
    assert mine[0] and True in mine and False in mine, hrefs
    assert mine == sorted(mine, reverse=True), f"a {lang} result after another language's: {hrefs}"
    assert not [h for h in hrefs if "/print/" in h], hrefs


def test_a_checklist_item_ticks_anywhere_on_its_text_and_counts_what_is_done(page, server):
    """Each checkbox is named by its item's text; tapping the text ticks it; each checklist says '1 / 9 done'."""
    page.goto(server + "en/trade-show/")
    box = page.get_by_role("checkbox", name="Avoid a booth sandwiched between two competitors.")
    assert not box.is_checked()
    counts = page.locator(".pb-checklist__count")
    assert counts.count() == 3
    first = counts.first.text_content()
    page.get_by_text("Avoid a booth sandwiched between two competitors.").click()
    assert box.is_checked()
    done, total = first.split(" done")[0].split(" / ")
    assert counts.first.text_content() == f"{int(done) + 1} / {total} done"
    assert counts.first.get_attribute("role") == "status"
    page.goto(server + "trade-show/")
    assert page.locator(".pb-checklist__count").first.text_content() == f"已完成 {int(done) + 1} / {total}"


def test_a_wide_table_scrolls_by_keyboard_on_a_phone(browser, server):
    """At 390 px a table wider than the page sits in a named, focusable region that arrow keys scroll."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "en/glossary/")
        region = page.locator(".md-typeset__scrollwrap[role=region][tabindex='0']").first
        region.wait_for()
        assert region.get_attribute("aria-label").startswith("Table")
        region.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert region.evaluate("el => el.scrollLeft") > 0
    finally:
        context.close()
