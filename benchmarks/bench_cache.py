"""Simulate a shared cache in front of a site: plain ``Vary``, ``vary_key`` and ``cache_friendly``.

    python benchmarks/bench_cache.py                         # 200,000 page views, 20 URLs
    python benchmarks/bench_cache.py --views 20000 --markdown

A real-looking User-Agent mix (``jreject.analyze.agents``: most traffic on current
versions, a long tail of old ones, phones stuck on old iOS, bots) visits URLs of Zipf
popularity over one hour; the cache keeps a page for ``--ttl`` seconds. Each visitor
gets Python's verdict under a three-tier policy, and the edge class from
``jreject export`` (run by Python ``re``, as the regex target).

- **plain Vary**: the cache key is the URL and the User-Agent (the client hints a
  Chromium browser sends follow from its UA, so they add no entries here). Pages with
  the notice are ``private``: never stored.
- **vary_key**: the edge sets ``JReject-Class``; the recipe caches class ``ok`` only
  and passes ``warn`` and ``block`` to the origin. A visitor Python rejects but the
  edge calls ``ok`` is served the cached page without the notice: counted as missed.
- **cache_friendly**: one page per URL for everyone; each view also fetches
  ``v.js``, which a shared cache keeps per User-Agent for allowed browsers (``public,
  max-age=3600``) and never for rejected ones. Its hit rate is given apart.

Prints a table (``--markdown`` for docs/caching.md). Bounded: ``--views`` page views.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from jreject.analyze.agents import user_agent_pool  # noqa: E402
from jreject.config import config_from_dict  # noqa: E402
from jreject.export import compile_policy  # noqa: E402
from jreject.export.agree import python_classes  # noqa: E402

POLICY = {
    "policy": [
        {
            "minimum": {"chrome": 100, "safari": "15.4", "firefox": 100, "ie": False},
            "action": "block",
        },
        {"relative": {"latest_minus": 2}, "action": "modal"},
    ]
}


@dataclass
class Cache:
    """A shared cache: key → expiry; counts hits, misses and distinct entries per URL."""

    ttl: float
    store: dict[tuple[object, ...], float] = field(default_factory=dict)
    hits: int = 0
    requests: int = 0
    entries: dict[str, set[object]] = field(default_factory=dict)

    def get(self, url: str, variant: object, now: float, storable: bool) -> bool:
        self.requests += 1
        key = (url, variant)
        if self.store.get(key, -1.0) > now:
            self.hits += 1
            return True
        if storable:
            self.store[key] = now + self.ttl
            self.entries.setdefault(url, set()).add(variant)
        return False

    @property
    def hit_rate(self) -> float:
        return self.hits / self.requests if self.requests else 0.0

    def entries_per_url(self, urls: Sequence[str]) -> tuple[float, int]:
        counts = [len(self.entries.get(u, ())) for u in urls]
        return sum(counts) / len(counts), max(counts)


def simulate(views: int, urls: int, ttl: float, distinct: int, seed: int) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    browsers, weights, bots = user_agent_pool(distinct, seed=seed)
    config = config_from_dict(POLICY)
    export = compile_policy(config)
    agents = [*browsers, *bots]
    agent_weights = [*weights, *([sum(weights) * 0.08 / max(len(bots), 1)] * len(bots))]
    python = python_classes(config, agents)
    edge = {ua: export.classify(ua) for ua in agents}
    pages = [f"/page/{i}" for i in range(urls)]
    page_weights = [1 / (i + 1) for i in range(urls)]
    plain, keyed, friendly, script = Cache(ttl), Cache(ttl), Cache(ttl), Cache(3600.0)
    missed = rejected = 0
    chosen = rng.choices(agents, agent_weights, k=views)
    visited = rng.choices(pages, page_weights, k=views)
    for i, (ua, url) in enumerate(zip(chosen, visited, strict=True)):
        now = 3600.0 * i / views
        mine, theirs = python[ua], edge[ua]
        rejected += mine != "ok"
        plain.get(url, ua, now, storable=mine == "ok")
        if theirs == "ok":
            if keyed.get(url, "ok", now, storable=mine == "ok") and mine != "ok":
                missed += 1
        else:
            keyed.get(url, theirs, now, storable=False)
        friendly.get(url, None, now, storable=True)
        script.get("/_jreject/v.js", ua, now, storable=mine == "ok")
    rows = []
    for name, cache in (("plain Vary", plain), ("vary_key", keyed), ("cache_friendly", friendly)):
        mean, top = cache.entries_per_url(pages)
        rows.append((name, f"{mean:.1f}", str(top), f"{cache.hit_rate:.1%}"))
    rows.append(
        (
            "(v.js, shared cache)",
            "",
            str(len(script.entries.get("/_jreject/v.js", ()))),
            f"{script.hit_rate:.1%}",
        )
    )
    print(
        f"{views:,} page views, {urls} URLs, {len(agents):,} distinct User-Agents, "
        f"TTL {ttl:.0f} s; "
        f"{rejected / views:.1%} of views rejected by the policy; vary_key served "
        f"{missed} views ({missed / views:.2%}) a cached page without their notice",
        file=sys.stderr,
    )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--views", type=int, default=200_000)
    parser.add_argument("--urls", type=int, default=20)
    parser.add_argument("--ttl", type=float, default=300.0)
    parser.add_argument("--distinct", type=int, default=3000, help="distinct browser UAs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    rows = simulate(args.views, args.urls, args.ttl, args.distinct, args.seed)
    head = ("mode", "cache entries per URL (mean)", "(busiest URL)", "hit rate")
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in (head, *rows):
            print(f"{row[0]:<22}{row[1]:>30}{row[2]:>16}{row[3]:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
