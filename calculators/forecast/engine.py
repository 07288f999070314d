"""The distribution of won amounts for a pipeline of independent deals.

Deal ``i`` is won with probability ``p_i`` and then brings ``a_i`` fen; the won
amount is ``W = base + sum(a_i * X_i)`` with independent ``X_i ~ Bernoulli(p_i)``
(``base`` is the deals already won, ``p = 1``; deals at ``p = 0`` are left out).

Two methods, chosen by size:

* **exact** -- the distribution over the distinct sums, with integer masses
  (each ``p_i`` is a decimal ``n_i / 10**D``), while the number of distinct
  sums stays small. Every probability is an exact fraction; the error bound is 0.
* **grid** -- a discretised convolution on a grid of step ``h`` fen. Each
  amount that is not a multiple of ``h`` is split between its two neighbouring
  grid points so that its mean is kept (``a = k*h + r`` goes to ``k*h`` with
  weight ``1 - r/h`` and to ``(k+1)*h`` with weight ``r/h``). Far tails are
  trimmed as the convolution runs. The error of a probability ``P(W >= t)``
  is bounded, rigorously, by the sum of:

  - the mass the computation lost or moved: masses are integers (each deal's
    three weights over ``2**Q``, summing to exactly ``2**Q``, which is within
    ``2**-Q`` in total variation of the true weights; running masses over
    ``2**P``, rounded down), and far tails are trimmed, so the computed measure
    is below the rounded-weight distribution point by point and
    ``lost = (1 - total) + n 2**-Q`` bounds the error of any event;
  - when some amounts are off the grid, a coupling bound: the grid sum is
    ``W' = W + E`` where ``E`` is a sum of independent, mean-zero terms bounded
    by ``h`` with known variance ``V``; for any ``u``,
    ``|P(W >= t) - P(W' >= t)| <= max(P(t-u <= W' < t), P(t <= W' < t+u))
    + exp(-u^2 / (2 (V + h u / 3)))`` (Bernstein), minimised over ``u``.
    When every amount is a multiple of ``h`` this term is 0. The windows are
    measured on the computed measure, so ``lost`` is counted twice.

Everything here is standard library; money stays in integer fen, and the
measure handed back carries integer masses over a common denominator, so every
query (``at_least``, ``between``, quantiles, means) is exact arithmetic on the
computed measure.
"""

from __future__ import annotations

import math
import sys
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .measure import Measure

EXACT_MAX_SUPPORT = 2048      # distinct sums kept by the exact method
EXACT_MAX_WORK = 60_000       # dictionary updates before the exact method gives way
GRID_POINTS = 4096            # grid points across the final window, at least
GRID_WORK = 6_000_000         # deals x points: finer grids for smaller pipelines
GRID_MAX_POINTS = 32_768
TAIL_SIGMAS = 7               # the window kept: mean +- 7 sd + the largest deal (the rest is counted as lost)
CANDIDATES = 8                # deals examined as drivers (the largest by amount)
FIELD = 80                    # bits per grid point in the packed integer
FIELD_BYTES = FIELD // 8
Q = 32                        # a deal's masses are integers over 2**Q (summing to exactly 2**Q)
Q_BYTES = Q // 8
P = FIELD - Q - 1             # the running masses are integers over 2**P
ONE_Q = 1 << Q
ONE_P = 1 << P


@dataclass(frozen=True)
class Deal:
    """One uncertain deal: amount in fen, probability as an exact Decimal in (0, 1)."""

    amount: int
    p: Decimal
    key: tuple = ()


@dataclass(frozen=True)
class Driver:
    """A deal examined as a driver: the chance of reaching the target if it is won, and if it is lost."""

    key: tuple
    amount: int
    p: Decimal
    if_won: Fraction
    if_lost: Fraction


@dataclass(frozen=True)
class Outcome:
    """The computed distribution of the won amount, and how far to trust it."""

    method: str                       # "exact" or "grid"
    measure: Measure
    step: int = 0                     # grid step in fen (0 for exact)
    disc_var: Fraction = Fraction(0)  # V of the rounding noise (fen^2), 0 when on the grid
    quant: Fraction = Fraction(0)     # total-variation bound of the deals' masses rounded to 2**-Q
    drivers: list[Driver] = field(default_factory=list)

    @property
    def lost(self) -> Fraction:
        """How far the computed measure may be from the grid distribution, for any event."""
        if self.method == "exact":
            return Fraction(0)
        return max(Fraction(0), 1 - self.measure.total) + self.quant

    def at_least(self, t: int) -> Fraction:
        """The computed ``P(W >= t)`` (over the common denominator; never above 1)."""
        return min(Fraction(1), self.measure.at_least(t))

    def error_bound(self, t: int) -> Fraction:
        """An upper bound on ``|P(W >= t) - at_least(t)|`` (0 for the exact method)."""
        if self.method == "exact":
            return Fraction(0)
        lost = self.lost
        if self.disc_var == 0:
            return min(Fraction(1), lost)
        h = self.step
        var = float(self.disc_var)
        best = 1.0
        u = h / 2
        while True:
            # Bernstein: P(E > u) <= exp(-u^2 / (2 (V + h u / 3))), |E_i| <= h; rounded up below
            tail = math.exp(-u * u / (2 * (var + h * u / 3))) * (1 + 1e-9)
            below = self.measure.between(math.floor(t - u), t)
            above = self.measure.between(t, math.ceil(t + u) + 1)
            best = min(best, float(max(below, above)) * (1 + 1e-12) + tail)
            if tail < 1e-15 or u > 1e20:
                break
            u *= 1.25
        return min(Fraction(1), Fraction(best) + 2 * lost)


# --------------------------------------------------------------------------- exact


def _places(p: Decimal) -> int:
    exp = p.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def _exact_step(dist: dict[int, int], a: int, win: int, lose: int) -> dict[int, int]:
    new = {s: m * lose for s, m in dist.items()}
    get = new.get
    for s, m in dist.items():
        s2 = s + a
        new[s2] = get(s2, 0) + m * win
    return new


def _exact(deals: list[Deal], split: int) -> tuple[list[dict[int, int]], int] | None:
    """Prefix distributions (after 0..n deals) from ``split`` on, with masses over ``scale**j``.

    Returns None when the support or the work grows past the limits.
    """
    places = max((_places(d.p) for d in deals), default=0)
    scale = 10 ** places
    dist: dict[int, int] = {0: 1}
    kept: list[dict[int, int]] = []
    work = 0
    for j, d in enumerate(deals):
        if j >= split:
            kept.append(dist)
        win = int(d.p * scale)
        dist = _exact_step(dist, d.amount, win, scale - win)
        work += len(dist)
        if len(dist) > EXACT_MAX_SUPPORT or work > EXACT_MAX_WORK:
            return None
    kept.append(dist)
    return kept, scale


def _sparse_tail(cands: list[Deal], scale: int) -> list[dict[int, int]]:
    """``tails[i]``: exact distribution of candidates ``i..end`` (masses over scale**len)."""
    tails = [{0: 1}]
    for d in reversed(cands):
        win = int(d.p * scale)
        tails.append(_exact_step(tails[-1], d.amount, win, scale - win))
    tails.reverse()
    return tails


def _measure_of(dist: dict[int, int], denom: int, base: int = 0) -> Measure:
    items = sorted((s, m) for s, m in dist.items() if m)
    return Measure([base + s for s, _ in items], [m for _, m in items], denom)


# --------------------------------------------------------------------------- grid


def _nice_steps(upper: float) -> list[int]:
    """Round grid steps (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k fen) not above ``upper``, largest first."""
    out = []
    e = 0
    while 10**e <= upper * 10:
        for m in (10, 12, 15, 20, 25, 30, 40, 50, 60, 80):
            step = m * 10**e // 10
            if 1 <= step <= upper and m * 10**e % 10 == 0:
                out.append(step)
        e += 1
    return sorted(set(out), reverse=True) or [1]


def _disc_var(deals: list[Deal], h: int) -> Fraction:
    """Variance of the rounding noise, exactly: the sum of p * r * (h - r), in fen^2."""
    total = Fraction(0)
    for d in deals:
        r = d.amount % h
        if r:
            num, den = d.p.as_integer_ratio()
            total += Fraction(num * r * (h - r), den)
    return total


def choose_step(deals: list[Deal], span: int, points: int) -> tuple[int, Fraction]:
    """The grid step: the amounts' greatest common divisor when that grid has at
    most three times ``points`` points (no rounding at all), else the nice step
    (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 x 10^k fen) between ``span/points/2`` and ``span/points``
    with the least rounding noise (ties: the larger step)."""
    g = 0
    for d in deals:
        g = math.gcd(g, d.amount)
    h0 = max(1.0, span / points)
    if g >= h0 / 3:                         # on the amounts' own lattice: no rounding at all
        return g, Fraction(0)
    best: tuple[Fraction, int, Fraction] | None = None
    for h in _nice_steps(h0):
        if h < h0 / 2:
            break
        v = _disc_var(deals, h)
        # the error grows like sqrt(V) and the cost like 1/h: a smaller step must
        # lower V/h^2 by a fifth to be worth it (round amounts on a round step do)
        score = v / (h * h)
        if best is None or score < best[0] * Fraction(4, 5):
            best = (score, h, v)
        if v == 0:
            break
    if best is None:
        h = max(1, int(h0))
        return h, _disc_var(deals, h)
    return best[1], best[2]


def _round_div(a: int, b: int) -> int:
    """``a / b`` rounded to the nearest integer (halves up), for ``a >= 0 < b``."""
    return (2 * a + b) // (2 * b)


def _leaf(d: Deal, h: int) -> tuple[int, int, int, int]:
    """Deal ``d`` on the grid: ``(k, c0, c1, c2)`` -- masses (over 2**Q) at 0, k and k+1 steps."""
    k, r = divmod(d.amount, h)
    num, den = d.p.as_integer_ratio()
    c1 = _round_div(num * (h - r) * ONE_Q, den * h)
    c2 = _round_div(num * r * ONE_Q, den * h) if r else 0
    return k, ONE_Q - c1 - c2, c1, c2


def _grid(deals: list[Deal], split: int, points: int) -> tuple[list[tuple[int, int, int]], int, Fraction]:
    """Prefix grid distributions ``(offset, fields, packed)`` from ``split`` on; the step and V.

    The masses are packed into one integer, ``FIELD`` bits per grid point
    (SIMD within a register): a deal is two big-integer multiplications, a
    shift and an add, all in C; after each deal every field is divided by
    2**Q (floor) by slicing the bytes, which keeps the total at most 2**P.
    """
    n = len(deals)
    # window arithmetic in integers: amounts in fen, probabilities as p * 10**6
    micro = [int(d.p * 1_000_000) for d in deals]
    rem_mu = [0] * (n + 1)       # what is still to come after deal j: mean (fen * 10**6),
    rem_var = [0] * (n + 1)      # variance (fen^2 * 10**12) and largest amount (fen)
    rem_big = [0] * (n + 1)
    for j in range(n - 1, -1, -1):
        a, m = deals[j].amount, micro[j]
        rem_mu[j] = rem_mu[j + 1] + a * m
        rem_var[j] = rem_var[j + 1] + a * a * m * (1_000_000 - m)
        rem_big[j] = max(rem_big[j + 1], deals[j].amount)
    mu = rem_mu[0] // 1_000_000
    sd = math.isqrt(rem_var[0]) // 1_000_000 + 1
    big = rem_big[0]
    lo = max(0, mu - TAIL_SIGMAS * sd - big)
    hi = min(sum(d.amount for d in deals), mu + TAIL_SIGMAS * sd + big)
    h, v = choose_step(deals, hi - lo, points)
    # the final window in grid units, for W' = W + rounding noise (variance var + V);
    # split amounts may reach ceil(a / h) grid points
    sd2 = math.isqrt(rem_var[0] // 10**12 + math.ceil(v)) + 1
    lo_i = max(0, (mu - TAIL_SIGMAS * sd2 - big) // h - 1)
    hi_i = min(sum(-(-d.amount // h) for d in deals), -(-(mu + TAIL_SIGMAS * sd2 + big) // h) + 1) + 1
    packed, off, size = ONE_P, 0, 1
    kept: list[tuple[int, int, int]] = []
    keep = FIELD_BYTES - Q_BYTES
    for j, d in enumerate(deals):
        if j >= split:
            kept.append((off, size, packed))
        k, c0, c1, c2 = _leaf(d, h)
        packed = c0 * packed + (((c1 + (c2 << FIELD)) * packed) << (FIELD * k))
        end = size + k + (1 if c2 else 0)
        # keep the partial sums that can still end in the window [lo_i, hi_i)
        rest = rem_mu[j + 1] // 1_000_000
        slack = TAIL_SIGMAS * (math.isqrt(rem_var[j + 1]) // 1_000_000 + 1) + rem_big[j + 1]
        w_lo = max(0, lo_i - (rest + slack) // h - 2)
        w_hi = hi_i - max(0, rest - slack) // h + 2
        a = max(0, w_lo - off)
        b = min(end, w_hi - off)
        if b <= a:                              # nothing left in the window
            packed, off, size = 0, off + a, 1
            continue
        raw = (packed >> (FIELD * a)).to_bytes((end - a) * FIELD_BYTES + FIELD_BYTES, "little")
        size, off = b - a, off + a
        out = bytearray(size * FIELD_BYTES)
        stop = size * FIELD_BYTES
        for byte in range(keep):                # floor(field / 2**Q), for every field at once
            out[byte::FIELD_BYTES] = raw[Q_BYTES + byte:stop:FIELD_BYTES]
        packed = int.from_bytes(out, "little")
    kept.append((off, size, packed))
    return kept, h, v


def _unpack(off: int, size: int, packed: int, h: int, base: int = 0) -> Measure:
    """The packed masses as a Measure (zero masses kept: the amounts stay a plain range).

    After each step every field is below 2**P <= 2**64, so its low eight bytes
    hold it: eight strided byte slices and one ``array('Q')`` read them all.
    """
    raw = packed.to_bytes(size * FIELD_BYTES, "little")
    low = bytearray(size * 8)
    for byte in range(8):
        low[byte::8] = raw[byte::FIELD_BYTES]
    masses = array("Q")
    masses.frombytes(bytes(low))
    if sys.byteorder != "little":  # pragma: no cover - wasm and x86 are little-endian
        masses.byteswap()
    xs = list(range(base + off * h, base + (off + size) * h, h))
    return Measure(xs, masses.tolist(), ONE_P)


# --------------------------------------------------------------------------- entry point


def distribution(base: int, deals: list[Deal], target: int, points: int | None = None,
                 exact: bool = True) -> Outcome:
    """The won-amount distribution for ``base + deals`` and the drivers for ``target``.

    ``deals`` are the uncertain ones (0 < p < 1, amount > 0); the result does
    not depend on their order. Drivers are the ``CANDIDATES`` largest deals by
    amount (all deals when there are no more), each with ``P(W >= target)`` if
    it is won and if it is lost.
    """
    ordered = sorted(deals, key=lambda d: (d.amount, d.p, d.key))
    split = max(0, len(ordered) - CANDIDATES)
    cands = ordered[split:]
    if not ordered:
        m = Measure([base], [1], 1)
        return Outcome("exact", m)
    res = _exact(ordered, split) if exact else None
    if res is not None:
        prefixes, scale = res
        n = len(ordered)
        measure = _measure_of(prefixes[-1], scale**n, base)
        outcome = Outcome("exact", measure)
        tails = _sparse_tail(cands, scale)
        for i, d in enumerate(cands):
            pre = _measure_of(prefixes[i], scale ** (split + i))
            rest = tails[i + 1]
            denom = scale ** (len(cands) - i - 1)
            won = lost = 0
            for s, m in rest.items():
                won += m * pre.at_least_num(target - base - d.amount - s)
                lost += m * pre.at_least_num(target - base - s)
            whole = denom * pre.denom
            outcome.drivers.append(Driver(d.key, d.amount, d.p, Fraction(won, whole), Fraction(lost, whole)))
        return outcome
    n = len(ordered)
    if points is None:
        points = min(GRID_MAX_POINTS, max(GRID_POINTS, GRID_WORK // n))
    prefixes_g, h, v = _grid(ordered, split, points)
    outcome = Outcome("grid", _unpack(*prefixes_g[-1], h, base), step=h, disc_var=v, quant=n * Fraction(1, ONE_Q))
    # drivers: the later candidates as a sparse grid distribution (masses over 2**(Q*len)),
    # combined with the prefix before each candidate
    tails: list[dict[int, int]] = [{0: 1}]
    for d in reversed(cands):
        k, c0, c1, c2 = _leaf(d, h)
        new = {s: m * c0 for s, m in tails[-1].items()}
        for s, m in tails[-1].items():
            new[s + k] = new.get(s + k, 0) + m * c1
            if c2:
                new[s + k + 1] = new.get(s + k + 1, 0) + m * c2
        tails.append(new)
    tails.reverse()
    for i, d in enumerate(cands):
        pre = _unpack(*prefixes_g[i], h)
        rest = tails[i + 1]
        won = lost = 0
        for s, m in rest.items():
            won += m * pre.at_least_num(target - base - d.amount - s * h)
            lost += m * pre.at_least_num(target - base - s * h)
        whole = ONE_P * ONE_Q ** (len(cands) - i - 1)
        outcome.drivers.append(Driver(d.key, d.amount, d.p, Fraction(won, whole), Fraction(lost, whole)))
    return outcome
