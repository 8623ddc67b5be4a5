"""Cache-friendly mode (``[middleware] cache_friendly = true``) over every adapter.

Plain WSGI and ASGI, Starlette, Flask and Django (sync and async) must answer alike: one
page for every browser (the ``v.js`` script tag, no ``Vary`` from jreject, the app's
validators and 304s kept), ``<prefix>/v.js`` and ``<prefix>/notice`` decided per
browser, and exempt views untouched. The apps are the shop of ``cacheable_shop.py``.
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
from flask import Blueprint, Flask, g, render_template_string
from werkzeug.test import Client as WerkzeugClient

from jreject.flask import JReject, jreject_exempt, jreject_policy
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.middleware.cachefriendly import CacheFriendly
from jreject.starlette import JRejectMiddleware

SCRIPT = b'<script src="/_jreject/v.js" async></script>'
TIERS = {
    "modal": [{"reject": {"msie": 8}, "action": "modal"}],
    "block": [{"reject": {"msie": 8}, "action": "block"}],
}
#: The plain middlewares know no views: their "exempt view" is an excluded path.
EXCLUDE = {"exclude": ["/exempt/"]}


def config(action: str = "modal", **middleware: object) -> dict[str, object]:
    return {"policy": TIERS[action], "middleware": {"cache_friendly": True, **middleware}}


def ie6(**more: str) -> dict[str, str]:
    return {"User-Agent": IE6, "Accept": IE6_ACCEPT, **more}


def chrome(**more: str) -> dict[str, str]:
    return {"User-Agent": CHROME, **CHROME_PAGE, **more}


# -- one server per adapter; ``path`` is "/" (the app's page), "/exempt/" or jreject's own --


def serve_wsgi(action, method, path, headers):
    client = WerkzeugClient(JRejectWSGI(wsgi_app, config=config(action, **EXCLUDE)))
    response = client.open(path, method=method, headers=with_cookie(client, headers))
    return answer(response.status_code, response.headers.items(), response.get_data())


def serve_asgi(action, method, path, headers):
    app = JRejectASGI(asgi_app, config=config(action, **EXCLUDE))
    return run_async(via_httpx(app, method, headers, path))


def serve_starlette(action, method, path, headers):
    app = starlette_shop("/", "/exempt/")
    app.add_middleware(JRejectMiddleware, config=config(action, **EXCLUDE))
    return run_async(via_httpx(app, method, headers, path))


def flask_app(action: str = "modal") -> Flask:
    app = Flask(__name__)
    app.config["JREJECT"] = config(action)

    app.add_url_rule("/", "index", flask_index)
    app.add_url_rule("/exempt/", "exempt", jreject_exempt(lambda: flask_index()))
    strict = jreject_policy(minimum={"preset": "modern"}, action="block")(lambda: flask_index())
    app.add_url_rule("/strict/", "strict", strict)
    shop = Blueprint("shop", __name__)
    shop.add_url_rule("/", "index", lambda: flask_index())
    app.register_blueprint(jreject_exempt(shop), url_prefix="/shop")
    JReject(app)
    return app


def serve_flask(action, method, path, headers):
    client = flask_app(action).test_client()
    response = client.open(path, method=method, headers=with_cookie(client, headers))
    return answer(response.status_code, response.headers.items(), response.get_data())


def django_path(path: str, prefix: str = "") -> str:
    return {"/": f"/{prefix}cached/", "/exempt/": f"/{prefix}exempt/"}.get(path, path)


#: Allowed by the site's policy (``msie <= 8``), refused by the strict view's (modern only).
IE9 = "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)"


def serve_django(action, method, path, headers):
    with override_settings(JREJECT=config(action)):
        return django_answer(Client().generic(method, django_path(path), headers=headers))


def serve_django_async(action, method, path, headers):
    async def run():
        return await AsyncClient().generic(method, django_path(path, "async-"), headers=headers)

    with override_settings(JREJECT=config(action)):
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


def vary_of(result: Answer) -> set[str]:
    return {name.strip().lower() for name in result.headers.get("vary", "").split(",") if name}


# -- pages: the same for every browser ------------------------------------------------------


def test_old_and_new_browsers_get_the_same_page_with_the_script_tag(serve):
    old = serve("modal", "GET", "/", ie6())
    new = serve("modal", "GET", "/", chrome())
    assert old.status == new.status == 200
    assert old.body == new.body
    assert SCRIPT in old.body
    assert old.body.index(SCRIPT) < old.body.index(b"</body>")
    assert MARK not in old.body
    for result in (old, new):
        # Other middleware may vary on its own headers (Django's LocaleMiddleware), not jreject.
        assert not vary_of(result) & {"user-agent", "sec-ch-ua", "cookie", "accept"}
        assert result.headers["etag"] == '"v1"'
        assert result.headers["cache-control"] == "public, max-age=600"
        length = result.length()
        assert length is None or length == len(result.body)


def test_a_conditional_request_still_gets_the_apps_304(serve):
    result = serve("modal", "GET", "/", ie6(**{"If-None-Match": '"v1"'}))
    assert result.status == 304


def test_a_blocked_browser_gets_the_shared_page_too(serve):
    assert serve("block", "GET", "/", ie6()).body == serve("block", "GET", "/", chrome()).body


def test_an_exempt_view_is_untouched(serve):
    result = serve("modal", "GET", "/exempt/", ie6())
    assert result.status == 200
    assert result.body == PAGE


# -- <prefix>/v.js and <prefix>/notice: decided per browser -----------------------------------


def test_v_js_differs_per_browser_and_varies_on_the_detection_headers(serve):
    new = serve("modal", "GET", "/_jreject/v.js", chrome())
    old = serve("modal", "GET", "/_jreject/v.js", ie6(Referer="http://testserver/"))
    assert new.status == old.status == 200
    assert (
        new.headers["content-type"]
        == old.headers["content-type"]
        == "text/javascript; charset=utf-8"
    )
    assert new.body == b""
    assert new.headers["cache-control"] == "public, max-age=3600"
    assert b"jreject notice" in old.body
    assert old.headers["cache-control"] == "private, no-store"
    for result in (new, old):
        assert {"user-agent", "sec-ch-ua"} <= vary_of(result)
    assert "cookie" in vary_of(old)


def test_v_js_sends_a_blocked_browser_to_the_notice_endpoint(serve):
    result = serve("block", "GET", "/_jreject/v.js", ie6())
    assert b"location.replace" in result.body
    assert b'"/_jreject/notice"' in result.body


def test_the_notice_endpoint_shows_the_notice_to_a_warned_browser(serve):
    result = serve("modal", "GET", "/_jreject/notice?next=/", ie6())
    assert result.status == 200
    assert MARK in result.body
    assert result.headers["cache-control"] == "no-store"


def test_the_notice_endpoint_answers_406_to_a_blocked_browser(serve):
    result = serve("block", "GET", "/_jreject/notice?next=/", ie6())
    assert result.status == 406
    assert MARK in result.body


def test_the_notice_endpoint_sends_a_supported_browser_back(serve):
    result = serve("modal", "GET", "/_jreject/notice?next=/", chrome())
    assert result.status == 303
    assert result.headers["location"] == "/"


# -- fail-open ---------------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["prepare", "plan"])
def test_a_failing_cache_friendly_step_serves_the_page_unmodified(serve, monkeypatch, step):
    def broken(*args, **kwargs):
        raise RuntimeError("cache-friendly broke")

    monkeypatch.setattr(CacheFriendly, step, broken)
    result = serve("modal", "GET", "/", ie6())
    assert result.status == 200
    assert result.body == PAGE


# -- what the frameworks' views see ----------------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_django_views_see_no_verdict_on_a_shared_page(mode):
    with override_settings(JREJECT=config()):
        if mode == "sync":
            request = Client().get("/cached/", headers=ie6()).wsgi_request
        else:
            request = run_async(AsyncClient().get("/async-cached/", headers=ie6())).asgi_request
    assert hasattr(request, "jreject")
    assert request.jreject is None


def test_django_template_tag_places_the_tags_once():
    with override_settings(JREJECT=config()):
        response = Client().get("/manual/", headers=ie6())
    body = response.content
    assert body.count(SCRIPT) == 1
    assert body.index(SCRIPT) < body.index(b"</header>")
    assert response.headers["Content-Length"] == str(len(body))


def test_django_template_tag_in_a_cached_view_places_the_tags_once_on_every_copy():
    # cache_page keeps the first response's body: the tags must not be in it twice later.
    from django.core.cache import cache

    cache.clear()
    with override_settings(JREJECT=config()):
        for headers in (chrome(), ie6(), chrome()):
            body = Client().get("/cached-manual/", headers=headers).content
            assert body.count(SCRIPT) == 1
            assert body.count(b"<noscript>") == 1
            assert body.index(SCRIPT) < body.index(b"</header>")


def test_flask_jinja_global_in_a_cached_view_places_the_tags_once_on_every_copy():
    app = flask_app()
    store: dict[str, str] = {}

    @app.route("/cached/")
    def cached():
        if "page" not in store:
            store["page"] = render_template_string(
                "<html><body><p>{{ jreject_notice() }}</p><h1>Shop</h1></body></html>"
            )
        return store["page"]

    for headers in (ie6(), chrome(), ie6()):
        body = app.test_client().get("/cached/", headers=headers).get_data()
        assert body.count(SCRIPT) == 1
        assert body.index(SCRIPT) < body.index(b"</p>")


def test_flask_views_see_no_verdict_and_the_jinja_global_places_the_tags_once():
    app = flask_app()
    seen = []

    @app.route("/manual/")
    def manual():
        seen.append(g.jreject)
        return render_template_string(
            "<html><body><p>{{ jreject_notice() }}</p><h1>Shop</h1></body></html>"
        )

    response = app.test_client().get("/manual/", headers=ie6())
    body = response.get_data()
    assert seen == [None]
    assert body.count(SCRIPT) == 1
    assert body.index(SCRIPT) < body.index(b"</p>")


# -- per-view policies: v.js and notice judge by the policy of the page's view ---------------

FRAMEWORKS = {
    "flask": serve_flask,
    "django-sync": serve_django,
    "django-async": serve_django_async,
}


@pytest.fixture(params=sorted(FRAMEWORKS))
def framework(request):
    return FRAMEWORKS[request.param]


def test_a_view_with_its_own_policy_names_its_page_in_the_script_url(framework):
    strict = framework("modal", "GET", "/strict/", ie6())
    assert b'<script src="/_jreject/v.js?next=/strict/" async></script>' in strict.body
    assert strict.body == framework("modal", "GET", "/strict/", chrome()).body
    plain = framework("modal", "GET", "/", ie6())
    assert SCRIPT in plain.body


def test_v_js_for_a_strict_page_judges_by_the_views_policy(framework):
    ua = {"User-Agent": IE9, "Accept": IE6_ACCEPT}
    strict = framework("modal", "GET", "/_jreject/v.js?next=/strict/", ua)
    assert b"location.replace" in strict.body
    site = framework("modal", "GET", "/_jreject/v.js", ua)
    assert site.body == b""
    assert framework("modal", "GET", "/_jreject/notice?next=/strict/", ua).status == 406
    assert framework("modal", "GET", "/_jreject/notice?next=/", ua).status == 303


def test_v_js_and_notice_for_an_exempt_page_show_nothing(framework):
    assert framework("modal", "GET", "/_jreject/v.js?next=/exempt/", ie6()).body == b""
    result = framework("modal", "GET", "/_jreject/notice?next=/exempt/", ie6())
    assert result.status == 303
    assert result.headers["location"] == "/exempt/"


def test_flask_exempt_blueprint_pages_are_untouched_and_its_notice_shows_nothing():
    client = flask_app().test_client()
    assert client.get("/shop/", headers=ie6()).get_data() == PAGE
    assert client.get("/_jreject/notice?next=/shop/", headers=ie6()).status_code == 303


def test_a_failing_v_js_falls_through_to_the_app(framework, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("v.js broke")

    monkeypatch.setattr(CacheFriendly, "respond", broken)
    # As any error of jreject's own: the request reaches the app, which knows no such URL.
    assert framework("modal", "GET", "/_jreject/v.js?next=/strict/", ie6()).status == 404
