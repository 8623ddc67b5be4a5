"""The HTTP rules of issue 9 (§2 caching, §8 Content-Length, §9 page loads), over every adapter.

Plain WSGI and ASGI, Starlette, Flask and Django (sync and async) must answer alike: the
same shop (``cacheable_shop.py``: a page caches may keep, with a strong ETag and ``304`` answers) is
put behind each, and asked the same questions.
"""

from __future__ import annotations

import pytest
from asyncrun import run as run_async
from cacheable_shop import (
    CHROME,
    CHROME_PAGE,
    IE6,
    IE6_ACCEPT,
    MARK,
    PAGE,
    Answer,
    answer,
    asgi_app,
    django_answer,
    flask_index,
    starlette_shop,
    via_httpx,
    with_cookie,
    wsgi_app,
)
from django.test import AsyncClient, Client, override_settings
from flask import Flask
from werkzeug.test import Client as WerkzeugClient

from jreject.flask import JReject
from jreject.middleware import JRejectASGI, JRejectWSGI, inject
from jreject.starlette import JRejectMiddleware

NOTICE = {"policy": [{"reject": {"msie": 8}, "action": "modal"}]}
BLOCK = {"policy": [{"reject": {"msie": 8}, "action": "block"}]}


# -- one server per adapter ---------------------------------------------------------------


def serve_wsgi(config, method, headers):
    client = WerkzeugClient(JRejectWSGI(wsgi_app, config=config))
    response = client.open("/", method=method, headers=with_cookie(client, headers))
    body = b"" if method == "HEAD" else response.get_data()  # as a server does
    return answer(response.status_code, response.headers.items(), body)


def serve_asgi(config, method, headers):
    return run_async(via_httpx(JRejectASGI(asgi_app, config=config), method, headers))


def serve_starlette(config, method, headers):
    app = starlette_shop("/")
    app.add_middleware(JRejectMiddleware, config=config)
    return run_async(via_httpx(app, method, headers))


def serve_flask(config, method, headers):
    app = Flask(__name__)
    app.config["JREJECT"] = config
    app.add_url_rule("/", "index", flask_index)
    JReject(app)
    client = app.test_client()
    response = client.open("/", method=method, headers=with_cookie(client, headers))
    return answer(response.status_code, response.headers.items(), response.get_data())


def serve_django(config, method, headers):
    with override_settings(JREJECT=config):
        return django_answer(Client().generic(method, "/cached/", headers=headers))


def serve_django_async(config, method, headers):
    async def run():
        return await AsyncClient().generic(method, "/async-cached/", headers=headers)

    with override_settings(JREJECT=config):
        return django_answer(run_async(run()))


ADAPTERS = {
    "wsgi": serve_wsgi,
    "asgi": serve_asgi,
    "starlette": serve_starlette,
    "flask": serve_flask,
    "django-sync": serve_django,
    "django-async": serve_django_async,
}


@pytest.fixture(params=sorted(ADAPTERS))
def serve(request):
    return ADAPTERS[request.param]


def ie6(**more: str) -> dict[str, str]:
    return {"User-Agent": IE6, "Accept": IE6_ACCEPT, **more}


def assert_length_is_true(result: Answer) -> None:
    length = result.length()
    assert length is None or length == len(result.body)


# -- §2: the notice's page is private and has none of the app's validators ---------------


def test_notice_page_answers_a_conditional_request_whole_and_private(serve):
    # The visitor's browser holds the app's page ("v1"): it must get the notice's page.
    result = serve(NOTICE, "GET", ie6(**{"If-None-Match": '"v1"'}))
    assert result.status == 200
    assert MARK in result.body
    assert "etag" not in result.headers
    assert "last-modified" not in result.headers
    control = [d.strip() for d in result.headers["cache-control"].split(",")]
    assert control[0] == "private"
    assert "public" not in control
    assert "Cookie" in result.headers["vary"]
    assert_length_is_true(result)


def test_allowed_visitors_keep_the_apps_validators_and_304s(serve):
    full = serve(NOTICE, "GET", {"User-Agent": CHROME, **CHROME_PAGE})
    assert full.status == 200
    assert MARK not in full.body
    assert full.headers["etag"] == '"v1"'
    assert full.headers["cache-control"] == "public, max-age=600"
    again = serve(NOTICE, "GET", {"User-Agent": CHROME, **CHROME_PAGE, "If-None-Match": '"v1"'})
    assert again.status == 304


def test_dismissed_visitor_gets_the_apps_page_privately(serve):
    result = serve(NOTICE, "GET", ie6(Cookie="jreject_closed=1"))
    assert MARK not in result.body
    assert result.headers["etag"] == '"v1"'
    assert result.headers["cache-control"] == "private, max-age=600"


def test_block_page_is_not_stored_and_has_no_validators(serve):
    result = serve(BLOCK, "GET", ie6(**{"If-None-Match": '"v1"'}))
    assert result.status == 406
    assert result.headers["cache-control"] == "no-store"
    assert "etag" not in result.headers
    assert "last-modified" not in result.headers


# -- §8: Content-Length is the body's, whatever fails ---------------------------------------


def test_a_failing_splicer_never_breaks_the_announced_length(serve, monkeypatch):
    def broken(self, chunk):
        raise RuntimeError("splicer broke")

    monkeypatch.setattr(inject.Splicer, "feed", broken)
    monkeypatch.setattr(inject.Splicer, "finish", broken)
    result = serve(NOTICE, "GET", ie6())
    assert result.status == 200
    assert result.body == PAGE
    assert_length_is_true(result)


# -- §9: only page loads; HEAD says what GET would -------------------------------------


@pytest.mark.parametrize("config", [NOTICE, BLOCK], ids=["notice", "block"])
@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"X-Requested-With": "XMLHttpRequest", "Accept": "*/*"}, id="xhr"),
        pytest.param({"HX-Request": "true", "Accept": "text/html"}, id="htmx"),
        pytest.param({"Accept": "application/json"}, id="api"),
    ],
)
def test_requests_that_are_not_page_loads_get_the_apps_answer(serve, config, extra):
    result = serve(config, "GET", {"User-Agent": IE6, **extra})
    assert result.status == 200
    assert result.body == PAGE
    assert result.headers["etag"] == '"v1"'


@pytest.mark.parametrize(
    "purpose",
    ["prefetch", "prefetch;prerender", "prefetch;anonymous-client-ip"],
)
def test_a_speculative_page_load_gets_what_the_page_load_would(serve, purpose):
    # Speculation rules fetch the page as a navigation (Sec-Fetch-Dest: document) and
    # show that very response when the visitor follows the link: without the notice,
    # a prefetched page would be a way around it.
    headers = {
        "User-Agent": IE6,
        "Accept": "text/html",
        "Sec-Fetch-Dest": "document",
        "Sec-Purpose": purpose,
    }
    assert MARK in serve(NOTICE, "GET", headers).body
    assert serve(BLOCK, "GET", headers).status == 406


@pytest.mark.parametrize("config", [NOTICE, BLOCK], ids=["notice", "block"])
def test_head_announces_the_length_get_would(serve, config):
    get = serve(config, "GET", ie6())
    head = serve(config, "HEAD", ie6())
    assert head.status == get.status
    assert head.body == b""
    assert head.length() == get.length()
    assert_length_is_true(get)
