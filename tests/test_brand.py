"""Brand colours: readable as text (WCAG 4.5:1 on white), checked when a course file is read and at build."""

import logging
import struct
import zlib
from pathlib import Path

import pytest

from playbook import brand
from playbook.course import COLOURS, load_course

ROOT = Path(__file__).resolve().parent.parent
COURSE = "title: {zh: 测试, en: Test}\nmodules: [glossary]\nbranding:\n  name: {zh: 测试, en: Test}\n"


def test_contrast_follows_wcag():
    """Black on white is 21:1, equal colours 1:1, and Material's grey #757575 just passes 4.5:1."""
    assert brand.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert brand.contrast("#4051b5", "#4051b5") == pytest.approx(1)
    assert 4.5 < brand.contrast("#757575", "#ffffff") < 4.7
    assert brand.contrast("#ff6e42", "#ffffff") == pytest.approx(2.78, abs=0.01)  # deep orange, the showroom's


@pytest.mark.parametrize("name", COLOURS)
def test_every_palette_colour_gets_a_readable_shade_of_its_own_hue(name):
    """Each palette colour, primary and accent, comes out at 4.5:1 or more, the same hue, and no darker than needed."""
    import colorsys

    for table in (brand.PRIMARY, brand.ACCENT):
        colour = table[name]
        shade = brand.readable_shade(colour)
        assert brand.contrast(shade, brand.WHITE) >= 4.5
        if shade == colour:
            continue
        rgb = lambda h: [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]  # noqa: E731
        h0, l0, _ = colorsys.rgb_to_hls(*rgb(colour))
        h1, l1, _ = colorsys.rgb_to_hls(*rgb(shade))
        assert abs(h0 - h1) < 0.02 and l1 < l0
        lighter = colorsys.hls_to_rgb(h1, l1 + 0.01, colorsys.rgb_to_hls(*rgb(colour))[2])
        assert brand.contrast("#" + "".join(f"{round(c * 255):02x}" for c in lighter), brand.WHITE) < 4.5


def test_a_failing_colour_is_replaced_with_a_note_naming_file_line_ratio_and_shade(tmp_path):
    """primary: yellow (1.21:1) becomes its readable shade, and the course says so with the file, the line,
    the ratio found and the shade it uses; a hex colour is checked the same way, one that passes is kept."""
    f = tmp_path / "yellow.yaml"
    f.write_text(COURSE + "  primary: yellow\n  accent: '#1a5fb4'\n", encoding="utf-8")
    course = load_course(f)
    shade = brand.readable_shade(brand.PRIMARY["yellow"])
    assert course.branding["primary"] == shade and course.branding["accent"] == "#1a5fb4"
    (note,) = course.notes
    assert note.startswith(f"{f}:5: branding.primary yellow (#ffec3d)")
    assert "1.21:1, below 4.5:1" in note and f"uses {shade} (4.5" in note and f"primary: '{shade}'" in note

    f.write_text(COURSE + "  primary: '#FFEC3D'\n", encoding="utf-8")
    (note,) = load_course(f).notes
    assert f"{f}:5: branding.primary #FFEC3D (#ffec3d)" in note


def test_colours_left_out_take_the_defaults_readable_shades_without_a_note(tmp_path):
    """A course without branding colours gets indigo and a readable orange, and nothing to read about it."""
    f = tmp_path / "plain.yaml"
    f.write_text(COURSE, encoding="utf-8")
    course = load_course(f)
    assert course.branding["primary"] == brand.PRIMARY["indigo"] and not course.notes
    assert brand.contrast(course.branding["accent"], brand.WHITE) >= 4.5


@pytest.mark.parametrize("course", ["new-hire", "showroom", "trade-show"])
def test_shipped_courses_have_readable_colours_and_nothing_to_correct(course):
    """The shipped courses (showroom's deep orange, trade-show's teal) pass as written: no note on their builds."""
    c = load_course(ROOT / "playbook_src" / "courses" / f"{course}.yaml")
    assert not c.notes
    for key in ("primary", "accent", "link"):
        assert brand.contrast(c.branding[key], brand.WHITE) >= 4.5, key


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGBA pixels of a PNG written by playbook.icons (8-bit RGBA, filter 0)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour_type = header[:4]
    assert (depth, colour_type) == (8, 6)
    raw = zlib.decompress(idat)
    stride = 1 + 4 * width
    rows = [raw[y * stride + 1:(y + 1) * stride] for y in range(height)]
    assert all(raw[y * stride] == 0 for y in range(height))
    return width, height, rows


def test_a_yellow_course_builds_with_its_readable_shade_everywhere(tmp_path, caplog):
    """Building a course with primary: yellow says so (file, line, ratio, shade), and the site uses the shade:
    the header's colour, the theme colour, each language's manifest and the PNG icons drawn in it."""
    from playbook.build import build

    f = tmp_path / "yellow.yaml"
    f.write_text(COURSE + "  primary: yellow\n", encoding="utf-8")
    shade = brand.readable_shade(brand.PRIMARY["yellow"])
    with caplog.at_level(logging.WARNING, logger="playbook"):
        site = build(f, tmp_path / "site").site
    notes = [r.getMessage() for r in caplog.records if "branding.primary" in r.getMessage()]
    assert notes and f"{f}:5:" in notes[0] and "1.21:1" in notes[0] and shade in notes[0]

    html = (site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color:{shade}" in html and f'<meta name="theme-color" content="{shade}">' in html
    assert 'data-md-color-primary="custom"' in html
    import json

    for rel, lang in (("manifest.webmanifest", "zh"), ("en/manifest.webmanifest", "en")):
        manifest = json.loads((site / rel).read_text(encoding="utf-8"))
        assert manifest["theme_color"] == shade and manifest["lang"] == lang
    width, height, rows = _png_pixels((site / "assets" / "playbook" / "icon-maskable-512.png").read_bytes())
    assert (width, height) == (512, 512)
    assert rows[5][5 * 4:6 * 4] == bytes.fromhex(shade[1:]) + b"\xff"  # full bleed in the shade
