"""What the built pages carry for readers, screen readers, search and installing: checklist labels, the
search index, page descriptions, no per-page alternate links, each language's manifest and the PNG icons."""

import json
import re

import markdown
from test_brand import _png_pixels


def test_a_checklist_items_text_is_its_checkboxs_label():
    """'- [ ] text' renders the text inside the checkbox's label (its accessible name, and all of it taps);
    a nested list stays outside its parent's label, and [x] stays ticked."""
    html = markdown.Markdown(extensions=["playbook.tasklist"]).convert(
        "- [ ] Call **the top three** [leads](x)\n- [x] done\n    - [ ] nested\n")
    label = '<label class="task-list-control"><input type="checkbox" disabled/><span class="task-list-indicator"></span>'
    assert f'{label}Call <strong>the top three</strong> <a href="x">leads</a></label>' in html
    assert re.search(r'<input type="checkbox" disabled checked/><span class="task-list-indicator"></span>done</label><ul', html)
    assert "nested</label></li>" in html


def test_print_view_is_left_out_of_the_search_index(built_site):
    """The one-page print view repeats every chapter: it is not in the search index, the chapters are."""
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc.split("#")[0] in ("print/", "en/print/")]
    assert "qualification/" in locations and "en/qualification/" in locations


def test_pages_describe_themselves_and_carry_no_per_page_alternate_links(built_site):
    """Each page has a meta description (a chapter its summary, others the course's title and audience); no
    <link rel=alternate hreflang> (Material fetches sitemap.xml below each: a 404), the switch still links."""
    site = built_site.site
    chapter = (site / "en" / "qualification" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Qualify prospects on Money, Authority and Need' in chapter
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="新人销售手册：' in home
    for page in (chapter, home):
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', page)
    assert 'class="md-select__link"' in chapter and 'hreflang="zh" lang="zh"' in chapter
    assert re.search(r'class="md-search" data-md-component="search" role="dialog" aria-label="[^"]+"', chapter)


def test_each_language_has_its_manifest_with_png_icons(built_site):
    """zh pages link the root manifest, English pages en/manifest.webmanifest: its own id, name, lang and
    start page, one scope for the course; 192 and 512 px PNG icons (and a maskable one) that exist, in the
    brand colour, and an apple-touch-icon."""
    site = built_site.site
    manifests = {}
    for rel, page, lang in (("manifest.webmanifest", "qualification/index.html", "zh"),
                            ("en/manifest.webmanifest", "en/qualification/index.html", "en")):
        html = (site / page).read_text(encoding="utf-8")
        href = re.search(r'<link rel="manifest" href="([^"]+)"', html).group(1)
        assert (site / page).parent.joinpath(href).resolve() == (site / rel).resolve()
        assert re.search(r'<link rel="apple-touch-icon" href="[^"]*icon-180.png"', html)
        manifest = json.loads((site / rel).read_text(encoding="utf-8"))
        manifests[lang] = manifest
        assert manifest["lang"] == lang and manifest["start_url"] == "./"
        assert manifest["name"] == built_site.course.title[lang]
        assert (site / rel).parent.joinpath(manifest["scope"]).resolve() == site.resolve()
        sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"] if icon["type"] == "image/png"}
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
        for icon in manifest["icons"]:
            assert (site / rel).parent.joinpath(icon["src"]).is_file(), icon
    assert manifests["zh"]["id"] != manifests["en"]["id"]
    colour = bytes.fromhex(built_site.course.branding["primary"][1:])
    width, _, rows = _png_pixels((site / "assets" / "playbook" / "icon-192.png").read_bytes())
    assert width == 192
    assert rows[0][3] == 0, "an 'any' icon has transparent round corners"
    assert rows[96][3 * 4:4 * 4] == colour + b"\xff"
    _, _, touch = _png_pixels((site / "assets" / "playbook" / "icon-180.png").read_bytes())
    assert touch[0][:4] == colour + b"\xff", "Apple's touch icon has no transparency"
