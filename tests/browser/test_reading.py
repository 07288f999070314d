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
