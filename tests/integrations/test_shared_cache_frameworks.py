"""The RFC 9111 shared cache of ``tests/middleware/test_shared_cache.py`` in front of every
adapter: plain WSGI and ASGI, Starlette, Flask and Django (sync and async).

The same visitors (a modern browser, an old one who gets the notice, a dismissed one, a
crawler, an old browser that holds the app's page, an older Chrome's page load and
``fetch``) ask for the same URL of the shop in ``cacheable_shop.py`` (``public,
max-age=600``, a strong ETag, ``304`` to a matching ``If-None-Match``), in orders
hypothesis generates, with the clock jumping past ``max-age``: no visitor may be served
another visitor's page, nor a ``304`` for a page it does not hold.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from test_http_rules import ADAPTERS

import middleware.test_shared_cache as model


def origin(serve):
    def call(headers: dict[str, str]) -> model.Answer:
        # As browsers spell them (the werkzeug clients' cookie jar takes "Cookie").
        answer = serve(model.CONFIG, "GET", {k.title(): v for k, v in headers.items()})
        return model.Answer(answer.status, list(answer.headers.items()), answer.body)

    return call


@pytest.mark.parametrize("name", sorted(ADAPTERS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=model.STEPS)
@example(steps=[("old", 0), ("modern", 0)])
@example(steps=[("modern", 0), ("old", 0), ("old-revalidating", 700)])
@example(steps=[("dismissed", 0), ("bot", 0), ("old", 0)])
@example(steps=[("old-chrome-fetch", 0), ("bot", 0), ("old-chrome-page", 0)])
def test_no_visitor_receives_another_visitors_page_from_any_adapter(name, steps):
    cache = model.SharedCache(origin(ADAPTERS[name]))
    for visitor_name, wait in steps:
        cache.now += wait
        visitor = model.VISITORS[visitor_name]
        answer, source = cache.request(dict(visitor.headers))
        if answer.status == 304:
            assert visitor.may_reuse, f"{visitor_name} got a 304 ({source}) for a page it lacks"
            continue
        assert answer.status == 200
        got = model.variant(answer)
        assert got == visitor.expects, f"{visitor_name} got the {got} page ({source})"
        if got == "notice":
            assert (answer.get("cache-control") or "").startswith("private")
            assert answer.get("etag") is None
            assert answer.get("last-modified") is None
