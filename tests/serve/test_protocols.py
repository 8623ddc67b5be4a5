"""Where each proxy puts the original request."""

from __future__ import annotations

import pytest

from jreject.serve.protocols import PROTOCOLS, Original, original_request


def scope(*headers, path="/_jreject/auth/x", query=b"", scheme="http", method="GET"):
    return {
        "path": path,
        "query_string": query,
        "scheme": scheme,
        "method": method,
        "headers": [(k.encode(), v.encode()) for k, v in headers],
    }


def test_nginx_original_uri_and_method():
    found = original_request(
        scope(("x-original-uri", "/shop/boards?oak=1"), ("x-original-method", "post"))
    )
    assert found == Original("POST", "/shop/boards", "oak=1", https=False)


def test_traefik_forwarded_uri_proto_and_method():
    found = original_request(
        scope(
            ("x-forwarded-uri", "/cart"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-method", "HEAD"),
        )
    )
    assert found == Original("HEAD", "/cart", "", https=True)


def test_envoy_path_is_the_url_suffix_with_the_query():
    found = original_request(scope(path="/_jreject/auth/envoy/shop", query=b"a=1"), "shop")
    assert (found.path, found.query) == ("/shop", "a=1")
    assert original_request(scope(), "").path == "/"


@pytest.mark.parametrize(
    ("uri", "path"),
    [("", "/"), ("https://shop.test/boards?x", "/boards"), ("garbage", "/"), ("/", "/")],
)
def test_odd_uris_fall_back_to_a_path(uri, path):
    assert original_request(scope(("x-original-uri", uri))).path == path


def test_first_forwarded_proto_wins_and_the_scope_scheme_is_the_fallback():
    assert original_request(scope(("x-forwarded-proto", "https, http"))).https
    assert original_request(scope(scheme="https")).https
    assert not original_request(scope()).https


def test_only_traefik_and_envoy_send_the_page_in_the_answer():
    assert {name for name, p in PROTOCOLS.items() if p.block_with_page} == {"traefik", "envoy"}
