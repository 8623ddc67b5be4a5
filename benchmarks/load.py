"""Load test: the demo shop behind uvicorn and gunicorn on loopback, with and without jreject.

    python benchmarks/load.py                   # 20,000 requests per run, 3 rounds each
    python benchmarks/load.py --requests 2000 --rounds 1 --servers uvicorn
    python benchmarks/load.py --allowed-only    # only visitors jreject lets through

Each run sends a mix of real visitors (current and old browsers with their client hints,
bots) over keep-alive connections and checks every answer against the verdict the same
policy gives in this process: a 406 page for ``block``, the notice for ``modal`` and
``banner``, the untouched page otherwise (the bare app's answers: each is the page). It
prints, per server: errors, wrong verdicts, p50/p99 latency, throughput with and without
jreject (median of the rounds, runs interleaved so machine drift hits both alike), the
server's CPU time per request (which a busy machine disturbs far less than throughput)
and its resident memory after warm-up and at the end. Exit status 1 on any error or wrong
verdict, or when the RSS grows by more than 8 MiB during a run (the warm-up has seen most
distinct visitors).
Target (issue 9): throughput with jreject ≥ 97 % of the bare app, RSS flat. A third app,
the bare one behind a few lines that only give every page the ``Vary`` jreject gives an
allowed visitor's, is run alike and printed for information: what varying pages by browser
costs on this server before anything is decided.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "tests" / "detect" / "corpus"
sys.path.insert(0, str(HERE))

NOTICE_MARK = b'id="jreject"'
TARGET_RATIO = 0.97
#: Resident memory may move by allocator noise; a leak per request grows far past this.
RSS_FLAT_KIB = 8 * 1024


def visitor_mix(count: int, seed: int = 9) -> list[dict[str, str]]:
    """``count`` requests' headers: mostly current browsers, some old ones, some bots."""
    from jreject.demo.visitors import sample_visitors

    browsers = [
        line.split("\t", 1)[0]
        for line in (CORPUS / "browsers.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    bots = [
        line
        for line in (CORPUS / "bots.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    visitors = [v.headers() for v in sample_visitors()]
    rng = random.Random(seed)
    mix: list[dict[str, str]] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.45:
            mix.append(dict(rng.choice(visitors)))
        elif roll < 0.85:
            mix.append({"user-agent": rng.choice(browsers)})
        else:
            mix.append({"user-agent": rng.choice(bots)})
    return mix


def expected_kinds(mix: Sequence[dict[str, str]]) -> list[str]:
    """What each request must be served: ``block``, ``notice`` or ``page``."""
    from jreject.demo.app import demo_verdicts

    verdicts = demo_verdicts()
    kinds = []
    for headers in mix:
        action = verdicts.from_headers(headers).action
        kinds.append(
            "block" if action == "block" else "notice" if action in ("modal", "banner") else "page"
        )
    return kinds


def encode_requests(mix: Sequence[dict[str, str]], port: int) -> list[bytes]:
    paths = ["/", "/how-it-works", "/product/field-notebook", "/"]
    out = []
    for i, headers in enumerate(mix):
        lines = [f"GET {paths[i % len(paths)]} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
        lines.append("Accept: text/html,application/xhtml+xml")
        lines.extend(f"{name}: {value}" for name, value in headers.items())
        out.append(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    return out


@dataclass
class RunResult:
    """One load run's counts and latencies (bench_serve.py uses it too)."""

    requests: int = 0
    errors: int = 0
    wrong: int = 0
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


async def read_response(
    reader: asyncio.StreamReader,
) -> tuple[int, dict[str, str], bytes, bool]:
    """One HTTP/1.1 response: status, headers (lower-case names), body, and whether it closes."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if status in (204, 304) or status < 200:
        body = b""  # no body, whatever the headers say (RFC 9112 §6.3)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            parts.append(await reader.readexactly(size + 2))
            if size == 0:
                break
        body = b"".join(p[:-2] for p in parts)
    else:
        body = await reader.read()
    close = headers.get("connection", "").lower() == "close"
    return status, headers, body, close


async def _load(
    port: int, payloads: list[bytes], kinds: list[str] | None, concurrency: int
) -> RunResult:
    result = RunResult()
    queue = iter(range(len(payloads)))

    async def worker() -> None:
        reader = writer = None
        for index in queue:
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                started = time.perf_counter()
                writer.write(payloads[index])
                status, _, body, close = await read_response(reader)  # type: ignore[arg-type]
                result.latencies.append(time.perf_counter() - started)
                if close:
                    writer.close()
                    reader = writer = None
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                result.errors += 1
                if len(result.examples) < 5:
                    result.examples.append(f"request {index}: {type(exc).__name__}: {exc}")
                if writer is not None:
                    writer.close()
                reader = writer = None
                continue
            result.requests += 1
            if status >= 500:
                result.errors += 1
            if kinds is not None:
                got = "block" if status == 406 else "notice" if NOTICE_MARK in body else "page"
                if status not in (200, 406) or got != kinds[index]:
                    result.wrong += 1
                    if len(result.examples) < 5:
                        result.examples.append(f"request {index}: want {kinds[index]}, got {got}")
        if writer is not None:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _command(server: str, app: str, port: int) -> list[str]:
    if server == "uvicorn":
        return [
            sys.executable, "-m", "uvicorn", "--factory", f"load_apps:asgi_{app}",
            "--app-dir", str(HERE), "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "warning", "--no-access-log", "--lifespan", "off",
            "--interface", "asgi3",
        ]  # fmt: skip
    return [
        sys.executable, "-m", "gunicorn", f"load_apps:wsgi_{app}", "--chdir", str(HERE),
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--worker-class", "gthread",
        "--threads", "4", "--log-level", "warning", "--keep-alive", "5",
    ]  # fmt: skip


def _wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the server did not listen on port {port} within {timeout:.0f} s")


def _family(pid: int) -> list[int]:
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    return pids


def _rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and its children (gunicorn's worker), in KiB."""
    total = 0
    for one in _family(pid):
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by ``pid`` and its children (gunicorn's worker)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for one in _family(pid):
        # Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
        fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / ticks


@dataclass
class Served:
    result: RunResult
    rss_start: int
    rss_end: int
    #: Server CPU seconds spent on the measured requests.
    cpu: float = 0.0

    @property
    def cpu_per_request(self) -> float:
        return self.cpu / self.result.requests if self.result.requests else 0.0


def serve_and_load(
    server: str, app: str, mix: list[dict[str, str]], kinds: list[str] | None, concurrency: int
) -> Served:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT / "src")])}
    process = subprocess.Popen(_command(server, app, port), env=env)
    try:
        _wait_ready(port, process)
        payloads = encode_requests(mix, port)
        warm = min(2000, len(payloads))
        asyncio.run(_load(port, payloads[:warm], None, concurrency))
        time.sleep(0.2)
        rss_start = _rss_kib(process.pid)
        cpu_start = _cpu_seconds(process.pid)
        result = asyncio.run(_load(port, payloads, kinds, concurrency))
        cpu = _cpu_seconds(process.pid) - cpu_start
        rss_end = _rss_kib(process.pid)
        return Served(result, rss_start, rss_end, cpu)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000, help="requests per run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved runs per app")
    parser.add_argument("--concurrency", type=int, default=16, help="connections at once")
    parser.add_argument("--servers", nargs="+", default=["uvicorn", "gunicorn"])
    parser.add_argument(
        "--allowed-only",
        action="store_true",
        help="only visitors jreject lets through: its cost on the common request, "
        "without the notices the bare app does not send",
    )
    args = parser.parse_args(argv)
    if args.requests < 1 or args.rounds < 1 or args.concurrency < 1:
        parser.error("--requests, --rounds and --concurrency must be positive")

    mix = visitor_mix(args.requests)
    kinds = expected_kinds(mix)
    if args.allowed_only:
        # Draw more until there are enough allowed visitors (about half the mix).
        pool = visitor_mix(args.requests * 3)
        mix = [h for h, k in zip(pool, expected_kinds(pool), strict=True) if k == "page"]
        mix = mix[: args.requests]
        kinds = ["page"] * len(mix)
    counts = {kind: kinds.count(kind) for kind in ("page", "notice", "block")}
    print(f"{args.requests:,} requests per run: {counts}, {args.concurrency} connections")
    failed = False
    for server in args.servers:
        runs: dict[str, list[Served]] = {"bare": [], "vary_floor": [], "with_jreject": []}
        for _ in range(args.rounds):
            for app in runs:
                # The bare app serves every visitor the page: checking that costs the
                # load generator (which shares the machine) the same work per answer
                # as checking jreject's, so neither run is favoured.
                expect = kinds if app == "with_jreject" else ["page"] * len(kinds)
                runs[app].append(serve_and_load(server, app, mix, expect, args.concurrency))
        print(f"\n{server}")
        for app, served in runs.items():
            errors = sum(s.result.errors for s in served)
            wrong = sum(s.result.wrong for s in served)
            latencies = sorted(x for s in served for x in s.result.latencies)
            p50 = latencies[len(latencies) // 2] if latencies else 0.0
            p99 = latencies[int(len(latencies) * 0.99)] if latencies else 0.0
            rate = statistics.median(s.result.throughput for s in served)
            rss = ", ".join(f"{s.rss_start / 1024:.1f}→{s.rss_end / 1024:.1f}" for s in served)
            print(
                f"  {app:13} {rate:8.0f} req/s  p50 {_ms(p50)}  p99 {_ms(p99)}  "
                f"errors {errors}  wrong verdicts {wrong}  RSS MiB {rss}"
            )
            for s in served:
                for example in s.result.examples:
                    print(f"    {example}")
            growth = max(s.rss_end - s.rss_start for s in served)
            flat = growth <= RSS_FLAT_KIB
            print(
                f"    RSS growth over a run: at most {growth / 1024:.1f} MiB "
                f"(flat: {'yes' if flat else 'NO'}, bound {RSS_FLAT_KIB // 1024} MiB)"
            )
            failed |= errors > 0 or wrong > 0 or not flat
        bare = statistics.median(s.result.throughput for s in runs["bare"])
        with_ = statistics.median(s.result.throughput for s in runs["with_jreject"])
        ratio = with_ / bare if bare else 0.0
        verdict = "met" if ratio >= TARGET_RATIO else "NOT MET"
        print(f"  throughput with jreject: {ratio:.1%} of the bare app (target ≥ 97 %: {verdict})")
        floor = statistics.median(s.result.throughput for s in runs["vary_floor"])
        if bare and floor:
            print(
                "  (informational: the bare app behind a few lines that only add jreject's Vary "
                f"to every page: {floor / bare:.1%} of it; jreject {with_ / floor:.1%} of that)"
            )
        # The same app, run again, moves too: a ratio nearer 100 % than this is not a
        # difference this machine can show.
        spread = [s.result.throughput for s in runs["bare"]]
        if len(spread) > 1 and bare:
            print(
                f"  the bare app's own runs: {min(spread):.0f}–{max(spread):.0f} req/s, a spread "
                f"of {(max(spread) - min(spread)) / bare:.1%} of its median"
            )
        # Wall-clock throughput moves with whatever else the machine runs; the server's
        # own CPU time per request much less so. Its inverse ratio is the throughput a
        # CPU-bound server keeps with jreject.
        cpu_bare = statistics.median(s.cpu_per_request for s in runs["bare"])
        cpu_with = statistics.median(s.cpu_per_request for s in runs["with_jreject"])
        cpu_ratio = cpu_bare / cpu_with if cpu_with else 0.0
        print(
            f"  server CPU per request: bare {cpu_bare * 1e6:.0f} µs, with jreject "
            f"{cpu_with * 1e6:.0f} µs: {cpu_ratio:.1%} of the bare app's throughput when "
            f"CPU-bound (target ≥ 97 %: {'met' if cpu_ratio >= TARGET_RATIO else 'NOT MET'})"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
