"""The demo shop with and without jreject, as factories for uvicorn and gunicorn.

``benchmarks/load.py`` serves each of these on loopback. Both serve the same pages: the
demo shows the request's verdict in a box when jreject left one for it, which would make
the app itself do more work behind jreject, so here the verdict is taken away before the
shop sees it. The difference between the two is then jreject's alone: detection, the
verdict, the headers, the notice or the 406 page. Explanation headers are off: production
sites do not send them.
"""

from __future__ import annotations

import io
from typing import Any

from jreject.data import load
from jreject.demo.app import CLOSE_COOKIE, demo_notice, demo_tiers, demo_verdicts
from jreject.demo.site import DemoSite
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.middleware.asgi import STATE_KEY
from jreject.middleware.wsgi import ENVIRON_KEY

OPTIONS: dict[str, Any] = {"cookie_name": CLOSE_COOKIE, "exclude": ["/_demo/"]}


def _site() -> tuple[DemoSite, Any]:
    verdicts = demo_verdicts()
    site = DemoSite(judge=verdicts.from_headers, tiers=demo_tiers(), close_cookie=CLOSE_COOKIE)
    return site, verdicts


def _asgi_shop(site: DemoSite) -> Any:
    async def shop(scope: Any, receive: Any, send: Any) -> None:
        (scope.get("state") or {}).pop(STATE_KEY, None)
        await site.asgi(scope, receive, send)

    return shop


def _wsgi_shop(site: DemoSite) -> Any:
    def shop(environ: dict[str, Any], start_response: Any) -> Any:
        environ.pop(ENVIRON_KEY, None)
        return site.wsgi(environ, start_response)

    return shop


def asgi_with_jreject() -> Any:
    site, verdicts = _site()
    return JRejectASGI(_asgi_shop(site), verdicts=verdicts, notice=demo_notice(), **OPTIONS)


def asgi_bare() -> Any:
    return _asgi_shop(_site()[0])


def _allowed_request() -> list[tuple[bytes, bytes]]:
    """A page load by the newest Chrome the bundled data knows, which jreject lets through."""
    chrome = load().agents["chrome"].released_versions[-1].version.split(".")[0]
    ua = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{chrome}.0.0.0 Safari/537.36"
    )
    return [(b"user-agent", ua.encode()), (b"accept", b"text/html")]


def _start_headers(app: Any) -> list[tuple[bytes, bytes]]:
    """The headers ``app`` starts its answer to :func:`_allowed_request` with."""
    scope = {
        "type": "http", "method": "GET", "path": "/", "root_path": "", "query_string": b"",
        "scheme": "http", "headers": _allowed_request(),
    }  # fmt: skip
    started: list[list[tuple[bytes, bytes]]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            started.append(list(message["headers"]))

    # uvicorn calls the factory inside its running loop: drive the call by hand (it
    # answers from memory and never waits).
    call = app(scope, receive, send)
    try:
        call.send(None)
    except StopIteration:
        return started[0]
    call.close()
    raise RuntimeError("the app waited while answering from memory")


def asgi_vary_floor() -> Any:
    """The bare shop behind a few lines that give every page the headers jreject gives an
    allowed visitor's (its Vary, Accept-CH), read off jreject's own answer: what any
    middleware that varies pages by browser costs here, before deciding anything."""
    bare, added = _start_headers(asgi_bare()), _start_headers(asgi_with_jreject())
    extra = [(name, value) for name, value in added if (name, value) not in bare]
    names = {name for name, _ in extra}
    shop = asgi_bare()

    async def floor(scope: Any, receive: Any, send: Any) -> None:
        async def send_with_vary(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                kept = [pair for pair in message["headers"] if pair[0] not in names]
                message = {**message, "headers": [*kept, *extra]}
            await send(message)

        await shop(scope, receive, send_with_vary)

    return floor


def _wsgi_with_jreject() -> Any:
    site, verdicts = _site()
    return JRejectWSGI(_wsgi_shop(site), verdicts=verdicts, notice=demo_notice(), **OPTIONS)


def _wsgi_vary_floor() -> Any:
    """:func:`asgi_vary_floor` for WSGI."""
    bare, added = (
        _wsgi_start_headers(_wsgi_shop(_site()[0])),
        _wsgi_start_headers(wsgi_with_jreject),
    )
    extra = [(name, value) for name, value in added if (name, value) not in bare]
    names = {name.lower() for name, _ in extra}
    shop = _wsgi_shop(_site()[0])

    def floor(environ: dict[str, Any], start_response: Any) -> Any:
        def start_with_vary(status: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            if status.startswith("200"):
                headers = [pair for pair in headers if pair[0].lower() not in names] + extra
            return start_response(status, headers, *exc)

        return shop(environ, start_with_vary)

    return floor


def _wsgi_start_headers(app: Any) -> list[tuple[str, str]]:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "SCRIPT_NAME": "", "QUERY_STRING": ""}
    environ |= {
        "wsgi.url_scheme": "http", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO(),
    }  # fmt: skip
    for name, value in _allowed_request():
        environ["HTTP_" + name.decode().upper().replace("-", "_")] = value.decode()
    started: list[list[tuple[str, str]]] = []
    body = app(environ, lambda status, headers, *exc: started.append(list(headers)))
    b"".join(body)
    return started[0]


# gunicorn takes a module attribute (``load_apps:wsgi_with_jreject``), not a factory.
wsgi_with_jreject = _wsgi_with_jreject()
wsgi_bare = _wsgi_shop(_site()[0])
wsgi_vary_floor = _wsgi_vary_floor()
