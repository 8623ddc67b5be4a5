from __future__ import annotations

import asyncio

import pytest

from jreject.demo.switch import VisitorSwitchASGI, VisitorSwitchWSGI, visitor_from_query
from jreject.demo.visitors import find_visitor

REAL_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36"
REAL_HEADERS = [
    (b"host", b"127.0.0.1"),
    (b"user-agent", REAL_UA.encode()),
    (b"sec-ch-ua", b'"Chromium";v="156", "Not:A-Brand";v="8"'),
    (b"Sec-CH-UA-Platform", b'"Linux"'),
    (b"accept", b"text/html"),
]


def run_asgi(query: bytes, scope_type: str = "http"):
    seen = {}

    async def app(scope, receive, send):
        seen.update(scope)

    scope = {"type": scope_type, "query_string": query, "headers": list(REAL_HEADERS)}
    asyncio.run(VisitorSwitchASGI(app)(scope, None, None))
    return seen


def test_query_names_a_visitor():
    assert visitor_from_query("as=ie11") is find_visitor("ie11")
    assert visitor_from_query(b"page=2&as=safari12") is find_visitor("safari12")
    assert visitor_from_query("as=ie6&as=ie11") is find_visitor("ie11")
    assert visitor_from_query("as=netscape") is None
    assert visitor_from_query("") is None


def test_asgi_swaps_user_agent_and_drops_the_real_browser_s_hints():
    headers = run_asgi(b"as=ie11")["headers"]
    names = [k for k, _ in headers]
    assert (b"user-agent", find_visitor("ie11").user_agent.encode()) in headers
    assert names.count(b"user-agent") == 1
    assert not any(k.lower().startswith(b"sec-ch-") for k in names)
    assert (b"host", b"127.0.0.1") in headers
    assert (b"accept", b"text/html") in headers


def test_asgi_sends_the_visitor_s_own_hints():
    edge = find_visitor("edge")
    headers = dict(run_asgi(b"as=edge")["headers"])
    assert headers[b"sec-ch-ua"] == edge.headers()["sec-ch-ua"].encode()
    assert headers[b"sec-ch-ua-platform"] == b'"Windows"'
    assert b"Sec-CH-UA-Platform" not in headers


@pytest.mark.parametrize("query", [b"", b"as=", b"as=netscape4", b"other=1"])
def test_asgi_without_a_known_visitor_passes_the_request_untouched(query):
    assert run_asgi(query)["headers"] == REAL_HEADERS


def test_asgi_leaves_other_scope_types_alone():
    assert run_asgi(b"as=ie6", scope_type="websocket")["headers"] == REAL_HEADERS


def test_wsgi_swaps_headers_on_a_copy_of_the_environ():
    environ = {
        "QUERY_STRING": "as=safari12",
        "HTTP_USER_AGENT": REAL_UA,
        "HTTP_SEC_CH_UA": '"Chromium";v="156"',
        "HTTP_SEC_CH_UA_MOBILE": "?0",
        "HTTP_ACCEPT": "text/html",
    }
    seen = {}

    def app(env, start_response):
        seen.update(env)
        return [b""]

    VisitorSwitchWSGI(app)(environ, lambda *a: None)
    assert seen["HTTP_USER_AGENT"] == find_visitor("safari12").user_agent
    assert not any(k.startswith("HTTP_SEC_CH_") for k in seen)
    assert seen["HTTP_ACCEPT"] == "text/html"
    assert environ["HTTP_USER_AGENT"] == REAL_UA  # the server's environ is not changed


def test_wsgi_without_a_visitor_passes_the_same_environ():
    environ = {"QUERY_STRING": "", "HTTP_USER_AGENT": REAL_UA}
    seen = []
    VisitorSwitchWSGI(lambda env, sr: seen.append(env) or [b""])(environ, lambda *a: None)
    assert seen[0] is environ
