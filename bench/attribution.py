"""Replay time of `commission-split` for long event logs: 1,000 and 10,000 events.

Builds a deterministic log (a customer who keeps coming back: visits by
several agents, registrations, answered and unanswered follow-ups, names and
recognitions, one deal at the end), then times ``calculators.run`` on it (the
whole call: parsing the payload, checking the policy, replaying) and the
replay alone. Prints the median of several runs per size and the growth
ratio 10,000 / 1,000 (about 10 means linear). Usage:
python bench/attribution.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import calculators
from calculators.attribution.engine import Replay
from calculators.attribution.policy import check, typed
from calculators.base import REGISTRY
from playbook.policy import load_policy

AGENTS = ("A", "B", "C", "D", "E")


def event_log(n: int, seed: int = 4) -> list[dict]:
    """``n`` events in time order, ending with a deal."""
    rng = random.Random(seed)
    t = datetime(2024, 1, 1, 9, 0)
    events: list[dict] = []
    while len(events) < n - 1:
        t += timedelta(hours=rng.choice((2, 5, 24, 48, 72)))
        agent = rng.choice(AGENTS)
        roll = rng.random()
        if roll < 0.45:
            e = {"type": "visit", "at": t.isoformat(), "received_by": agent}
            if rng.random() < 0.2:
                e["named"] = rng.choice(AGENTS)
                e["owner_state"] = rng.choice(("present", "busy", "off_duty"))
            events.append(e)
            if rng.random() < 0.5 and len(events) < n - 1:
                events.append({"type": "register", "at": (t + timedelta(minutes=20)).isoformat(), "agent": agent,
                               "real_name_and_phone": rng.random() < 0.9})
        else:
            events.append({"type": "follow_up", "at": t.isoformat(), "agent": agent, "answered": rng.random() < 0.8})
    t += timedelta(days=1)
    events.append({"type": "visit", "at": t.isoformat(), "received_by": "A"})
    events = events[: n - 1]
    events.append({"type": "deal", "at": (t + timedelta(hours=1)).isoformat(), "closed_by": "A", "units": 1})
    return events


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    policy = load_policy()
    section = typed(check(policy["attribution"]))
    calc = REGISTRY["commission-split"]
    rows: dict[int, tuple[float, float]] = {}
    for n in (1_000, 10_000):
        payload = {"commission": "12345.67", "events": event_log(n)}
        out = calculators.run("commission-split", payload, policy)
        assert out["ok"], out["errors"][:3]
        assert len(payload["events"]) == n
        parsed = calc.parse(payload)
        whole = timed(lambda: calculators.run("commission-split", payload, policy), args.repeat)
        replay = timed(lambda: Replay(section, parsed["commission"], None, "zh").run(parsed["events"]), args.repeat)
        rows[n] = (whole, replay)
    print(f"{'events':>8}  {'run() ms':>10}  {'µs/event':>9}  {'replay ms':>10}  {'µs/event':>9}")
    for n, (whole, replay) in rows.items():
        print(f"{n:>8,}  {whole * 1e3:>10.2f}  {whole / n * 1e6:>9.2f}  {replay * 1e3:>10.2f}  {replay / n * 1e6:>9.2f}")
    g_whole = rows[10_000][0] / rows[1_000][0]
    g_replay = rows[10_000][1] / rows[1_000][1]
    print(f"{'growth 10,000 / 1,000':>22}  {g_whole:>7.2f}x  {'':>9}  {g_replay:>9.2f}x")
    print(f"Python {sys.version.split()[0]}, median of {args.repeat} runs")


if __name__ == "__main__":
    main()
