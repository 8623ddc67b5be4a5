"""The User-Agent mix of generated logs: browsers by family and version, and bots.

Versions follow the bundled release data (so the mix does not age): most traffic on the
newest versions, a geometric tail of older ones, phones stuck on their last iOS, Chrome
109 on Windows 7, a little Internet Explorer. Bots are the crawler-user-agents examples.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

__all__ = ["user_agent_pool"]


def _latest() -> dict[str, int]:
    from jreject.demo.visitors import latest_major

    return {agent: latest_major(agent) for agent in ("chrome", "firefox", "safari", "edge")}


def _family_makers(rng: random.Random) -> list[tuple[float, Callable[[], str]]]:
    latest = _latest()
    chrome, firefox, safari, edge = (latest[k] for k in ("chrome", "firefox", "safari", "edge"))

    def recent(newest: int, tail: int) -> int:
        # Most visitors are on the newest versions; a geometric tail reaches back.
        age = min(int(rng.expovariate(0.3)), tail)
        return max(newest - age, 1)

    def build() -> str:
        return f"{rng.randint(1000, 7999)}.{rng.randint(0, 250)}"

    windows = (
        "Windows NT 10.0; Win64; x64",
        "Windows NT 6.1; Win64; x64",
        "Windows NT 10.0; WOW64",
    )
    android = ("10; K", "13; SM-S918B", "12; Pixel 6", "11; Redmi Note 9 Pro", "14; SM-A546B")

    def chrome_desktop() -> str:
        v = recent(chrome, 40)
        return (
            f"Mozilla/5.0 ({rng.choice(windows)}) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{v}.0.{build()} Safari/537.36"
        )

    def chrome_mac() -> str:
        return (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like "
            f"Gecko) Chrome/{recent(chrome, 30)}.0.{build()} Safari/537.36"
        )

    def chrome_android() -> str:
        return (
            f"Mozilla/5.0 (Linux; Android {rng.choice(android)}) AppleWebKit/537.36 (KHTML, "
            f"like Gecko) Chrome/{recent(chrome, 30)}.0.{build()} Mobile Safari/537.36"
        )

    def edge_desktop() -> str:
        v = recent(edge, 20)
        return (
            f"Mozilla/5.0 ({rng.choice(windows)}) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.{build()}"
        )

    def firefox_desktop() -> str:
        v = recent(firefox, 40)
        return f"Mozilla/5.0 ({rng.choice(windows)}; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"

    def safari_mac() -> str:
        v = recent(safari, 6)
        minor = rng.randint(0, 6)
        return (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, "
            f"like Gecko) Version/{v}.{minor} Safari/605.1.15"
        )

    def safari_ios() -> str:
        v = recent(safari, 8)
        minor = rng.randint(0, 6)
        device = rng.choice(("iPhone; CPU iPhone OS", "iPad; CPU OS"))
        return (
            f"Mozilla/5.0 ({device} {v}_{minor} like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
            f"like Gecko) Version/{v}.{minor} Mobile/15E148 Safari/604.1"
        )

    def samsung() -> str:
        s = rng.randint(20, 28)
        return (
            f"Mozilla/5.0 (Linux; Android {rng.choice(android)}) AppleWebKit/537.36 (KHTML, "
            f"like Gecko) SamsungBrowser/{s}.0 Chrome/{recent(chrome, 12)}.0.0.0 Mobile "
            "Safari/537.36"
        )

    def internet_explorer() -> str:
        v = rng.choice((6, 7, 8, 9, 10))
        nt = rng.choice(("5.1", "6.0", "6.1"))
        return f"Mozilla/4.0 (compatible; MSIE {v}.0; Windows NT {nt}; Trident/{max(v - 4, 4)}.0)"

    def stuck_iphone() -> str:
        # Phones that cannot update past their last iOS keep that Safari for years.
        v = rng.choice((12, 15, 16))
        minor = rng.randint(0, 7)
        return (
            f"Mozilla/5.0 (iPhone; CPU iPhone OS {v}_{minor} like Mac OS X) AppleWebKit/605.1.15 "
            f"(KHTML, like Gecko) Version/{v}.{minor} Mobile/15E148 Safari/604.1"
        )

    def chrome_windows7() -> str:
        # Chrome 109 is the last release for Windows 7 and 8.1.
        return (
            "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/109.0.{build()} Safari/537.36"
        )

    def ie11() -> str:
        nt = rng.choice(("6.1", "6.3", "10.0"))
        return f"Mozilla/5.0 (Windows NT {nt}; WOW64; Trident/7.0; rv:11.0) like Gecko"

    return [
        (0.34, chrome_desktop),
        (0.08, chrome_mac),
        (0.17, chrome_android),
        (0.06, edge_desktop),
        (0.07, firefox_desktop),
        (0.06, safari_mac),
        (0.17, safari_ios),
        (0.03, samsung),
        (0.03, stuck_iphone),
        (0.015, chrome_windows7),
        (0.012, ie11),
        (0.008, internet_explorer),
    ]


def _bots() -> list[str]:
    from jreject.detect.bots import load_crawler_user_agents

    found: list[str] = []
    for entry in load_crawler_user_agents():
        instances = entry.get("instances")
        if isinstance(instances, list):
            found.extend(str(ua) for ua in instances[:2])
    return found


def user_agent_pool(
    distinct: int, seed: int = 0, extra: Sequence[str] = ()
) -> tuple[list[str], list[float], list[str]]:
    """``distinct`` browser User-Agents, ``extra`` ones included, with their weights
    (most popular first), and the bot User-Agents to mix in."""
    rng = random.Random(seed)
    makers = _family_makers(rng)
    shares = [share for share, _ in makers]
    # A corpus joins the long tail: real and varied, but not the bulk of the traffic.
    pool: dict[str, float] = dict.fromkeys(extra, 0.005)
    attempts = 0
    while len(pool) < distinct and attempts < distinct * 50:
        attempts += 1
        share, make = rng.choices(makers, weights=shares)[0]
        ua = make()
        pool[ua] = pool.get(ua, 0.0) + share
    uas = sorted(pool, key=lambda ua: -pool[ua])
    # Zipf-like popularity within the pool, so a few UAs carry most traffic.
    weights = [pool[ua] / (rank + 1) ** 0.8 for rank, ua in enumerate(uas)]
    bots = _bots()
    rng.shuffle(bots)
    return uas, weights, bots[: max(10, distinct // 20)]
