"""What the app's page holds, over every adapter: one body, whole or streamed, behind plain
WSGI and ASGI, Starlette, Flask and Django (sync and async), for a visitor who gets the modal.

Each adapter splices through its own path (a whole body, a streamed one, Django's and
Flask's response objects), so a rule about the page's bytes is checked on all of them.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from asyncrun import run as run_async
from django.http import HttpResponse, StreamingHttpResponse
from django.test import AsyncClient, Client, override_settings
from django.urls import path
from flask import Flask
from flask import Response as FlaskResponse
from starlette.applications import Starlette
from starlette.responses import Response as StarletteResponse
from starlette.responses import StreamingResponse
from starlette.routing import Route
from werkzeug.test import Client as WerkzeugClient

from jreject.flask import JReject
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.starlette import JRejectMiddleware

IE7 = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1)"
MODAL = {"policy": [{"reject": {"msie": 8}, "action": "modal"}]}
MARK = b'id="jreject"'

#: What the page's view answers: set by each test before the request.
PAGE: dict[str, object] = {"type": "text/html", "chunks": [b""]}


def _chunks() -> list[bytes]:
    return list(PAGE["chunks"])  # type: ignore[call-overload]


def _type() -> str:
    return str(PAGE["type"])


# -- the page, in each framework: /whole sends one body, /stream the chunks one by one ----


def wsgi_page(environ, start_response):
    headers = [("Content-Type", _type())]
    if environ["PATH_INFO"] == "/whole":
        body = b"".join(_chunks())
        start_response("200 OK", [*headers, ("Content-Length", str(len(body)))])
        return [body]
    start_response("200 OK", headers)
    return iter(_chunks())


async def asgi_page(scope, receive, send):
    headers = [(b"content-type", _type().encode())]
    chunks = [b"".join(_chunks())] if scope["path"] == "/whole" else _chunks()
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    for i, chunk in enumerate(chunks):
        more = i < len(chunks) - 1
        await send({"type": "http.response.body", "body": chunk, "more_body": more})


def starlette_app() -> Starlette:
    async def whole(request):
        return StarletteResponse(b"".join(_chunks()), headers={"Content-Type": _type()})

    async def stream(request):
        async def parts():
            for chunk in _chunks():
                yield chunk

        return StreamingResponse(parts(), headers={"Content-Type": _type()})

    app = Starlette(routes=[Route("/whole", whole), Route("/stream", stream)])
    app.add_middleware(JRejectMiddleware, config=MODAL)
    return app


def flask_app() -> Flask:
    app = Flask(__name__)
    app.config["JREJECT"] = MODAL
    app.add_url_rule(
        "/whole", "whole", lambda: FlaskResponse(b"".join(_chunks()), content_type=_type())
    )
    app.add_url_rule(
        "/stream", "stream", lambda: FlaskResponse(iter(_chunks()), content_type=_type())
    )
    JReject(app)
    return app


def django_whole(request):
    return HttpResponse(b"".join(_chunks()), content_type=_type())


def django_stream(request):
    return StreamingHttpResponse(iter(_chunks()), content_type=_type())


async def django_async_whole(request):
    return django_whole(request)


async def django_async_stream(request):
    async def parts():
        for chunk in _chunks():
            yield chunk

    return StreamingHttpResponse(parts(), content_type=_type())


urlpatterns = [
    path("whole", django_whole),
    path("stream", django_stream),
    path("async/whole", django_async_whole),
    path("async/stream", django_async_stream),
]


# -- asking each one ----------------------------------------------------------------------

Answer = tuple[int, dict[str, str], bytes]


def _werkzeug(app, where: str) -> Answer:
    response = WerkzeugClient(app).get(where, headers={"User-Agent": IE7, "Accept": "*/*"})
    headers = {k.lower(): v for k, v in response.headers.items()}
    return response.status_code, headers, response.get_data()


def _httpx(app, where: str) -> Answer:
    async def ask():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            return await c.get(where, headers={"User-Agent": IE7, "Accept": "*/*"})

    response = run_async(ask())
    return response.status_code, dict(response.headers), response.content


def _django(response) -> Answer:
    if hasattr(response, "content_read"):
        body = response.content_read
    elif response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return response.status_code, {k.lower(): v for k, v in response.headers.items()}, body


def ask_django(where: str) -> Answer:
    with override_settings(JREJECT=MODAL, ROOT_URLCONF=__name__):
        return _django(Client().get(where, headers={"User-Agent": IE7, "Accept": "*/*"}))


def ask_django_async(where: str) -> Answer:
    async def ask():
        response = await AsyncClient().get(
            "/async" + where, headers={"User-Agent": IE7, "Accept": "*/*"}
        )
        if response.streaming:  # read as the ASGI handler does
            response.content_read = b"".join([part async for part in response.streaming_content])
        return response

    with override_settings(JREJECT=MODAL, ROOT_URLCONF=__name__):
        return _django(run_async(ask()))


ADAPTERS: dict[str, Callable[[str], Answer]] = {
    "wsgi": lambda where: _werkzeug(JRejectWSGI(wsgi_page, config=MODAL), where),
    "asgi": lambda where: _httpx(JRejectASGI(asgi_page, config=MODAL), where),
    "starlette": lambda where: _httpx(starlette_app(), where),
    "flask": lambda where: _werkzeug(flask_app(), where),
    "django-sync": ask_django,
    "django-async": ask_django_async,
}


@pytest.fixture(params=sorted(ADAPTERS))
def ask(request):
    return ADAPTERS[request.param]


@pytest.fixture(params=["/whole", "/stream"])
def where(request):
    return request.param


def test_a_page_in_utf8_gets_the_notice(ask, where):
    PAGE.update(type="text/html; charset=utf-8", chunks=[b"<html><body>h", b"i</body></html>"])
    status, headers, body = ask(where)
    assert status == 200
    assert MARK in body
    assert int(headers.get("content-length", len(body))) == len(body)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("declared", ["text/html", "text/html; charset=utf-8"])
def test_a_page_with_a_utf16_byte_order_mark_goes_out_as_the_app_sent_it(
    ask, where, encoding, declared
):
    # Browsers read the page by its byte order mark, whatever its Content-Type says:
    # the notice's ASCII bytes in it would show as a line of garbage.
    data = "\ufeff<html><body>hi</body></html>".encode(encoding)
    PAGE.update(type=declared, chunks=[data[:7], data[7:]])
    status, headers, body = ask(where)
    assert status == 200
    assert body == data
    assert int(headers.get("content-length", len(data))) == len(data)
