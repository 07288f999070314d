"""Brand colours: a Material palette name or ``#rrggbb``, made readable as text.

The primary colour is the header behind its white text and the colour of
links on the white page; the accent colours a link under the pointer or the
keyboard's focus and the words a search matched. Either way it is text, so
each must reach 4.5:1 against white (WCAG 2 AA). A colour that does not is
replaced by the nearest shade of its own hue that does (same hue and
saturation, only as much darker as needed), and the build says so.
"""

from __future__ import annotations

import colorsys

TEXT_RATIO = 4.5
WHITE = "#ffffff"

# Material for MkDocs 9's palette (palette.css, light scheme): primary colours, then accents where they differ.
PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2", "indigo": "#4051b5",
    "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6", "teal": "#009485", "green": "#4cae4f",
    "light-green": "#8bc34b", "lime": "#cbdc38", "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724",
    "deep-orange": "#ff6e42", "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "black": "#000000",
}
ACCENT = {
    **PRIMARY,  # Material has no brown, grey, blue-grey or black accent: those are the primary shades
    "red": "#ff1a47", "pink": "#f50056", "purple": "#df41fb", "deep-purple": "#7c4dff", "indigo": "#526cfe",
    "blue": "#4287ff", "light-blue": "#0091eb", "cyan": "#00bad6", "teal": "#00bda4", "green": "#00c753",
    "light-green": "#63de17", "lime": "#b0eb00", "yellow": "#ffd500", "amber": "#ffaa00", "orange": "#ff9100",
    "deep-orange": "#ff6e42",
}
# Material colours links indigo where the primary is too grey to tell a link from text.
LINK = {"grey": PRIMARY["indigo"], "blue-grey": PRIMARY["indigo"], "black": PRIMARY["indigo"]}


def is_hex(value: object) -> bool:
    return (isinstance(value, str) and len(value) == 7 and value[0] == "#"
            and all(c in "0123456789abcdefABCDEF" for c in value[1:]))


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in (r, g, b))


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(hex_colour)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_shade(hex_colour: str, against: str = WHITE, ratio: float = TEXT_RATIO) -> str:
    """``hex_colour`` if it reaches ``ratio`` against ``against`` (white), else its lightest darker shade that does."""
    if contrast(hex_colour, against) >= ratio:
        return hex_colour.lower()
    h, lightness, s = colorsys.rgb_to_hls(*_rgb(hex_colour))
    low, high = 0.0, lightness  # black always passes against white; find the highest lightness that passes
    for _ in range(40):
        mid = (low + high) / 2
        if contrast(_hex(*colorsys.hls_to_rgb(h, mid, s)), against) >= ratio:
            low = mid
        else:
            high = mid
    shade = _hex(*colorsys.hls_to_rgb(h, low, s))
    while contrast(shade, against) < ratio:  # rounding to whole bytes may land a hair below
        low -= 0.002
        shade = _hex(*colorsys.hls_to_rgb(h, low, s))
    return shade


def _mix(hex_colour: str, other: str, share: float) -> str:
    return _hex(*(a + (b - a) * share for a, b in zip(_rgb(hex_colour), _rgb(other))))


def css(primary: str, accent: str, link: str) -> str:
    """Material's custom-colour variables for these (already readable) colours."""
    return (
        ":root>*{"
        f"--md-primary-fg-color:{primary};--md-primary-fg-color--light:{_mix(primary, WHITE, 0.15)};"
        f"--md-primary-fg-color--dark:{_mix(primary, '#000000', 0.15)};"
        "--md-primary-bg-color:#fff;--md-primary-bg-color--light:#ffffffb3;"
        f"--md-accent-fg-color:{accent};--md-accent-fg-color--transparent:{accent}1a;"
        "--md-accent-bg-color:#fff;--md-accent-bg-color--light:#ffffffb3;"
        f"--md-typeset-a-color:{link}"
        "}"
    )
