"""Calculator pages as built: the calculators page, the links to each chapter's calculators, English data on English pages."""

import json
import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

from conftest import page_paths

HAN = re.compile(r"[\u4e00-\u9fff]")
CONFIG = re.compile(r'<script type="application/json" data-role="config">(.*?)</script>', re.S)


def calculator_ids(html: str) -> list[str]:
    return re.findall(r'<div class="pb-calc" id="([^"]+)" data-calculator=', html)


def test_every_chapter_links_to_its_calculators_and_the_calculators_page_lists_them(built_site):
    """Under a chapter's title, a link to each of its calculators; the calculators page (zh and en) links to every one."""
    site = built_site.site
    pages = {p: (site / p / "index.html").read_text(encoding="utf-8") for p in page_paths(site)}
    for lang, prefix in (("zh", ""), ("en", "en/")):
        listed = set()
        index = pages[f"{prefix}calculators/"]
        for href in re.findall(r'class="pb-calc-index__link" href="([^"]+)"', index):
            page, anchor = href.split("#")
            target = prefix + page.replace("../", "")
            assert anchor in calculator_ids(pages[target]), (lang, href)
            listed.add((target, anchor))
        shown = {(path, cid) for path, html in pages.items() if path.startswith(prefix) and (prefix or not path.startswith("en/"))
                 for cid in calculator_ids(html)}
        assert listed == shown, (lang, shown - listed)
        for path, cid in shown:
            html = pages[path]
            top = html.split("</h1>", 1)[1][:3000]  # straight under the title
            assert f'class="pb-jump__link" href="#{cid}"' in top, (path, cid)
    assert "计算器一览" in pages["calculators/"] and "All calculators" in pages["en/calculators/"]


def test_english_pages_use_english_example_data(built_site):
    """An English page's calculators start from English names (no 王强, 华东家居), and so do the cases its questions open."""
    site = built_site.site
    checked = 0
    for path in page_paths(site):
        if not path.startswith("en/"):
            continue
        html = (site / path / "index.html").read_text(encoding="utf-8")
        for raw in CONFIG.findall(html):
            defaults = json.loads(raw)["defaults"]
            assert not HAN.search(json.dumps(defaults, ensure_ascii=False)), (path, defaults)
            checked += 1
        for href in re.findall(r'data-role="try" data-calc-key="[^"]+" href="([^"]+)"', html):
            values = parse_qs(urlsplit(unescape(href)).fragment)["v"][0]
            assert not HAN.search(unquote(values)), (path, values)
            checked += 1
    assert checked > 20
    assert "Wang Qiang" in (site / "en/trade-show/index.html").read_text(encoding="utf-8")
