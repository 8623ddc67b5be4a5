"""Load test: ``jreject serve`` answering nginx's ``auth_request`` questions on loopback.

    python benchmarks/bench_serve.py                     # 20,000 questions a run, 3 rounds
    python benchmarks/bench_serve.py --requests 2000 --rounds 1 --workers 1

Starts ``jreject serve`` (the real command: uvicorn, JSON logs, no access log) with a
three-tier config, and asks it about a mix of real visitors (current and old browsers
with their client hints, bots) over keep-alive connections, as nginx's upstream
keepalive pool does. Every answer is checked: ``403`` for a block, ``200`` otherwise,
and ``JReject-Action`` equal to the verdict the same config gives in this process.

Machine noise is large on a shared 2-core box, so each run is paired with a floor: a
bare ASGI app under the same uvicorn that answers ``204`` without reading anything.
The service's throughput as a share of that floor says what jreject itself costs.
Prints requests/s, p50 and p99 per worker count; exit status 1 on any error or wrong
answer. The load is bounded: ``--requests`` per run, ``--concurrency`` connections.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from load import RunResult, _free_port, _wait_ready, read_response, visitor_mix  # noqa: E402

CONFIG = """\
[[policy]]
reject = { msie = 10 }
action = "block"

[[policy]]
minimum = { preset = "modern" }
action = "modal"

[[policy]]
relative = { latest_minus = 2 }
action = "banner"
"""

# The floor: what uvicorn costs for an answer that decides nothing.
FLOOR_APP = """\
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})
"""


def questions(mix: Sequence[dict[str, str]], port: int) -> list[bytes]:
    """The subrequests nginx sends (docs/serve.md): the visitor's headers, the page's URI."""
    pages = ["/", "/boards.html", "/cart?item=3", "/about"]
    out = []
    for i, headers in enumerate(mix):
        lines = [
            "GET /_jreject/auth/nginx HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            f"X-Original-URI: {pages[i % len(pages)]}",
            "X-Original-Method: GET",
            "X-Forwarded-Proto: https",
            "Accept: text/html,application/xhtml+xml",
        ]
        lines.extend(f"{name}: {value}" for name, value in headers.items())
        out.append(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    return out


def expected(mix: Sequence[dict[str, str]], config: Path) -> list[str]:
    """The ``JReject-Action`` each question must get, from the config in this process."""
    from jreject.serve.app import VerdictService

    service = VerdictService(str(config))
    return [service.verdicts.from_headers(headers).action for headers in mix]


async def _load(
    port: int, payloads: list[bytes], actions: list[str] | None, concurrency: int
) -> RunResult:
    run = RunResult()
    queue = iter(range(len(payloads)))

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for index in queue:
                started = time.perf_counter()
                writer.write(payloads[index])
                try:
                    status, headers, _, _ = await read_response(reader)
                except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                    run.errors += 1
                    run.examples.append(f"question {index}: {type(error).__name__}: {error}")
                    return
                run.latencies.append(time.perf_counter() - started)
                run.requests += 1
                if actions is None:
                    continue
                want = actions[index]
                got = headers.get("jreject-action", "")
                if status != (403 if want == "block" else 200) or got != want:
                    run.wrong += 1
                    if len(run.examples) < 5:
                        run.examples.append(f"question {index}: want {want}, got {status} {got}")
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    run.seconds = time.perf_counter() - started
    return run


def _serve(
    command: list[str],
    port: int,
    payloads: list[bytes],
    actions: list[str] | None,
    concurrency: int,
) -> RunResult:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_ready(port, process)
        time.sleep(0.5 if "--workers" in command else 0.1)  # let every worker start
        # Warm-up: the verdict cache and the connections, as on a site that has been up a while.
        asyncio.run(_load(port, payloads[: min(2000, len(payloads))], None, concurrency))
        return asyncio.run(_load(port, payloads, actions, concurrency))
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def service_command(config: Path, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-c", "from jreject.cli import main; main()", "serve",
        "--config", str(config), "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip


def floor_command(folder: Path, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "uvicorn", "floor_app:app", "--app-dir", str(folder),
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log", "--lifespan", "off",
    ]  # fmt: skip


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000, help="questions per run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved runs")
    parser.add_argument("--concurrency", type=int, default=32, help="connections at once")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts")
    args = parser.parse_args(argv)
    if min(args.requests, args.rounds, args.concurrency, *args.workers) < 1:
        parser.error("--requests, --rounds, --concurrency and --workers must be positive")

    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        config = folder / "jreject.toml"
        config.write_text(CONFIG, "utf-8")
        (folder / "floor_app.py").write_text(FLOOR_APP, "utf-8")
        mix = visitor_mix(args.requests)
        actions = expected(mix, config)
        counts = {a: actions.count(a) for a in sorted(set(actions))}
        print(f"{args.requests:,} questions per run {counts}, {args.concurrency} connections, "
              f"{os.cpu_count()} CPUs")  # fmt: skip
        failed = False
        for workers in args.workers:
            runs: dict[str, list[RunResult]] = {"floor": [], "jreject serve": []}
            for _ in range(args.rounds):
                port = _free_port()
                payloads = questions(mix, port)
                runs["floor"].append(
                    _serve(
                        floor_command(folder, port, workers), port, payloads, None, args.concurrency
                    )
                )
                port = _free_port()
                payloads = questions(mix, port)
                runs["jreject serve"].append(
                    _serve(
                        service_command(config, port, workers),
                        port,
                        payloads,
                        actions,
                        args.concurrency,
                    )
                )
            print(f"\n{workers} worker{'s' if workers > 1 else ''}")
            for name, done in runs.items():
                latencies = [x for run in done for x in run.latencies]
                errors = sum(run.errors for run in done)
                wrong = sum(run.wrong for run in done)
                rate = statistics.median(run.throughput for run in done)
                print(
                    f"  {name:14} {rate:8.0f} req/s  p50 {_ms(_percentile(latencies, 0.5))}  "
                    f"p99 {_ms(_percentile(latencies, 0.99))}  errors {errors}  wrong {wrong}"
                )
                for run in done:
                    for example in run.examples[:5]:
                        print(f"    {example}")
                failed |= errors > 0 or wrong > 0
            floor = statistics.median(run.throughput for run in runs["floor"])
            service = statistics.median(run.throughput for run in runs["jreject serve"])
            print(
                f"  jreject serve: {service / floor:.0%} of the floor's throughput" if floor else ""
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
