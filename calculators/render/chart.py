"""The outcome-distribution chart (output kind ``chart``), drawn as SVG from a forecast result.

The curve is the chance of winning at least a given amount; P10/P50/P90 are
marked on the amount axis, which reads from ¥0 to the largest amount, and the
target is a dashed line with its chance. The geometry is plain SVG
coordinates; the labels' amounts and percentages are written by ``calculators.numbers`` (whole yuan and whole percent, half up).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from html import escape
from typing import Any

from ..fields import Output
from ..i18n import L, pick
from ..numbers import money, percent
from .registry import renders

# A small drawing (it scales to the page): text of 13-14 units stays readable at a phone's width.
W, H, LEFT, RIGHT, TOP, BOTTOM = 400, 230, 46, 12, 22, 42
MARK_GAP = 34  # units: P10/P50/P90 marks closer than this share one label
LABELS = {
    "target": L("目标", "target"),
    "chance": L("至少赢得该金额的概率", "chance of winning at least this much"),
}


@renders("chart")
def chart(output: Output, value: Any, lang: str) -> str:
    return chart_svg(value, lang)


def chart_svg(dist: Mapping[str, Any], lang: str) -> str:
    """The SVG for a ``distribution`` result (empty when it has no points)."""
    points = [(Decimal(p["amount"]), Decimal(p["at_least"])) for p in dist.get("points") or []]
    if not points:
        return ""
    target = Decimal(dist["target"]) if dist.get("target") else None
    top = max([a for a, _ in points] + ([target] if target is not None else [])) * Decimal("1.05") or Decimal(1)

    def x(amount: Decimal | int) -> float:
        return LEFT + float(amount / top) * (W - LEFT - RIGHT)

    def y(chance: Decimal | int) -> float:
        return TOP + (1 - float(chance)) * (H - TOP - BOTTOM)

    d = [f"M{x(0):.1f},{y(points[0][1]):.1f}"]
    for i, (amount, _) in enumerate(points):
        d.append(f"H{x(amount):.1f}")
        after = points[i + 1][1] if i + 1 < len(points) else Decimal(0)
        d.append(f"V{y(after):.1f}")
    d.append(f"H{x(top):.1f}")
    parts = [
        f'<svg class="pb-chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(pick(LABELS["chance"], lang))}">',
        f'<line class="pb-chart__axis" x1="{LEFT}" y1="{y(0):.1f}" x2="{W - RIGHT}" y2="{y(0):.1f}"/>',
        f'<line class="pb-chart__axis" x1="{LEFT}" y1="{y(1):.1f}" x2="{LEFT}" y2="{y(0):.1f}"/>',
    ]
    for p in (Decimal(0), Decimal("0.5"), Decimal(1)):
        parts.append(f'<text class="pb-chart__tick" x="{LEFT - 6}" y="{y(p) + 4:.1f}" text-anchor="end">{percent(p, 0)}</text>')
    parts.append(f'<path class="pb-chart__curve" d="{" ".join(d)}"/>')
    marks: list[tuple[float, list[str]]] = []  # x, the marks labelled there
    for key in ("p10", "p50", "p90"):
        if dist.get(key) is not None:
            xv = x(Decimal(dist[key]))
            parts.append(f'<line class="pb-chart__mark" x1="{xv:.1f}" y1="{y(0):.1f}" x2="{xv:.1f}" y2="{y(0) + 5:.1f}"/>')
            if marks and xv - marks[-1][0] < MARK_GAP:
                marks[-1][1].append(key.upper())
            else:
                marks.append((xv, [key.upper()]))
    for xv, keys in marks:
        parts.append(f'<text class="pb-chart__tick" x="{xv:.1f}" y="{y(0) + 17:.1f}" text-anchor="middle">{"/".join(keys)}</text>')
    if target is not None:
        xt = x(target)
        chance = f" · {percent(dist['p_target'], 0)}" if dist.get("p_target") is not None else ""
        anchor = "end" if xt > W / 2 else "start"
        dx = -4 if anchor == "end" else 4
        parts.append(f'<line class="pb-chart__target" x1="{xt:.1f}" y1="{y(1):.1f}" x2="{xt:.1f}" y2="{y(0):.1f}"/>')
        parts.append(
            f'<text class="pb-chart__label" x="{xt + dx:.1f}" y="{y(1) - 8:.1f}" text-anchor="{anchor}">'
            f'{escape(pick(LABELS["target"], lang))} {escape(money(target, 0))}{escape(chance)}</text>'
        )
    # The amount axis reads from ¥0 at the corner to the largest amount at its end.
    parts.append(f'<text class="pb-chart__tick" x="{LEFT}" y="{H - 4}" text-anchor="middle">{escape(money(0, 0))}</text>')
    parts.append(f'<text class="pb-chart__tick" x="{W - RIGHT}" y="{H - 4}" text-anchor="end">{escape(money(top / Decimal("1.05"), 0))}</text>')
    parts.append("</svg>")
    return "".join(parts)
