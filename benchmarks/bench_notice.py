"""Time notice rendering (issue 4 target: ≤ 100 µs per modal/banner fragment).

Run: ``.venv/bin/python benchmarks/bench_notice.py`` (``--quick`` for a short run).

Templates are compiled when the :class:`~jreject.notice.Notice` is built; this measures
only the per-request work: filling texts, choosing browsers, escaping, encoding.
Construction time is printed too, since it is paid once at startup.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from jreject.detect.client import Client
from jreject.notice import Notice, NoticeRequest
from jreject.policy.base import Action, reject

TARGET_US = 100.0
CLIENT = Client(
    browser="safari",
    browser_name="Safari",
    version=(12, 1),
    version_string="12.1",
    engine="webkit",
    os="ios",
    os_name="iOS",
    os_version=(12, 5),
    device="mobile",
)


def request(action: Action, *, nonce: str | None = None, language: str | None = None):
    return NoticeRequest(
        verdict=reject(CLIENT, action, "safari<17.2", "Safari 12.1 is older than 17.2"),
        close_url="/_jreject/close?next=%2Fshop%2Fitem%3Fid%3D42",
        continue_url="/_jreject/continue?next=%2Fshop" if action == "block" else None,
        nonce=nonce,
        language=language,
    )


def per_call_us(call: Callable[[], bytes], number: int, repeat: int) -> tuple[float, int]:
    size = len(call())
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            call()
        runs.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(runs), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations")
    args = parser.parse_args()
    number, repeat = (500, 3) if args.quick else (5000, 7)

    start = time.perf_counter()
    inline = Notice()
    built_ms = (time.perf_counter() - start) * 1e3
    static = Notice(assets="static")
    cases = {
        "modal, inline assets": lambda: inline.fragment(request("modal")),
        "modal, inline + nonce": lambda: inline.fragment(request("modal", nonce="cmFuZG9t")),
        "modal, French": lambda: inline.fragment(request("modal", language="fr-FR")),
        "banner, inline assets": lambda: inline.fragment(request("banner")),
        "modal, static assets": lambda: static.fragment(request("modal")),
        "banner, static assets": lambda: static.fragment(request("banner")),
        "406 page, inline CSS": lambda: inline.block_page(request("block")),
    }
    print(f"Notice() construction: {built_ms:.1f} ms (once, at startup)")
    print(f"{'case':<26}{'µs/call':>10}{'bytes':>8}")
    worst = 0.0
    for name, call in cases.items():
        us, size = per_call_us(call, number, repeat)
        if "406" not in name:
            worst = max(worst, us)
        print(f"{name:<26}{us:>10.1f}{size:>8}")
    verdict = "meets" if worst <= TARGET_US else "MISSES"
    print(f"slowest fragment {worst:.1f} µs: {verdict} the ≤ {TARGET_US:.0f} µs target")
    return 0 if worst <= TARGET_US else 1


if __name__ == "__main__":
    raise SystemExit(main())
