"""Fault injection over every adapter (issue 9, "Prove it").

jreject is broken on purpose where it can break while a site runs: detection, the
policy, rendering the notice or the 406 page, loading browser data. Each adapter (plain
WSGI and ASGI, Django through its WSGI and ASGI handlers, Flask, Starlette) must then
serve exactly what the app alone serves, byte for byte, never block, count every
failure and log it once per interval. The app's own failures (its body iterator raising)
and a client going away are not jreject's: they end as they would without jreject, with
the app's stream closed once and nothing counted.

Each adapter is driven as its server would drive it (a WSGI call, or an ASGI call with
``receive`` and ``send``), next to the same app without jreject.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from asyncrun import in_thread
from asyncrun import run as run_async
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from django_project import streams
from flask import Flask, Response
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, StreamingResponse
from starlette.routing import Route

from jreject.detect import fixup_rules
from jreject.detect.detector import Detector
from jreject.flask import JReject
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.middleware.respond import Engine
from jreject.notice import Notice
from jreject.policy.rules import RejectRules
from jreject.starlette import JRejectMiddleware

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"
)
PAGE = b"<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>"
NOTICE_MARK = b'id="jreject"'


def config(action):
    # Both visitors the faults use are rejected when nothing is broken.
    return {"policy": [{"reject": {"msie": 8, "firefox": 200}, "action": action}]}


# -- the apps, with and without jreject ----------------------------------------------------


def _encoded(parts):
    try:
        for part in parts:
            yield part.encode()
    finally:
        parts.close()


def wsgi_shop(environ, start_response):
    if environ["PATH_INFO"].startswith("/stream"):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return _encoded(streams._parts("boom" in environ.get("QUERY_STRING", "")))
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(PAGE)))]
    start_response("200 OK", headers)
    return [PAGE]


async def asgi_shop(scope, receive, send):
    if (await receive())["type"] == "http.disconnect":
        return
    if scope["path"].startswith("/stream"):
        headers = [(b"content-type", b"text/html; charset=utf-8")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        parts = streams._async_parts(b"boom" in scope["query_string"])
        try:
            async for part in parts:
                await send({"type": "http.response.body", "body": part.encode(), "more_body": True})
        finally:
            await parts.aclose()
        await send({"type": "http.response.body", "body": b""})
        return
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", b"%d" % len(PAGE)),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": PAGE})


def flask_shop(action, with_jreject):
    app = Flask(__name__)
    app.config["JREJECT"] = config(action)
    app.add_url_rule("/", "index", lambda: PAGE.decode())

    def stream():
        from flask import request

        parts = streams._parts("boom" in request.args)
        return Response(parts, mimetype="text/html")

    app.add_url_rule("/stream", "stream", stream)
    if with_jreject:
        JReject(app)
    return app


def starlette_shop(action, with_jreject):
    async def index(request):
        return HTMLResponse(PAGE.decode())

    async def stream(request):
        return StreamingResponse(
            streams._async_parts("boom" in request.query_params), media_type="text/html"
        )

    app = Starlette(routes=[Route("/", index), Route("/stream", stream)])
    if with_jreject:
        app.add_middleware(JRejectMiddleware, config=config(action))
    return app


def django_handler(handler_class, action, with_jreject):
    middleware = list(settings.MIDDLEWARE)
    if not with_jreject:
        middleware.remove("jreject.django.JRejectMiddleware")
    # Handlers load their middleware (and jreject its settings) when built.
    with override_settings(JREJECT=config(action), MIDDLEWARE=middleware):
        return handler_class()


@dataclass(frozen=True)
class Adapter:
    kind: str  # how a server calls it: "wsgi" or "asgi"
    build: Callable[[str, bool], Any]  # (action, with jreject) -> the app
    page: str
    stream: str


ADAPTERS = {
    "wsgi": Adapter(
        "wsgi",
        lambda action, on: JRejectWSGI(wsgi_shop, config=config(action)) if on else wsgi_shop,
        "/",
        "/stream",
    ),
    "asgi": Adapter(
        "asgi",
        lambda action, on: JRejectASGI(asgi_shop, config=config(action)) if on else asgi_shop,
        "/",
        "/stream",
    ),
    "flask": Adapter("wsgi", flask_shop, "/", "/stream"),
    "starlette": Adapter("asgi", starlette_shop, "/", "/stream"),
    "django-sync": Adapter(
        "wsgi",
        lambda action, on: django_handler(WSGIHandler, action, on),
        "/",
        "/tracked-stream/",
    ),
    "django-async": Adapter(
        "asgi",
        lambda action, on: django_handler(ASGIHandler, action, on),
        "/async/",
        "/async-tracked-stream/",
    ),
}


# -- calling them as a server would ------------------------------------------------------------


@dataclass
class Outcome:
    status: int | None = None
    headers: list[tuple[str, str]] | None = None
    body: bytes = b""
    error: BaseException | None = None
    #: ASGI messages sent after ``send`` raised (the client was gone).
    late: int = 0

    def same(self):
        """What must be equal with and without jreject."""
        error = (type(self.error), str(self.error)) if self.error else None
        return self.status, self.headers, self.body, error


def call_wsgi(app, path, ua, *, query="", close_after=None):
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_USER_AGENT": ua,
        "HTTP_ACCEPT": "text/html",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    outcome = Outcome()
    chunks = []

    def start_response(status, headers, exc_info=None):
        outcome.status, outcome.headers = int(status[:3]), list(headers)
        return chunks.append

    def serve():
        result = app(environ, start_response)
        try:
            for chunk in result:
                chunks.append(chunk)
                if close_after is not None and len(chunks) >= close_after:
                    break  # the client went away: the server stops and closes
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()

    try:
        # A worker thread: Django's sync handler runs async views with async_to_sync.
        in_thread(serve)
    except Exception as exc:
        outcome.error = exc
    outcome.body = b"".join(chunks)
    return outcome


def call_asgi(app, path, ua, *, query="", send_fails=False, disconnect=False):
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [
            (b"host", b"testserver"),
            (b"user-agent", ua.encode()),
            (b"accept", b"text/html"),
        ],
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
    }
    outcome = Outcome(headers=[])
    chunks = []
    requested = False
    gone = False

    async def receive():
        nonlocal requested
        if disconnect:
            return {"type": "http.disconnect"}
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client stays until the response ends
        return {"type": "http.disconnect"}  # pragma: no cover - cancelled before

    async def send(message):
        nonlocal gone
        if gone:
            outcome.late += 1
            raise OSError("the client went away")
        if message["type"] == "http.response.start":
            outcome.status = message["status"]
            outcome.headers = [(k.decode(), v.decode()) for k, v in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            if send_fails:
                gone = True
                raise OSError("the client went away")
            chunks.append(message.get("body", b""))

    try:
        run_async(app(scope, receive, send))
    except Exception as exc:
        outcome.error = exc
    outcome.body = b"".join(chunks)
    if outcome.status is None:
        outcome.headers = None
    return outcome


def call(adapter, app, path, ua, **options):
    return (call_wsgi if adapter.kind == "wsgi" else call_asgi)(app, path, ua, **options)


@pytest.fixture(params=sorted(ADAPTERS))
def adapter(request):
    return ADAPTERS[request.param]


@pytest.fixture
def jreject_failures(monkeypatch):
    """The ``errors`` counter after each failure jreject counted as its own."""
    seen: list[int] = []
    original = Engine.failed

    def spy(self, when):
        original(self, when)
        seen.append(self.counters.values["errors"])

    monkeypatch.setattr(Engine, "failed", spy)
    return seen


@pytest.fixture(autouse=True)
def _stream_events():
    streams.STREAM_EVENTS.clear()
    yield
    streams.STREAM_EVENTS.clear()
    streams.STREAM_ERRORS.clear()


@pytest.fixture(autouse=True)
def _close_django_body_files(monkeypatch):
    # Django's ASGIHandler (5.2) leaves the request body file open when the response
    # raises anything but AssertionError, with or without jreject; close it here so
    # the leak is not reported as this test's.
    opened = []
    read_body = ASGIHandler.read_body

    async def tracked(self, receive):
        opened.append(await read_body(self, receive))
        return opened[-1]

    monkeypatch.setattr(ASGIHandler, "read_body", tracked)
    yield
    for body_file in opened:
        body_file.close()


def jreject_errors(caplog):
    return [r for r in caplog.records if r.name == "jreject" and r.levelno >= logging.ERROR]


# -- faults inside jreject ------------------------------------------------------------------------


def _raise(*args, **kwargs):
    raise RuntimeError("injected fault")


def _data_fails(monkeypatch):
    # Browser data read on a request (Firefox ESR majors) after a good startup: the
    # file went bad under a running site and its cache was dropped.
    def broken():
        raise OSError("agents.json: unexpected end of data")

    monkeypatch.setattr(fixup_rules, "load", broken)
    fixup_rules._firefox_esr_majors.cache_clear()


FAULTS = {
    # fault: (how to break jreject, the visitor it breaks on)
    "detection": (lambda mp: mp.setattr(Detector, "_detect", _raise), IE6),
    "policy": (lambda mp: mp.setattr(RejectRules, "__call__", _raise), IE6),
    "rendering": (
        lambda mp: (
            mp.setattr(Notice, "fragment", _raise),
            mp.setattr(Notice, "block_page", _raise),
        ),
        IE6,
    ),
    "data": (_data_fails, FIREFOX),
}


@pytest.fixture
def restore_data_caches():
    yield
    fixup_rules._firefox_esr_majors.cache_clear()


def test_without_a_fault_both_visitors_are_judged(adapter):
    # The faults below must change something that works: here it does.
    for action in ("modal", "block"):
        app = adapter.build(action, True)
        for ua in (IE6, FIREFOX):
            outcome = call(adapter, app, adapter.page, ua)
            assert outcome.error is None
            assert NOTICE_MARK in outcome.body
            assert outcome.status == (406 if action == "block" else 200)


@pytest.mark.usefixtures("restore_data_caches")
@pytest.mark.parametrize("action", ["modal", "block"])
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_in_jreject_serves_the_bare_response_counted_and_logged_once(
    adapter, fault, action, monkeypatch, caplog, jreject_failures
):
    bare, app = adapter.build(action, False), adapter.build(action, True)
    # Started and warmed up before the fault, as a running site is.
    assert call(adapter, app, adapter.page, CHROME).error is None
    break_jreject, ua = FAULTS[fault]
    break_jreject(monkeypatch)
    caplog.set_level(logging.ERROR, logger="jreject")

    expected = call(adapter, bare, adapter.page, ua)
    assert expected.status == 200
    assert expected.body.endswith(PAGE[-20:])
    for _ in range(3):
        assert call(adapter, app, adapter.page, ua).same() == expected.same()
    assert jreject_failures == [1, 2, 3], "every failure is counted"
    records = jreject_errors(caplog)
    assert len(records) == 1, "logged once per interval"
    message = str(records[0].exc_info[1]) if records[0].exc_info else ""
    assert "injected fault" in message or "agents.json" in message


# -- the app's own failures, and the client's ----------------------------------------------

VISITORS = pytest.mark.parametrize("ua", [CHROME, IE6], ids=["allowed", "noticed"])


@VISITORS
def test_the_apps_body_error_propagates_once_untouched(adapter, ua, caplog, jreject_failures):
    caplog.set_level(logging.ERROR, logger="jreject")
    bare = call(adapter, adapter.build("modal", False), adapter.stream, ua, query="boom")
    bare_events = list(streams.STREAM_EVENTS)
    streams.STREAM_EVENTS.clear()
    got = call(adapter, adapter.build("modal", True), adapter.stream, ua, query="boom")

    assert streams.STREAM_EVENTS.count("raised") == 1, streams.STREAM_EVENTS
    assert streams.STREAM_EVENTS.count("closed") == 1, streams.STREAM_EVENTS
    assert bare_events == streams.STREAM_EVENTS
    # The very error the app raised reaches the server, as it does without jreject.
    assert isinstance(bare.error, streams.AppBoom)
    assert got.error is streams.STREAM_ERRORS[-1]
    assert jreject_failures == []
    assert jreject_errors(caplog) == []


@VISITORS
def test_a_client_gone_mid_body_closes_the_apps_stream_once(adapter, ua, caplog, jreject_failures):
    caplog.set_level(logging.ERROR, logger="jreject")
    if adapter.kind == "wsgi":
        # The server stops after the first chunk and calls close() (PEP 3333).
        options: dict[str, Any] = {"close_after": 1}
    else:
        options = {"send_fails": True}  # the server's send raises: the socket is closed
    bare = call(adapter, adapter.build("modal", False), adapter.stream, ua, **options)
    streams.STREAM_EVENTS.clear()
    got = call(adapter, adapter.build("modal", True), adapter.stream, ua, **options)

    assert streams.STREAM_EVENTS.count("closed") == 1, streams.STREAM_EVENTS
    assert "raised" not in streams.STREAM_EVENTS
    assert (type(got.error), str(got.error)) == (type(bare.error), str(bare.error))
    assert got.late == 0, "nothing is sent once the client is gone"
    assert jreject_failures == []
    assert jreject_errors(caplog) == []


@VISITORS
@pytest.mark.parametrize("name", sorted(n for n, a in ADAPTERS.items() if a.kind == "asgi"))
def test_a_client_gone_before_the_request_body_is_not_jrejects_failure(name, ua, jreject_failures):
    # ASGI tells the app with http.disconnect (WSGI only finds out when writing, above).
    # An app that reads it sends nothing; one that does not answers as usual.
    adapter = ADAPTERS[name]
    bare = call(adapter, adapter.build("modal", False), adapter.page, ua, disconnect=True)
    got = call(adapter, adapter.build("modal", True), adapter.page, ua, disconnect=True)
    assert (got.status, got.error) == (bare.status, bare.error)
    if bare.status is None:
        assert got.same() == bare.same()
    assert jreject_failures == []
