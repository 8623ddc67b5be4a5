"""How fast a browserslist query compiles and how fast a compiled query decides.

    python benchmarks/bench_browserslist.py

Issue 6 targets: compile a query in 50 ms or less, decide per client in 1 µs or less.
"Compile" is resolving the query on loaded data plus building the matcher; the one-off
data load (first query in a process) is reported on its own line.
"""

from __future__ import annotations

import statistics
import time
import timeit

from jreject import data
from jreject.browserslist import Options, browserslist
from jreject.browserslist.match import Coverage
from jreject.detect.client import Client
from jreject.policy.base import allow
from jreject.policy.browserslist import Browserslist

QUERIES = (
    "defaults",
    "> 0.5%, last 2 versions, Firefox ESR, not dead",
    "cover 99.5%",
    ">= 5% in US",
    "last 2 major versions",
    "supports es6-module",
    "baseline widely available",
    "since 2021",
)
CLIENTS = (
    ("chrome", (131,)),
    ("safari", (17, 4)),
    ("ios_saf", (16, 6)),
    ("firefox", (115,)),
    ("edge", (120,)),
    ("samsung", (25,)),
    ("and_chr", (140,)),
    ("chrome", (300,)),
)


def cold_load_ms() -> float:
    data.reload()
    start = time.perf_counter()
    Coverage(browserslist("defaults"))
    return (time.perf_counter() - start) * 1000


def compile_ms(query: str, rounds: int = 20) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        Coverage(browserslist(query, Options(mobile_to_desktop=True)), mobile_to_desktop=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def decide_ns(coverage: Coverage, number: int = 200_000) -> float:
    """Best-of-5 time per ``covers()`` call, cycling through CLIENTS."""
    for agent, version in CLIENTS:
        coverage.covers(agent, version)  # a version outside the data is decided once
    total = 0.0
    for agent, version in CLIENTS:
        timer = timeit.Timer(
            "covers(agent, version)",
            globals={"covers": coverage.covers, "agent": agent, "version": version},
        )
        total += min(timer.repeat(5, number // len(CLIENTS))) / (number // len(CLIENTS))
    return total / len(CLIENTS) * 1e9


def dict_get_ns(number: int = 200_000) -> float:
    """A bare ``dict.get`` on a tuple key, for scale on this machine."""
    table = {("chrome", (131,)): True}
    timer = timeit.Timer("get(key)", globals={"get": table.get, "key": ("chrome", (131,))})
    return min(timer.repeat(5, number)) / number * 1e9


def policy_ns(policy: Browserslist, number: int = 100_000) -> float:
    clients = [Client(caniuse_agent=a, caniuse_version=v, version=v) for a, v in CLIENTS]
    for client in clients:
        policy(client)
    best = min(
        timeit.repeat(
            lambda: [policy(client) for client in clients],
            number=number // len(clients),
            repeat=5,
        )
    )
    return best / (number // len(clients)) / len(clients) * 1e9


def main() -> None:
    print(f"data: caniuse-lite {data.load().caniuse_lite}")
    print(f"first query in a process (loads the data): {cold_load_ms():.1f} ms")
    worst = 0.0
    for query in QUERIES:
        ms = compile_ms(query)
        worst = max(worst, ms)
        print(f"compile {query!r}: {ms:.2f} ms (median of 20)")
    print(f"slowest compile: {worst:.2f} ms (target <= 50 ms)")
    coverage = Coverage(
        browserslist("defaults", Options(mobile_to_desktop=True)), mobile_to_desktop=True
    )
    print(f"decision, Coverage.covers: {decide_ns(coverage):.0f} ns per client (target <= 1000 ns)")
    print(f"reference, one bare dict.get on this machine: {dict_get_ns():.0f} ns")
    policy = Browserslist("defaults")
    print(f"decision, Browserslist policy -> Verdict: {policy_ns(policy):.0f} ns per client")
    client = Client(caniuse_agent="chrome", caniuse_version=(131,), version=(131,))
    timer = timeit.Timer("allow(client)", globals={"allow": allow, "client": client})
    print(
        f"reference, building the Verdict alone (policy.base.allow): "
        f"{min(timer.repeat(5, 50_000)) / 50_000 * 1e9:.0f} ns"
    )


if __name__ == "__main__":
    main()
