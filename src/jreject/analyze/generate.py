"""A test-log generator: realistic browser mix, bots, garbage lines, any size and format.

Browser versions follow the bundled release data (so the mix does not age): most
traffic on the newest versions, a long tail of old ones, a little Internet Explorer.
Bots come from the crawler-user-agents examples. Run it as a script::

    python -m jreject.analyze.generate --lines 1000000 --distinct 5000 -o access.log.gz

The output is reproducible for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import bz2
import datetime as dt
import gzip
import json
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["FORMATS", "LogSpec", "generate", "main", "user_agent_pool", "write_log"]

FORMATS: tuple[str, ...] = ("combined", "common", "json", "csv", "tsv", "w3c", "plain")

_PATHS = (
    "/",
    "/shop",
    "/shop/cart",
    "/shop/item/42",
    "/static/app.js",
    "/static/site.css",
    "/api/basket",
)
_REFERERS = ("-", "https://shop.example/", "https://search.example/?q=lamp")
_GARBAGE = (
    "\x00\x01\x02 binary noise",
    "GET / HTTP/1.1",
    "127.0.0.1 - - [broken",
    "-",
    "<html><body>not a log</body></html>",
    "%%%%%%%%%%%%%",
)


@dataclass(frozen=True, slots=True)
class LogSpec:
    """What to generate: ``lines`` lines over ``days`` days from ``distinct`` User-Agents.

    ``bots`` and ``garbage`` are shares of lines; ``visitors`` distinct (IP, UA) pairs
    (default: a tenth of the lines); ``extra_user_agents`` (a corpus) join the pool.
    """

    lines: int = 10_000
    distinct: int = 500
    log_format: str = "combined"
    days: int = 7
    bots: float = 0.05
    garbage: float = 0.001
    visitors: int | None = None
    seed: int = 0
    start: dt.date = dt.date(2026, 3, 2)
    extra_user_agents: tuple[str, ...] = ()


def _latest() -> dict[str, int]:
    from jreject.demo.visitors import latest_major

    return {agent: latest_major(agent) for agent in ("chrome", "firefox", "safari", "edge")}


def _family_makers(rng: random.Random) -> list[tuple[float, object]]:
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
    import crawleruseragents

    found = []
    for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA:
        found.extend(entry.get("instances", [])[:2])
    return found


def user_agent_pool(spec: LogSpec) -> tuple[list[str], list[float], list[str]]:
    """``distinct`` browser User-Agents with their weights, and the bot User-Agents."""
    rng = random.Random(spec.seed)
    makers = _family_makers(rng)
    shares = [share for share, _ in makers]
    pool: dict[str, float] = dict.fromkeys(spec.extra_user_agents, 1.0)
    attempts = 0
    while len(pool) < spec.distinct and attempts < spec.distinct * 50:
        attempts += 1
        share, make = rng.choices(makers, weights=shares)[0]
        ua = make()  # type: ignore[operator]
        pool[ua] = pool.get(ua, 0.0) + share
    uas = sorted(pool, key=lambda ua: -pool[ua])
    # Zipf-like popularity within the pool, so a few UAs carry most traffic.
    weights = [pool[ua] / (rank + 1) ** 0.8 for rank, ua in enumerate(uas)]
    bots = _bots()
    rng.shuffle(bots)
    return uas, weights, bots[: max(10, spec.distinct // 20)]


def generate(spec: LogSpec) -> Iterator[str]:
    """The lines of the log (without newlines), header lines included."""
    rng = random.Random(spec.seed + 1)
    uas, weights, bots = user_agent_pool(spec)
    n_visitors = spec.visitors or max(spec.lines // 10, 1)
    # Every UA of the pool has at least one visitor, so the log holds ``distinct`` UAs.
    visitor_uas = uas[:n_visitors] + rng.choices(
        uas, weights=weights, k=max(n_visitors - len(uas), 0)
    )
    visitor_ips = [
        f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        for _ in range(n_visitors)
    ]
    fmt = spec.log_format
    if fmt == "csv":
        yield "time,ip,method,path,status,user_agent"
    elif fmt == "tsv":
        yield "time\tip\tmethod\tpath\tstatus\tuser_agent"
    elif fmt == "w3c":
        yield "#Software: Microsoft Internet Information Services 10.0"
        yield "#Version: 1.0"
        yield f"#Date: {spec.start.isoformat()} 00:00:00"
        yield "#Fields: date time s-ip cs-method cs-uri-stem sc-status c-ip cs(User-Agent)"
    start = dt.datetime.combine(spec.start, dt.time(), tzinfo=dt.UTC)
    span = spec.days * 86_400
    seconds = sorted(rng.randrange(span) for _ in range(spec.lines))
    for second in seconds:
        roll = rng.random()
        if roll < spec.garbage:
            yield rng.choice(_GARBAGE)
            continue
        if roll < spec.garbage + spec.bots:
            ua = rng.choice(bots)
            ip = f"66.249.{rng.randint(64, 95)}.{rng.randint(1, 254)}"
        else:
            visitor = rng.randrange(n_visitors)
            ua, ip = visitor_uas[visitor], visitor_ips[visitor]
        when = start + dt.timedelta(seconds=second)
        yield _line(fmt, when, ip, rng.choice(_PATHS), ua, rng)


def _line(fmt: str, when: dt.datetime, ip: str, path: str, ua: str, rng: random.Random) -> str:
    status = 200 if rng.random() < 0.93 else 304
    if fmt in ("combined", "common"):
        stamp = when.strftime("%d/%b/%Y:%H:%M:%S +0000")
        line = f'{ip} - - [{stamp}] "GET {path} HTTP/1.1" {status} {rng.randint(200, 90000)}'
        if fmt == "common":
            return line
        ua = ua.replace("\\", "\\\\").replace('"', '\\"')
        return f'{line} "{rng.choice(_REFERERS)}" "{ua}"'
    if fmt == "json":
        return json.dumps(
            {
                "ts": when.timestamp(),
                "request": {
                    "remote_ip": ip,
                    "method": "GET",
                    "uri": path,
                    "headers": {"User-Agent": [ua]},
                },
                "status": status,
            }
        )
    if fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        quoted = '"' + ua.replace('"', '""') + '"' if fmt == "csv" else ua.replace("\t", " ")
        return sep.join([when.isoformat(), ip, "GET", path, str(status), quoted])
    if fmt == "w3c":
        return f"{when:%Y-%m-%d %H:%M:%S} 10.0.0.1 GET {path} {status} {ip} {ua.replace(' ', '+')}"
    return ua


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=3)
    if path.suffix == ".bz2":
        return bz2.open(path, "wt", encoding="utf-8")
    if path.suffix in (".zst", ".zstd"):
        import io

        import zstandard

        raw = zstandard.ZstdCompressor().stream_writer(path.open("wb"))
        return io.TextIOWrapper(raw, encoding="utf-8")
    return path.open("w", encoding="utf-8")


def write_log(path: str | Path, spec: LogSpec) -> int:
    """Write the log to ``path`` ('-': standard output), compressed by suffix; return lines."""
    count = 0
    out = sys.stdout if str(path) == "-" else _open(Path(path))
    try:
        buffer: list[str] = []
        for line in generate(spec):
            buffer.append(line)
            count += 1
            if len(buffer) >= 10_000:
                out.write("\n".join(buffer) + "\n")
                buffer = []
        if buffer:
            out.write("\n".join(buffer) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return count


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m jreject.analyze.generate --help``."""
    parser = argparse.ArgumentParser(
        prog="python -m jreject.analyze.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("-o", "--output", default="-", help="file (.gz/.bz2/.zst) or '-'")
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--distinct", type=int, default=500, help="browser UAs")
    parser.add_argument("--format", choices=FORMATS, default="combined")
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--bots", type=float, default=0.05, help="share of lines")
    parser.add_argument("--garbage", type=float, default=0.001, help="share of lines")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--corpus", action="append", default=[], help="extra UAs: a file, one per line (# skipped)"
    )
    args = parser.parse_args(argv)
    extra: list[str] = []
    for corpus in args.corpus:
        for text in Path(corpus).read_text("utf-8").splitlines():
            ua = text.split("\t")[0].strip()
            if ua and not ua.startswith("#"):
                extra.append(ua)
    spec = LogSpec(
        lines=args.lines,
        distinct=args.distinct,
        log_format=args.format,
        days=args.days,
        bots=args.bots,
        garbage=args.garbage,
        seed=args.seed,
        extra_user_agents=tuple(extra),
    )
    write_log(args.output, spec)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
