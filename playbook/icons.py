"""The course's app icons, drawn at build in its brand colour: PNG (standard library only) and SVG.

One design, a rising bar chart in white on the course's primary colour, in
the shapes an installed web app needs: ``any`` icons (a rounded square, 192
and 512 px), a ``maskable`` one (full bleed, the chart inside the safe
circle the platform may crop to) and Apple's touch icon (full bleed, no
transparency; iOS rounds the corners itself). Shapes are rounded rectangles,
anti-aliased by exact horizontal coverage over four sub-rows per pixel.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from itertools import accumulate


@dataclass(frozen=True)
class Box:
    """A rounded rectangle in pixels."""

    x: float
    y: float
    w: float
    h: float
    r: float

    def span(self, y: float) -> tuple[float, float] | None:
        """The rectangle's horizontal extent on the line at height ``y``, or None."""
        if not self.y <= y < self.y + self.h:
            return None
        dy = max(self.y + self.r - y, y - (self.y + self.h - self.r), 0.0)
        inset = self.r - (self.r * self.r - dy * dy) ** 0.5 if dy else 0.0
        return self.x + inset, self.x + self.w - inset


# The chart in a unit square: three rising bars on a baseline.
BARS = ((0.13, 0.50, 0.20, 0.36), (0.40, 0.34, 0.20, 0.52), (0.67, 0.14, 0.20, 0.72))


def _glyph(size: float, scale: float) -> list[Box]:
    """The chart, ``scale`` of the icon's width, centred."""
    side = size * scale
    left = top = (size - side) / 2
    return [Box(left + x * side, top + y * side, w * side, h * side, 0.05 * side) for x, y, w, h in BARS]


SUB = 4  # sub-rows per pixel row


def _coverage(boxes: list[Box], size: int, row: int) -> list[float]:
    """How much of each pixel of ``row`` the boxes cover, 0 to 1 (boxes do not overlap)."""
    full = [0.0] * (size + 1)  # a difference array: whole pixels covered
    edge = [0.0] * (size + 1)
    weight = 1 / SUB
    for k in range(SUB):
        y = row + (k + 0.5) / SUB
        for box in boxes:
            span = box.span(y)
            if span is None:
                continue
            x0, x1 = max(span[0], 0.0), min(span[1], float(size))
            i0, i1 = int(x0), int(x1)
            if i0 == i1:
                edge[i0] += (x1 - x0) * weight
                continue
            edge[i0] += (i0 + 1 - x0) * weight
            edge[i1] += (x1 - i1) * weight
            full[i0 + 1] += weight
            full[i1] -= weight
    return [min(a + b, 1.0) for a, b in zip(accumulate(full), edge)][:size]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def png(colour: str, size: int, *, rounded: bool, scale: float) -> bytes:
    """The icon as PNG bytes: ``rounded`` gives a rounded square on transparency, else full bleed."""
    background = [Box(0, 0, size, size, size * 0.2 if rounded else 0)]
    glyph = _glyph(size, scale)
    r, g, b = _rgb(colour)
    # Where the chart is, the background is whole; at the background's rounded edge there is no chart.
    on_colour = [bytes((round(r + (255 - r) * a / 255), round(g + (255 - g) * a / 255), round(b + (255 - b) * a / 255), 255))
                 for a in range(256)]
    edge_alpha = [bytes((r, g, b, a)) for a in range(256)]
    rows = []
    for y in range(size):
        bg = _coverage(background, size, y)
        fg = _coverage(glyph, size, y)
        rows.append(b"\0" + b"".join(on_colour[round(f * 255)] if f else edge_alpha[round(a * 255)] for a, f in zip(bg, fg)))
    return _png_bytes(size, size, b"".join(rows))


def _png_bytes(width: int, height: int, raw: bytes) -> bytes:
    """A PNG of 8-bit RGBA rows, each already led by its filter byte."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def svg(colour: str) -> str:
    """The same icon as SVG (the favicon)."""
    bars = "".join(
        f'<rect x="{x * 307 + 102.4:.1f}" y="{y * 307 + 102.4:.1f}" width="{w * 307:.1f}" height="{h * 307:.1f}" rx="{0.05 * 307:.1f}"/>'
        for x, y, w, h in BARS
    )
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="102.4" fill="{colour}"/>'
            f'<g fill="#fff">{bars}</g></svg>')


# File name -> (size, rounded, chart scale, manifest purpose or None for the touch icon).
ICONS = {
    "icon-192.png": (192, True, 0.6, "any"),
    "icon-512.png": (512, True, 0.6, "any"),
    "icon-maskable-512.png": (512, False, 0.5, "maskable"),  # the chart within the central 80 % circle
    "icon-180.png": (180, False, 0.55, None),  # apple-touch-icon
}


def write(folder, colour: str) -> list[dict[str, str]]:
    """Write every icon into ``folder``; return the manifest's ``icons`` entries (paths relative to ``folder``)."""
    entries = []
    for name, (size, rounded, scale, purpose) in ICONS.items():
        (folder / name).write_bytes(png(colour, size, rounded=rounded, scale=scale))
        if purpose:
            entries.append({"src": name, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose})
    (folder / "icon.svg").write_text(svg(colour), encoding="utf-8")
    entries.append({"src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"})
    return entries
