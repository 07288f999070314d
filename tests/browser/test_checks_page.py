"""Self-check questions in the browser: answer, reload, offline, the progress page and its printed slip."""

import json
from urllib.parse import parse_qs

import pytest

pytestmark = pytest.mark.browser

QUESTIONS = "[data-question]"


def answers(page):
    """question key -> data-answered ("" when unanswered), in page order."""
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-question]')]"
        ".map(q => [q.dataset.question, q.dataset.answered || '']))"
    )


def test_answers_and_progress_are_kept_offline_and_the_slip_prints(browser, server):
    """On a phone: answer a chapter (some right, some wrong), reload, go offline; answers, progress and the slip stay."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        page.goto(server + "showroom-rules/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        page.wait_for_selector('[data-role="offline-badge"][data-status="ready"]', timeout=60_000)
        questions = page.locator(QUESTIONS)
        count = questions.count()
        assert count >= 8
        expected = {}
        for i in range(count):
            q = questions.nth(i)
            key, right = q.get_attribute("data-question"), q.get_attribute("data-right")
            pick = right if i % 3 else ("A" if right != "A" else "B")  # every third one wrong
            choice = q.locator(f'label:has(input[value="{pick}"])')
            assert choice.bounding_box()["height"] >= 44, "a thumb-sized target on a phone"
            choice.click()
            expected[key] = "right" if pick == right else "wrong"
            assert q.get_attribute("data-answered") == expected[key]
            assert q.locator('[data-role="explain"]').is_visible()
            feedback = q.locator('[data-role="feedback"]').text_content()
            assert feedback == ("答对了。" if pick == right else f"不对。正确答案是 {right}。")
        wrong = [k for k, v in expected.items() if v == "wrong"]
        right = count - len(wrong)
        assert page.locator('[data-role="score"]').text_content() == f"已答 {count}/{count} 道，答对 {right} 道。"
        assert page.locator(f'{QUESTIONS} input[type="radio"]:not(:disabled)').count() == 0, "an answer is final"

        page.reload()
        assert answers(page) == expected
        assert page.locator(f'{QUESTIONS}[data-answered="wrong"] label.pb-choice--chosen').count() == len(wrong)

        context.set_offline(True)
        page.reload()
        assert answers(page) == expected
        page.goto(server + "progress/")
        row = page.locator('.pb-progress__table tr[data-module="showroom-rules"]')
        assert row.get_attribute("data-reading") == "read"
        assert row.locator('[data-role="score"]').text_content() == f"答对 {right}/{count}（已答 {count}）"
        assert page.locator('.pb-progress__table tr[data-module="qualification"]').get_attribute("data-reading") == "unread"
        missed = page.locator('[data-role="missed"]')
        assert missed.count() == len(wrong)
        page.fill('[data-role="name"]', "王小明")
        missed.first.click()
        page.wait_for_url(f"**/showroom-rules/#check-{wrong[0].split('/')[1]}")
        target = page.locator(f'[data-question="{wrong[0]}"]')
        assert target.get_attribute("data-answered") == "wrong" and target.is_visible()

        page.goto(server + "en/progress/")  # one record per course, whatever the language
        assert page.input_value('[data-role="name"]') == "王小明"
        assert page.locator('.pb-progress__table tr[data-module="showroom-rules"] [data-role="score"]').text_content() == \
            f"{right} of {count} right ({count} answered)"
        page.emulate_media(media="print")
        slip = page.locator('[data-role="slip"]')
        assert slip.is_visible()
        assert not page.locator(".pb-progress__table").is_visible() and not page.locator("h1").is_visible()
        assert not page.locator('[data-action="print-slip"]').is_visible()
        text = slip.inner_text()
        assert "Course completion slip" in text and "Sales playbook for new hires" in text and "王小明" in text
        assert page.locator('[data-role="slip-date"]').text_content().strip()[-4:].isdigit()
        assert slip.locator('tr[data-module="showroom-rules"] [data-role="slip-score"]').text_content() == f"{right}/{count}"
        assert page.locator('[data-role="slip-total"]').text_content() == f"{right}/{page.evaluate(TOTAL)}"
        assert "Trainer's signature" in text
        page.emulate_media(media="screen")

        page.once("dialog", lambda d: d.dismiss())
        page.click('[data-action="reset-progress"]')
        assert page.input_value('[data-role="name"]') == "王小明", "reset asks first; no means nothing is cleared"
        page.once("dialog", lambda d: d.accept())
        page.click('[data-action="reset-progress"]')
        assert page.input_value('[data-role="name"]') == ""
        assert page.locator('.pb-progress__table tr[data-module="showroom-rules"]').get_attribute("data-reading") == "unread"
        page.goto(server + "showroom-rules/")
        assert set(answers(page).values()) == {""}
        assert errors == []
    finally:
        context.close()


TOTAL = ("() => JSON.parse(document.querySelector('[data-role=progress-data]').textContent)"
         ".modules.reduce((n, m) => n + m.questions.length, 0)")


def test_opening_a_case_in_the_calculator_gives_the_same_answer(page, server):
    """"Open this case in the calculator" fills the calculator above through its share link; it asks before replacing typed inputs."""
    page.goto(server + "en/showroom-rules/")
    calc = '[data-calculator="commission-split"]'
    page.wait_for_selector(f'{calc}[data-state="ready"]', timeout=60_000)
    q = page.locator('[data-question="showroom-rules/ten-day-gap"]')
    right = q.get_attribute("data-right")
    q.locator(f'label:has(input[value="{right}"])').click()
    link = q.locator('[data-role="try"]')
    values = json.loads(parse_qs(link.get_attribute("href").split("#", 1)[1])["v"][0])

    page.fill(f'{calc} input[name="commission"]', "777")  # the reader's own case, saved in this browser
    page.once("dialog", lambda d: d.dismiss())
    link.click()
    assert page.input_value(f'{calc} input[name="commission"]') == "777", "nothing replaced without a yes"

    page.once("dialog", lambda d: d.accept())
    link.click()
    page.wait_for_selector(f'{calc}[data-state="ready"]', timeout=60_000)
    assert page.input_value(f'{calc} input[name="commission"]') == values["commission"]
    page.wait_for_function(
        "() => document.querySelector('[data-calculator=commission-split] [data-field=owner] code')?.textContent === 'B'")
    top = page.evaluate("() => document.querySelector('[data-calculator=commission-split]').getBoundingClientRect().top")
    assert 0 <= top < 200, f"the page opens at the calculator, not at the question (top at {top})"
    assert q.get_attribute("data-answered") == "right", "the answer is still there"
    assert page.evaluate("() => document.querySelector('[data-question=\"showroom-rules/ten-day-gap\"]')"
                         ".querySelector('label.pb-choice--right input').value") == right
