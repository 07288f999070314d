"""Build caches: entries used by a build are touched, old ones are removed."""

import os
import time

from playbook import compress
from playbook.cachedir import prune
from playbook.snapshot import CACHE_KEEP, make_snapshot


def _age(path, days_ago):
    stamp = time.time() - days_ago * 86400
    os.utime(path, (stamp, stamp))
    return path


def _aged(path, days_ago):
    path.write_bytes(path.name.encode())
    return _age(path, days_ago)


def test_prune_keeps_the_most_recently_used(tmp_path):
    """Beyond the `keep` most recently used matching files the rest go; other files stay."""
    files = [_aged(tmp_path / f"{n}.bin", days_ago=n) for n in range(5)]
    other = _aged(tmp_path / "4.5.123.tmp", days_ago=9)
    removed = prune(tmp_path, "*.bin", keep=3)
    assert sorted(p.name for p in removed) == ["3.bin", "4.bin"]
    assert [p.exists() for p in files] == [True, True, True, False, False] and other.exists()


def test_prune_by_age(tmp_path):
    """Files unused for longer than `max_age_days` go; recent ones stay; a missing folder is no error."""
    old, recent = _aged(tmp_path / "a.gz", days_ago=40), _aged(tmp_path / "b.gz", days_ago=2)
    assert prune(tmp_path, "*.gz", max_age_days=30) == [old]
    assert recent.exists() and not old.exists()
    assert prune(tmp_path / "missing", "*.gz", max_age_days=30) == []


def test_a_cached_snapshot_is_marked_used_and_older_ones_go(tmp_path):
    """Taking a snapshot from the cache (no Node needed) touches it; only the CACHE_KEEP most recently used stay."""
    cached = _aged(tmp_path / "0123456789abcdef0123.bin", days_ago=10)
    others = [_aged(tmp_path / f"{n:020x}.bin", days_ago=n) for n in range(1, 5)]
    data = make_snapshot(tmp_path, "stdlib.zip", tmp_path / "lock.json", b"", [], "0123456789abcdef0123", cache=tmp_path)
    assert data == cached.read_bytes()
    assert time.time() - cached.stat().st_mtime < 60
    assert sorted(p.name for p in tmp_path.glob("*.bin")) == sorted([cached.name] + [p.name for p in others[:CACHE_KEEP - 1]])


def test_precompress_touches_what_it_uses_and_drops_stale_twins(tmp_path):
    """A build reuses cached packed bytes (touching them) and removes cache entries unused for CACHE_DAYS."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "page.html").write_text("<p>" + "销售手册 " * 500 + "</p>", encoding="utf-8")
    compress.precompress(site, cache)
    used = sorted(cache.iterdir())
    assert used and all(p.suffix in compress.PACKERS for p in used)
    for p in used:
        _age(p, days_ago=compress.CACHE_DAYS + 5)
    stale = _aged(cache / ("f" * 64 + ".gz"), days_ago=compress.CACHE_DAYS + 5)
    compress.precompress(site, cache)
    assert all(p.exists() and time.time() - p.stat().st_mtime < 60 for p in used)
    assert not stale.exists()
