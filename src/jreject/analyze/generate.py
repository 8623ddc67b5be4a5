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

__all__ = ["FORMATS", "LogSpec", "generate", "main", "write_log"]

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


def generate(spec: LogSpec) -> Iterator[str]:
    """The lines of the log (without newlines), header lines included."""
    from jreject.analyze.agents import user_agent_pool

    rng = random.Random(spec.seed + 1)
    uas, weights, bots = user_agent_pool(spec.distinct, spec.seed, spec.extra_user_agents)
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
