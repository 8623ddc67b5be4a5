"""The app's own exceptions go through jreject exactly once, untouched (issue 9 §1).

A POST handler that raises must not run twice, and its error is the app's, never
counted or logged as jreject's. One suite over every adapter: plain WSGI and ASGI,
Django (sync and async views), Flask and Starlette, for an allowed visitor and for
one who gets the notice.
"""

from __future__ import annotations

import httpx
import pytest
from asyncrun import run as run_async
from django.test import Client
from django_project import views as django_views
from flask import Flask
from starlette.applications import Starlette
from starlette.routing import Route

from jreject.flask import JReject
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.middleware.respond import Engine
from jreject.starlette import JRejectMiddleware

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"
)
CONFIG = {"policy": [{"reject": {"msie": 8}, "action": "modal"}]}


class AppBoom(Exception):
    pass


def wsgi_raises(ua, calls):
    def app(environ, start_response):
        calls.append(environ["REQUEST_METHOD"])
        raise AppBoom("the app failed")

    wrapped = JRejectWSGI(app, config=CONFIG)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_USER_AGENT": ua,
        "HTTP_ACCEPT": "text/html",
        "wsgi.url_scheme": "http",
    }
    wrapped(environ, lambda status, headers, exc_info=None: None)


def asgi_raises(ua, calls):
    async def app(scope, receive, send):
        calls.append(scope["method"])
        raise AppBoom("the app failed")

    run_async(post(JRejectASGI(app, config=CONFIG), ua))


def starlette_raises(ua, calls):
    async def endpoint(request):
        calls.append(request.method)
        raise AppBoom("the endpoint failed")

    app = Starlette(routes=[Route("/", endpoint, methods=["POST"])])
    app.add_middleware(JRejectMiddleware, config=CONFIG)
    run_async(post(app, ua))


async def post(app, ua):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await client.post("/", headers={"User-Agent": ua, "Accept": "text/html"})


def flask_raises(ua, calls):
    app = Flask(__name__)
    app.testing = True  # Flask re-raises the view's error instead of answering 500
    app.config["JREJECT"] = CONFIG

    def index():
        calls.append("POST")
        raise AppBoom("the view failed")

    app.add_url_rule("/", "index", index, methods=["POST"])
    JReject(app)
    app.test_client().post("/", headers={"User-Agent": ua, "Accept": "text/html"})


def django_raises(path):
    def serve(ua, calls):
        django_views.BOOM_CALLS.clear()
        try:
            Client(headers={"User-Agent": ua, "Accept": "text/html"}).post(path)
        finally:
            calls.extend(django_views.BOOM_CALLS)

    return serve


ADAPTERS = {
    "wsgi": (wsgi_raises, AppBoom),
    "asgi": (asgi_raises, AppBoom),
    "starlette": (starlette_raises, AppBoom),
    "flask": (flask_raises, AppBoom),
    "django-sync": (django_raises("/boom/"), django_views.AppBoom),
    "django-async": (django_raises("/async-boom/"), django_views.AppBoom),
}


@pytest.fixture
def jreject_failures(monkeypatch):
    """Every call of Engine.failed, i.e. every error jreject counts as its own."""
    seen: list[str] = []
    original = Engine.failed

    def spy(self, when):
        seen.append(when)
        original(self, when)

    monkeypatch.setattr(Engine, "failed", spy)
    return seen


@pytest.mark.parametrize("ua", [CHROME, IE6], ids=["allowed", "noticed"])
@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_app_error_propagates_once_and_is_not_jrejects(adapter, ua, jreject_failures):
    serve, error = ADAPTERS[adapter]
    calls: list[str] = []
    with pytest.raises(error):
        serve(ua, calls)
    assert calls == ["POST"], "the app must run exactly once"
    assert jreject_failures == []
