"""A finite measure on won amounts (fen) with integer masses: exact queries for the chance, quantiles and the chart."""

from __future__ import annotations

import math
from bisect import bisect_left
from fractions import Fraction
from itertools import accumulate


class Measure:
    """A finite measure on amounts (fen): sorted ``xs``, integer masses ``ms`` over ``denom``."""

    __slots__ = ("cum", "denom", "ms", "xs")

    def __init__(self, xs: list[int], ms: list[int], denom: int) -> None:
        self.xs, self.ms, self.denom = xs, ms, denom
        self.cum = [0, *accumulate(ms)]

    @property
    def total(self) -> Fraction:
        return Fraction(self.cum[-1], self.denom)

    def at_least(self, t: int) -> Fraction:
        """Mass at amounts ``>= t``."""
        return Fraction(self.cum[-1] - self.cum[bisect_left(self.xs, t)], self.denom)

    def at_least_num(self, t: int) -> int:
        return self.cum[-1] - self.cum[bisect_left(self.xs, t)]

    def between(self, lo: int, hi: int) -> Fraction:
        """Mass at amounts ``lo <= x < hi``."""
        if hi <= lo:
            return Fraction(0)
        return Fraction(self.cum[bisect_left(self.xs, hi)] - self.cum[bisect_left(self.xs, lo)], self.denom)

    def quantile(self, q: Fraction) -> int:
        """The smallest amount ``x`` with ``mass(<= x) >= q * total`` (lower quantile)."""
        need = q * self.cum[-1]
        i = bisect_left(self.cum, math.ceil(need), lo=1) if need > 0 else 1
        return self.xs[min(i, len(self.xs)) - 1]

    def mean(self) -> Fraction:
        """The mean of the normalised measure."""
        return Fraction(sum(x * m for x, m in zip(self.xs, self.ms)), self.cum[-1])

    def bins(self, count: int) -> list[dict]:
        """At most ``count`` bins: every point if few enough, else equal-width ranges.

        Each bin: ``low`` and ``high`` (the smallest and largest amount in it),
        ``mean`` (the conditional mean, a Fraction), ``mass`` (Fraction of the
        normalised measure) and ``at_least`` (mass at amounts >= ``low``).
        """
        total = self.cum[-1]
        first = next((i for i, m in enumerate(self.ms) if m), 0)
        last = next((i for i in range(len(self.ms) - 1, -1, -1) if self.ms[i]), len(self.ms) - 1)
        if last - first + 1 <= count:
            return [
                {"low": x, "high": x, "mean": Fraction(x), "mass": Fraction(m, total),
                 "at_least": Fraction(total - c, total)}
                for x, m, c in zip(self.xs[first:last + 1], self.ms[first:last + 1], self.cum[first:last + 1])
            ]
        # equal-width bins over the central range; what lies beyond the range
        # goes into the first and last bins (their low/high show how far).
        lo_x = self.quantile(Fraction(1, 10_000))
        hi_x = self.quantile(Fraction(9_999, 10_000))
        if hi_x <= lo_x:
            lo_x, hi_x = self.xs[first], self.xs[last]
        width = max(1, -(-(hi_x - lo_x + 1) // count))
        out = []
        start, end = first, last + 1
        for b in range(count):
            edge = lo_x + (b + 1) * width
            stop = end if b == count - 1 else min(end, bisect_left(self.xs, edge, lo=start))
            if stop > start:
                mass = self.cum[stop] - self.cum[start]
                moment = sum(x * m for x, m in zip(self.xs[start:stop], self.ms[start:stop]))
                out.append({
                    "low": self.xs[start], "high": self.xs[stop - 1],
                    "mean": Fraction(moment, mass) if mass else Fraction(self.xs[start] + self.xs[stop - 1], 2),
                    "mass": Fraction(mass, total), "at_least": Fraction(total - self.cum[start], total),
                })
            start = stop
            if start >= end:
                break
        return out
