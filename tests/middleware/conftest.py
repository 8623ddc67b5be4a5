"""One harness for every middleware test: the same app and requests over WSGI and ASGI.

The inner app answers with whatever a test asks for (status, headers, body
chunks); verdicts come from a fake source keyed by User-Agent, so these tests
check the middleware alone. ``tests/middleware/test_servers.py`` runs the real thing.
"""

from __future__ import annotations

import asyncio
import io
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, unquote_to_bytes
from wsgiref.validate import validator

import pytest

from jreject.detect.client import Client
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.policy.base import Action, Verdict, allow, reject

FRAGMENT = b'<div id="jreject">notice</div>'
BLOCK_PAGE = b"<!doctype html><title>Not supported</title><p>blocked</p>"

CLIENTS = {
    "modern": Client(browser="chrome", browser_name="Chrome", version=(140,)),
    "old": Client(browser="safari", browser_name="Safari", version=(15, 6)),
}


def verdict_for(user_agent: str | None) -> Verdict:
    """``modal``, ``banner``, ``block`` and ``log`` UAs are rejected with that action."""
    if user_agent in ("modal", "banner", "block", "log"):
        action: Action = user_agent  # type: ignore[assignment]
        return reject(CLIENTS["old"], action, "safari<17.2", "Safari 15.6 is too old")
    if user_agent == "boom":
        raise RuntimeError("detection exploded")
    return allow(CLIENTS["modern"])


class FakeVerdicts:
    """A VerdictSource keyed by the User-Agent header, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def from_environ(self, environ: Mapping[str, Any], /) -> Verdict:
        self.calls += 1
        return verdict_for(environ.get("HTTP_USER_AGENT"))

    def from_scope(self, scope: Mapping[str, Any], /) -> Verdict:
        self.calls += 1
        ua = next((v.decode() for k, v in scope["headers"] if k == b"user-agent"), None)
        return verdict_for(ua)


class FakeNotice:
    """Stands in for jreject.notice.Notice; records the requests it renders."""

    def __init__(self, *, fail: bool = False) -> None:
        self.fail = fail
        self.requests: list[Any] = []

    def fragment(self, request: Any, /) -> bytes:
        self.requests.append(request)
        if self.fail:
            raise RuntimeError("template exploded")
        return FRAGMENT

    def block_page(self, request: Any, /) -> bytes:
        self.requests.append(request)
        if self.fail:
            raise RuntimeError("template exploded")
        return BLOCK_PAGE

    def static(self, name: str, /) -> tuple[bytes, str] | None:
        if name == "jreject.0123abcd.css":
            return b"#jreject{color:red}", "text/css; charset=utf-8"
        return None


@dataclass
class Page:
    """What the inner app sends: built into a WSGI or an ASGI app by the harness."""

    status: int = 200
    headers: list[tuple[str, str]] = field(
        default_factory=lambda: [("Content-Type", "text/html; charset=utf-8")]
    )
    chunks: list[bytes] = field(default_factory=lambda: [b"<html><body>hi</body></html>"])
    content_length: bool = True
    fail_after: int | None = None  # raise after sending this many chunks
    #: Answer 304 (no body) to a request whose If-None-Match is this ETag.
    not_modified_for: str | None = None
    closed: list[bool] = field(default_factory=list)
    seen: dict[str, Any] = field(default_factory=dict)

    def all_headers(self) -> list[tuple[str, str]]:
        headers = list(self.headers)
        if self.content_length:
            headers.append(("Content-Length", str(sum(map(len, self.chunks)))))
        return headers

    def answer(self, if_none_match: str | None) -> tuple[int, list[tuple[str, str]], list[bytes]]:
        """Status, headers and chunks for a request with this If-None-Match."""
        if self.not_modified_for is not None and if_none_match == self.not_modified_for:
            kept = [(k, v) for k, v in self.headers if k.lower() != "content-type"]
            return 304, kept, []
        return self.status, self.all_headers(), self.chunks


@dataclass
class Result:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    chunks: list[bytes]

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return ", ".join(values) if values else None

    def header_list(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]


_REASONS = {200: "OK", 304: "Not Modified", 302: "Found", 404: "Not Found"}


def wsgi_app(page: Page) -> Callable[..., Any]:
    class Body:
        def __init__(self, start_response: Callable[..., Any]) -> None:
            self.start_response = start_response
            self.if_none_match: str | None = None

        def __iter__(self) -> Iterator[bytes]:
            status, headers, chunks = page.answer(self.if_none_match)
            self.start_response(f"{status} {_REASONS.get(status, 'X')}", headers)
            for i, chunk in enumerate(chunks):
                if page.fail_after is not None and i == page.fail_after:
                    raise RuntimeError("app failed mid-body")
                yield chunk

        def close(self) -> None:
            page.closed.append(True)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        page.seen["environ"] = environ
        body = Body(start_response)
        body.if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        return body

    return app


def asgi_app(page: Page) -> Callable[..., Any]:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        page.seen["scope"] = scope
        inm = next((v.decode() for k, v in scope["headers"] if k == b"if-none-match"), None)
        status, headers, chunks = page.answer(inm)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.lower().encode(), v.encode()) for k, v in headers],
            }
        )
        if scope["method"] == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        last = len(chunks) - 1
        for i, chunk in enumerate(chunks):
            if page.fail_after is not None and i == page.fail_after:
                raise RuntimeError("app failed mid-body")
            await send({"type": "http.response.body", "body": chunk, "more_body": i < last})
        if not chunks:
            await send({"type": "http.response.body", "body": b""})
        page.closed.append(True)

    return app


class Harness:
    """A middleware around a :class:`Page` app, driven in-process."""

    def __init__(self, kind: str, page: Page, **options: Any) -> None:
        self.kind = kind
        self.page = page
        options.setdefault("verdicts", FakeVerdicts())
        options.setdefault("notice", FakeNotice())
        self.notice = options["notice"]
        if kind == "wsgi":
            self.middleware: Any = JRejectWSGI(wsgi_app(page), **options)
        else:
            self.middleware = JRejectASGI(asgi_app(page), **options)

    @property
    def counters(self) -> Any:
        return self.middleware.counters

    def get(
        self,
        path: str = "/",
        *,
        ua: str | None = "modern",
        method: str = "GET",
        query: str = "",
        headers: Mapping[str, str] | None = None,
        root: str = "",
        https: bool = False,
        state: dict[str, Any] | None = None,
        sent: str | None = None,
    ) -> Result:
        """``sent``: the request target as a browser sends it (``/caf%C3%A9?q=1``),
        given to the app as a real server would, instead of ``path`` and ``query``."""
        self.sent = sent
        if sent is not None:
            path, _, query = sent.partition("?")
        request_headers = dict(headers or {})
        if ua is not None:
            request_headers["User-Agent"] = ua
        if self.kind == "wsgi":
            return self._wsgi(method, root, path, query, request_headers, https, state)
        return asyncio.run(self._asgi(method, root, path, query, request_headers, https, state))

    def _wsgi(self, method, root, path, query, headers, https, state) -> Result:
        if self.sent is not None:  # PEP 3333: the decoded bytes, as Latin-1
            path = unquote_to_bytes(path).decode("latin-1")
        environ: dict[str, Any] = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": root,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "443" if https else "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "https" if https else "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        environ.update(state or {})
        for name, value in headers.items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        self.environ = environ
        started: list[Any] = []

        def start_response(status: str, response_headers: list[tuple[str, str]], exc_info=None):
            started[:] = [status, response_headers]
            return lambda data: None

        app = validator(self.middleware)
        result = app(environ, start_response)
        chunks: list[bytes] = []
        try:
            chunks.extend(result)
        finally:
            result.close()
        status, response_headers = started
        return Result(int(status[:3]), list(response_headers), b"".join(chunks), chunks)

    async def _asgi(self, method, root, path, query, headers, https, state) -> Result:
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "https" if https else "http",
            "root_path": root,
            "path": root + (unquote(path) if self.sent is not None else path),
            "raw_path": (root + path).encode(),
            # As sent: a raw byte in a query reaches the app as that byte.
            "query_string": query.encode("latin-1" if self.sent is not None else "utf-8"),
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "client": ("127.0.0.1", 1234),
            "server": ("testserver", 443 if https else 80),
        }
        if state is not None:
            scope["state"] = dict(state)
        self.scope = scope
        messages: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            messages.append(message)

        await self.middleware(scope, receive, send)
        start = messages[0]
        assert start["type"] == "http.response.start"
        bodies = [m for m in messages[1:] if m["type"] == "http.response.body"]
        assert all(m.get("more_body") for m in bodies[:-1])
        assert not bodies[-1].get("more_body", False)
        chunks = [m.get("body", b"") for m in bodies]
        response_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in start["headers"]]
        return Result(start["status"], response_headers, b"".join(chunks), chunks)


@pytest.fixture(params=[pytest.param("wsgi", id="wsgi"), pytest.param("asgi", id="asgi")])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make(kind: str) -> Callable[..., Harness]:
    """Build a harness for this backend: ``make(Page(...), explain=True)``."""

    def factory(page: Page | None = None, **options: Any) -> Harness:
        return Harness(kind, page or Page(), **options)

    return factory
