"""The outcome-distribution chart, drawn as SVG from a forecast result.

calculator.js draws the same chart live (``chartSvg``) with the same
geometry; this one is for the answer pre-rendered at build time. The curve
is the chance of winning at least a given amount; the target is marked.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any, Mapping

W, H, LEFT, RIGHT, TOP, BOTTOM = 560, 210, 44, 14, 14, 34
LABELS = {
    "target": {"zh": "目标", "en": "target"},
    "chance": {"zh": "至少赢得该金额的概率", "en": "chance of winning at least this much"},
}


def _money(value: Decimal) -> str:
    return f"¥{value:,.0f}"


def chart_svg(dist: Mapping[str, Any], lang: str) -> str:
    points = [(Decimal(p["amount"]), Decimal(p["at_least"])) for p in dist.get("points") or []]
    if not points:
        return ""
    target = Decimal(dist["target"]) if dist.get("target") else None
    top = max([a for a, _ in points] + ([target] if target is not None else [])) * Decimal("1.05") or Decimal(1)
    x = lambda a: LEFT + float(a / top) * (W - LEFT - RIGHT)  # noqa: E731
    y = lambda p: TOP + (1 - float(p)) * (H - TOP - BOTTOM)  # noqa: E731
    d = [f"M{x(0):.1f},{y(points[0][1]):.1f}"]
    for i, (amount, at_least) in enumerate(points):
        d.append(f"H{x(amount):.1f}")
        after = points[i + 1][1] if i + 1 < len(points) else Decimal(0)
        d.append(f"V{y(after):.1f}")
    d.append(f"H{x(top):.1f}")
    parts = [
        f'<svg class="pb-chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(LABELS["chance"][lang])}">',
        f'<line class="pb-chart__axis" x1="{LEFT}" y1="{y(0):.1f}" x2="{W - RIGHT}" y2="{y(0):.1f}"/>',
        f'<line class="pb-chart__axis" x1="{LEFT}" y1="{y(1):.1f}" x2="{LEFT}" y2="{y(0):.1f}"/>',
    ]
    for p in (Decimal(0), Decimal("0.5"), Decimal(1)):
        parts.append(f'<text class="pb-chart__tick" x="{LEFT - 6}" y="{y(p) + 4:.1f}" text-anchor="end">{int(p * 100)}%</text>')
    parts.append(f'<path class="pb-chart__curve" d="{" ".join(d)}"/>')
    for key in ("p10", "p50", "p90"):
        if dist.get(key) is not None:
            xv = x(Decimal(dist[key]))
            parts.append(f'<line class="pb-chart__mark" x1="{xv:.1f}" y1="{y(0):.1f}" x2="{xv:.1f}" y2="{y(0) + 5:.1f}"/>')
            parts.append(f'<text class="pb-chart__tick" x="{xv:.1f}" y="{y(0) + 16:.1f}" text-anchor="middle">{key.upper()}</text>')
    if target is not None:
        xt = x(target)
        chance = f" · {Decimal(dist['p_target']) * 100:.0f}%" if dist.get("p_target") is not None else ""
        anchor = "end" if xt > W / 2 else "start"
        dx = -4 if anchor == "end" else 4
        parts.append(f'<line class="pb-chart__target" x1="{xt:.1f}" y1="{y(1):.1f}" x2="{xt:.1f}" y2="{y(0):.1f}"/>')
        parts.append(
            f'<text class="pb-chart__label" x="{xt + dx:.1f}" y="{y(1) + 10:.1f}" text-anchor="{anchor}">'
            f'{escape(LABELS["target"][lang])} {escape(_money(target))}{escape(chance)}</text>'
        )
    parts.append(f'<text class="pb-chart__tick" x="{W - RIGHT}" y="{H - 4}" text-anchor="end">{escape(_money(top / Decimal("1.05")))}</text>')
    parts.append("</svg>")
    return "".join(parts)
