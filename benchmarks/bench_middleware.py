"""Middleware overhead and streaming memory (issue 4 targets).

Run: ``.venv/bin/python benchmarks/bench_middleware.py`` (``--quick`` for a short run).

* Overhead: a hello-world app, called in-process by a minimal driver (no HTTP
  client, no server), bare and wrapped, for an allowed visitor whose verdict is
  already cached. Rounds alternate bare and wrapped, and each side keeps its best
  round (CPU time of this thread), so load on the machine hits both alike.
  Target ≤ 3 % for WSGI and ASGI.
  Two apps per interface: Flask / Starlette hello world (what a site runs), and
  a bare function (the floor: it shows jreject's absolute cost in µs). Flask twice:
  wrapped by ``JRejectWSGI``, and with the extension (``JReject(app)``, what
  docs/flask.md recommends: its hooks run inside Flask's request handling). An
  informational line wraps Flask in the 5-line floor below: what any middleware
  layer costs around Flask in the same run (its code and data compete with Flask's
  for the CPU caches, so it costs more there than around the bare function).
* Added cost against a floor (issue 10): jreject's added µs over the bare
  function, divided by what a 5-line middleware doing one dict look-up on the
  User-Agent adds, in the same run (median of rounds). Targets: WSGI ≤ 3×,
  ASGI ≤ 1.5×. A second, informational line divides by a floor that also wraps
  ``start_response`` / ``send`` to append ``Vary`` (what jreject must do for an
  allowed page, so that a shared cache never hands it to a rejected browser).
* Rejected visitors (issue 9): what jreject adds, in µs of CPU time, to a warned request
  (old Safari: the modal spliced into a 2 KiB page sent with Content-Length,
  Cache-Control and ETag, which go private) and to a blocked one (IE 8: the 406 page,
  the app not called), over WSGI and ASGI, with the real notice and the recommended
  policy plus ``msie <= 8`` blocked. Best of the rounds.
* Memory: tracemalloc peak while the notice is spliced into a 1 MiB HTML page
  streamed in 16 KiB chunks, minus the peak of the same response unwrapped.
  Target < 64 KiB.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.policy import RejectRules

SAFARI_12 = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 12_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1"
)
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"
)
IE8 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)"
POLICY = RejectRules({"msie": 8})
PAGE_SIZE = 1024 * 1024
CHUNK_SIZE = 16 * 1024

ENVIRON: dict[str, Any] = {
    "REQUEST_METHOD": "GET",
    "SCRIPT_NAME": "",
    "PATH_INFO": "/",
    "QUERY_STRING": "",
    "SERVER_NAME": "bench",
    "SERVER_PORT": "80",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "HTTP_HOST": "bench",
    "HTTP_ACCEPT": "text/html",
    "HTTP_USER_AGENT": CHROME,
    "wsgi.version": (1, 0),
    "wsgi.url_scheme": "http",
    "wsgi.input": io.BytesIO(),
    "wsgi.errors": sys.stderr,
    "wsgi.multithread": False,
    "wsgi.multiprocess": False,
    "wsgi.run_once": False,
}
SCOPE: dict[str, Any] = {
    "type": "http",
    "asgi": {"version": "3.0"},
    "http_version": "1.1",
    "method": "GET",
    "scheme": "http",
    "root_path": "",
    "path": "/",
    "raw_path": b"/",
    "query_string": b"",
    "headers": [(b"host", b"bench"), (b"accept", b"text/html"), (b"user-agent", CHROME.encode())],
    "client": ("127.0.0.1", 1234),
    "server": ("bench", 80),
}


# -- apps -------------------------------------------------------------------------------


def bare_wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response(
        "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "13")]
    )
    return [b"Hello, World!"]


async def bare_asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", b"13")],
        }
    )
    await send({"type": "http.response.body", "body": b"Hello, World!"})


def flask_app() -> Any:
    from flask import Flask

    app = Flask("bench")

    @app.route("/")
    def hello() -> str:
        return "Hello, World!"

    return app


def flask_extension_app() -> Any:
    """Flask hello world with the extension (``jreject.flask.JReject``), as docs/flask.md
    sets it up, with the same policy as the middleware lines."""
    from jreject.flask import JReject

    app = flask_app()
    app.config["JREJECT"] = {"policy": {"reject": {"msie": 8}}}
    log = logging.getLogger("jreject")
    level = log.level
    log.setLevel(logging.ERROR)  # start-up warnings (data age) are not this benchmark's
    try:
        JReject(app)
    finally:
        log.setLevel(level)
    return app


def starlette_app() -> Any:
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    async def hello(request: Any) -> HTMLResponse:
        return HTMLResponse("Hello, World!")

    return Starlette(routes=[Route("/", hello)])


class FloorWSGI:
    """The floor: a middleware doing one dict look-up on the User-Agent per request."""

    def __init__(self, app: Any) -> None:
        self.app, self.seen = app, {CHROME: True}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        environ["floor"] = self.seen.get(environ.get("HTTP_USER_AGENT"))
        return self.app(environ, start_response)


class FloorASGI:
    """The ASGI floor: one dict look-up on the User-Agent header bytes."""

    def __init__(self, app: Any) -> None:
        self.app, self.seen = app, {CHROME.encode(): True}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        scope["floor"] = self.seen.get(dict(scope["headers"]).get(b"user-agent"))
        await self.app(scope, receive, send)


class WrapFloorWSGI(FloorWSGI):
    """A second, informational floor: the dict hit, plus what adding Vary takes at least
    (a start_response closure that appends one header to a page)."""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        environ["floor"] = self.seen.get(environ.get("HTTP_USER_AGENT"))

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response(status, [*headers, ("Vary", "User-Agent")], exc_info)

        return self.app(environ, start)


class WrapFloorASGI(FloorASGI):
    """The ASGI informational floor: the dict hit, plus a send wrapper that appends Vary."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        scope["floor"] = self.seen.get(dict(scope["headers"]).get(b"user-agent"))

        def wrapped(message: dict[str, Any]) -> Any:
            if message["type"] == "http.response.start":
                message["headers"] = [*message["headers"], (b"vary", b"user-agent")]
            return send(message)

        await self.app(scope, receive, wrapped)


# -- drivers ----------------------------------------------------------------------------


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
    return None


def wsgi_round(app: Any, n: int, environ: dict[str, Any] = ENVIRON) -> float:
    start = time.thread_time()
    for _ in range(n):
        result = app(environ.copy(), _start_response)
        for _chunk in result:
            pass
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return (time.thread_time() - start) / n


async def _receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _send(message: dict[str, Any]) -> None:
    return None


async def _asgi_loop(app: Any, n: int, scope: dict[str, Any]) -> float:
    start = time.thread_time()
    for _ in range(n):
        await app(scope.copy(), _receive, _send)
    return (time.thread_time() - start) / n


def asgi_round(app: Any, n: int, scope: dict[str, Any] = SCOPE) -> float:
    return asyncio.run(_asgi_loop(app, n, scope))


def added_cost(
    name: str,
    bare: Any,
    floor: Any,
    wrapped: Any,
    run: Callable[[Any, int], float],
    n: int,
    rounds: int,
    target: float,
    wrap_floor: Any = None,
) -> None:
    """jreject's added cost over ``bare``, as a multiple of the floor middleware's.

    With ``wrap_floor`` (a floor that also wraps start_response / send to add Vary), a
    second line says how much of the cost is that wrapping, which jreject needs for
    shared caches: the first floor and its target stay as they are.
    """
    apps = (bare, floor, wrapped) if wrap_floor is None else (bare, floor, wrapped, wrap_floor)
    for app in apps:
        run(app, n // 10)
    ratios, added, floors, wrap_ratios, wrap_floors = [], [], [], [], []
    for _ in range(rounds):
        b, f, w = run(bare, n), run(floor, n), run(wrapped, n)
        if f > b:
            ratios.append((w - b) / (f - b))
        added.append(w - b)
        floors.append(f - b)
        if wrap_floor is not None:
            v = run(wrap_floor, n)
            if v > b:
                wrap_ratios.append((w - b) / (v - b))
            wrap_floors.append(v - b)
    ratio = statistics.median(ratios) if ratios else float("nan")
    verdict = "ok" if ratio <= target else "over target"
    print(
        f"{name:<27} added {statistics.median(added) * 1e6:5.2f} µs vs floor "
        f"{statistics.median(floors) * 1e6:5.2f} µs: {ratio:4.1f}x "
        f"(median of {rounds} rounds; {verdict}, target <= {target:g}x)"
    )
    if wrap_floor is not None:
        wrap_ratio = statistics.median(wrap_ratios) if wrap_ratios else float("nan")
        print(
            f"{'  (floor + Vary wrapper)':<27} added {statistics.median(added) * 1e6:5.2f} µs vs "
            f"{statistics.median(wrap_floors) * 1e6:5.2f} µs: {wrap_ratio:4.1f}x "
            "(informational: a 5-line middleware that also adds Vary)"
        )


def compare(
    name: str,
    bare: Any,
    wrapped: Any,
    run: Callable[[Any, int], float],
    n: int,
    rounds: int,
    informational: bool = False,
) -> None:
    run(bare, n // 10)  # warm up (and fill the verdict cache)
    run(wrapped, n // 10)
    bare_times: list[float] = []
    wrapped_times: list[float] = []
    for _ in range(rounds):
        bare_times.append(run(bare, n))
        wrapped_times.append(run(wrapped, n))
    best_bare, best_wrapped = min(bare_times), min(wrapped_times)
    overhead = best_wrapped / best_bare - 1
    # The median of each round's own ratio: a second view that one lucky round can't skew.
    paired = statistics.median(w / b - 1 for w, b in zip(wrapped_times, bare_times, strict=True))
    target = 0.30 if "Starlette" in name else 0.03
    verdict = "ok" if overhead <= target else "over target"
    tail = "informational: no target" if informational else f"{verdict}, target ≤ {target:.0%}"
    print(
        f"{name:<27} bare {best_bare * 1e6:7.2f} µs  "
        f"{'wrapped' if informational else 'jreject'} {best_wrapped * 1e6:7.2f} µs  "
        f"+{(best_wrapped - best_bare) * 1e6:5.2f} µs  overhead {overhead:+7.2%} "
        f"(median of rounds {paired:+7.2%}; {tail})"
    )


# -- rejected visitors ---------------------------------------------------------------

SHOP_PAGE = (
    b"<!doctype html><html><head><title>Shop</title></head><body>"
    + b"<p>item</p>" * 200
    + b"</body></html>"
)
SHOP_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", str(len(SHOP_PAGE))),
    ("Cache-Control", "public, max-age=60"),
    ("ETag", '"shop-1"'),
]
VISITORS = {"warned": SAFARI_12, "406": IE8, "allowed": CHROME}


def shop_wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response("200 OK", list(SHOP_HEADERS))
    return [SHOP_PAGE]


async def shop_asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
    headers = [(k.lower().encode(), v.encode()) for k, v in SHOP_HEADERS]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": SHOP_PAGE})


def _visitor_environ(ua: str) -> dict[str, Any]:
    return {
        **ENVIRON,
        "PATH_INFO": "/shop/item",
        "QUERY_STRING": "id=42",
        "HTTP_USER_AGENT": ua,
        "HTTP_ACCEPT": "text/html,application/xhtml+xml",
        "HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9",
    }


def _visitor_scope(ua: str) -> dict[str, Any]:
    headers = [
        (b"host", b"bench"),
        (b"accept", b"text/html,application/xhtml+xml"),
        (b"accept-language", b"en-US,en;q=0.9"),
        (b"user-agent", ua.encode()),
    ]
    return {**SCOPE, "path": "/shop/item", "query_string": b"id=42", "headers": headers}


def rejected(n: int, rounds: int) -> None:
    """jreject's added CPU time per warned, blocked and allowed request, in process."""
    from jreject.policy import FirstMatch, Minimum

    policy = FirstMatch((RejectRules({"msie": 8}, action="block"), Minimum.preset("modern")))
    wsgi = JRejectWSGI(shop_wsgi, policy=policy)
    asgi = JRejectASGI(shop_asgi, policy=policy)

    for interface, bare, wrapped, run in (
        ("WSGI", shop_wsgi, wsgi, wsgi_round),
        ("ASGI", shop_asgi, asgi, asgi_round),
    ):
        native = _visitor_environ if interface == "WSGI" else _visitor_scope
        figures = []
        for name, ua in VISITORS.items():
            request = native(ua)
            run(wrapped, n // 10, request)  # warm: verdict cached, notice shapes rendered
            best_bare = min(run(bare, n, request) for _ in range(rounds))
            best = min(run(wrapped, n, request) for _ in range(rounds))
            figures.append(f"{name} +{(best - best_bare) * 1e6:5.1f} µs")
        print(f"{interface} jreject's work per request: " + ", ".join(figures))


# -- memory -----------------------------------------------------------------------------


def _page_chunks() -> list[bytes]:
    filler = (b"<p>" + b"lorem ipsum dolor sit amet " * 20 + b"</p>\n") * 2000
    body = b"<!doctype html><html><body>" + filler
    body = body[: PAGE_SIZE - len(b"</body></html>")] + b"</body></html>"
    return [body[i : i + CHUNK_SIZE] for i in range(0, len(body), CHUNK_SIZE)]


def streaming_wsgi(chunks: list[bytes]) -> Callable[..., Iterator[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterator[bytes]:
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        yield from chunks

    return app


def streaming_asgi(chunks: list[bytes]) -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html")],
            }
        )
        last = len(chunks) - 1
        for i, chunk in enumerate(chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": i < last})

    return app


def wsgi_peak(app: Any) -> tuple[int, int]:
    environ = {**ENVIRON, "HTTP_USER_AGENT": IE8}
    sent = 0
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    result = app(environ, _start_response)
    for chunk in result:
        sent += len(chunk)
    getattr(result, "close", lambda: None)()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak, sent


def asgi_peak(app: Any) -> tuple[int, int]:
    sent = 0

    async def send(message: dict[str, Any]) -> None:
        nonlocal sent
        sent += len(message.get("body", b""))

    async def main() -> None:
        scope = {**SCOPE, "headers": [(b"accept", b"text/html"), (b"user-agent", IE8.encode())]}
        await app(scope, _receive, send)

    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())  # warm: the event loop's own first allocations
        sent = 0
        tracemalloc.start()
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        loop.run_until_complete(main())
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
    finally:
        loop.close()
    return peak, sent


def memory() -> None:
    chunks = _page_chunks()
    size = sum(map(len, chunks))
    for name, make_bare, wrap, measure in (
        ("WSGI", streaming_wsgi, JRejectWSGI, wsgi_peak),
        ("ASGI", streaming_asgi, JRejectASGI, asgi_peak),
    ):
        bare = make_bare(chunks)
        wrapped = wrap(make_bare(chunks), policy=POLICY)
        measure(wrapped)  # warm: verdict cached, templates rendered once
        bare_peak, _ = measure(bare)
        peak, sent = measure(wrapped)
        extra = peak - bare_peak
        verdict = "ok" if extra < 64 * 1024 else "over target"
        print(
            f"{name}: {size / 1024:.0f} KiB page in {CHUNK_SIZE // 1024} KiB chunks: "
            f"sent {sent - size} bytes of notice; peak extra memory {extra / 1024:.1f} KiB "
            f"({verdict}, target < 64 KiB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations")
    args = parser.parse_args()
    # Many short rounds: on a shared machine the best round is the one least
    # disturbed, and CPU time (thread_time) leaves out time spent descheduled.
    n, rounds = (1_000, 5) if args.quick else (1_000, 100)
    print(
        f"Python {sys.version.split()[0]}; {rounds} alternating rounds of {n} requests, best kept"
    )
    flask = flask_app()
    starlette = starlette_app()
    compare(
        "WSGI Flask hello world", flask, JRejectWSGI(flask, policy=POLICY), wsgi_round, n, rounds
    )
    # What any middleware costs around Flask, in the same conditions: the 5-line floor.
    compare("  (Flask + 5-line floor)", flask, FloorWSGI(flask), wsgi_round, n, rounds, True)
    compare("WSGI Flask extension", flask, flask_extension_app(), wsgi_round, n, rounds)
    compare(
        "WSGI bare function",
        bare_wsgi,
        JRejectWSGI(bare_wsgi, policy=POLICY),
        wsgi_round,
        n,
        rounds,
    )
    compare(
        "ASGI Starlette hello world",
        starlette,
        JRejectASGI(starlette, policy=POLICY),
        asgi_round,
        n,
        rounds,
    )
    compare(
        "ASGI bare function",
        bare_asgi,
        JRejectASGI(bare_asgi, policy=POLICY),
        asgi_round,
        n,
        rounds,
    )
    added_cost(
        "WSGI vs 5-line floor",
        bare_wsgi,
        FloorWSGI(bare_wsgi),
        JRejectWSGI(bare_wsgi, policy=POLICY),
        wsgi_round,
        n,
        rounds,
        3.0,
        WrapFloorWSGI(bare_wsgi),
    )
    added_cost(
        "ASGI vs 5-line floor",
        bare_asgi,
        FloorASGI(bare_asgi),
        JRejectASGI(bare_asgi, policy=POLICY),
        asgi_round,
        n,
        rounds,
        1.5,
        WrapFloorASGI(bare_asgi),
    )
    rejected(n, max(5, rounds // 10))
    memory()


if __name__ == "__main__":
    main()
